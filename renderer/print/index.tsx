import { useEffect } from 'react';
import { Button } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { LedgerFilter, LedgerQuery, LedgerRow } from '../../shared/contract/index.ts';
import { chineseDate } from '../../shared/domain/dates.ts';
import { call } from '../api.ts';
import { useAction } from '../components/use-submit.ts';
import { AssignmentSheet } from './AssignmentSheet.tsx';
import { LedgerPrintTable } from './LedgerPrintTable.tsx';
import { printContent } from './print-root.tsx';
import './print.css';

/**
 * Printing for the ledger and a finding (issue 4). The ledger page mounts <PrintLedgerButton
 * filter={…} /> and usePrintShortcut(…); the finding page mounts <PrintAssignmentButton findingId={…} />.
 */

export interface LedgerPrintOptions {
  /** The ledger's sort, so the paper is in the order on screen. */
  sort?: LedgerQuery['sort'];
  order?: LedgerQuery['order'];
  /** A line under the title, e.g. the filter in words. */
  caption?: string;
}

/** Every row the ledger's filter selects, in the ledger's order (the core pages at 500). */
async function allRows(filter: LedgerFilter, o: LedgerPrintOptions): Promise<LedgerRow[]> {
  const rows: LedgerRow[] = [];
  for (let page = 1; ; page++) {
    const res = await call('ledger:query', { filter, sort: o.sort, order: o.order, page, pageSize: 500 });
    rows.push(...res.rows);
    if (rows.length >= res.total || res.rows.length === 0) return rows;
  }
}

/** Print the ledger as filtered: A4 landscape, the header repeated on every page. */
export async function printLedger(filter: LedgerFilter, options: LedgerPrintOptions = {}): Promise<void> {
  const [rows, info] = await Promise.all([allRows(filter, options), call('app:info', {})]);
  const caption = options.caption ?? '';
  const office = info.settings.officeName;
  const title = `${office ? `${office.replace(/统战部$/, '')}` : ''}民主监督反馈问题整改台账`;
  await printContent(
    <LedgerPrintTable title={title} caption={[office && `填报单位：${office}`, caption].filter(Boolean).join('    ')} asOf={`截至 ${chineseDate(info.today)}`} rows={rows} />,
    { landscape: true, title },
  );
}

/** Print one finding as a 交办单 on a portrait page. */
export async function printAssignmentSheet(findingId: number): Promise<void> {
  const [finding, info] = await Promise.all([call('findings:get', { id: findingId }), call('app:info', {})]);
  await printContent(<AssignmentSheet finding={finding} officeName={info.settings.officeName} today={info.today} />, {
    landscape: false,
    title: '整改交办单',
  });
}

export function PrintLedgerButton({ filter, ...options }: { filter: LedgerFilter } & LedgerPrintOptions) {
  const { busy, run: go } = useAction(() => printLedger(filter, options));
  return (
    <Button icon={<PrinterOutlined />} loading={busy} onClick={() => void go()} data-testid="print-ledger-button">
      打印
    </Button>
  );
}

export function PrintAssignmentButton({ findingId, size }: { findingId: number; size?: 'small' | 'middle' }) {
  const { busy, run: go } = useAction(() => printAssignmentSheet(findingId));
  return (
    <Button size={size} icon={<PrinterOutlined />} loading={busy} onClick={() => void go()} data-testid="print-assignment-button">
      交办单
    </Button>
  );
}

/** Ctrl+P (⌘P) prints through `print` instead of the raw screen, while the page that mounts it is open. */
export function usePrintShortcut(print: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        print();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [print]);
}
