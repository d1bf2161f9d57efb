import type { LedgerRow } from '../../shared/contract/index.ts';
import { MEASURE_STATUS_LABEL } from '../../shared/domain/vocabulary.ts';
import { deadlineLabel } from '../components/labels.tsx';

/** The printed ledger: a plain table whose header row repeats on every page. */

interface Column {
  header: string;
  /** Share of the page width, in per cent. */
  width: number;
  centre?: boolean;
  value(r: LedgerRow): string;
}

const COLUMNS: Column[] = [
  { header: '序号', width: 4, centre: true, value: (r) => `${r.findingSeq}.${r.measureSeq}` },
  { header: '反馈来源', width: 8, value: (r) => r.batchLabel },
  { header: '问题类别', width: 6, value: (r) => r.category ?? '' },
  { header: '反馈问题', width: 17, value: (r) => r.findingText },
  { header: '整改措施', width: 17, value: (r) => r.measureText },
  { header: '牵头单位', width: 8, value: (r) => r.leadUnitName },
  { header: '配合单位', width: 6, value: (r) => r.coUnitNames.join('、') },
  { header: '责任人', width: 5, centre: true, value: (r) => [r.leader, r.person].filter(Boolean).join('\n') },
  { header: '整改时限', width: 7, centre: true, value: (r) => deadlineLabel(r.deadlineKind, r.deadlineDate, r.deadlineText) },
  { header: '整改进展情况', width: 11, value: (r) => (r.lastProgressDate ? `${r.lastProgressDate}：${r.lastProgressText ?? ''}` : '') },
  { header: '状态', width: 5, centre: true, value: (r) => MEASURE_STATUS_LABEL[r.status] },
  { header: '预警', width: 6, centre: true, value: (r) => (r.signal === 'green' ? '' : r.signalReason) },
];

export interface LedgerPrintProps {
  title: string;
  /** "填报单位：…" / the filter in words. */
  caption: string;
  /** "截至 2026年11月21日" */
  asOf: string;
  rows: readonly LedgerRow[];
}

export function LedgerPrintTable({ title, caption, asOf, rows }: LedgerPrintProps) {
  return (
    <div className="print-ledger" data-testid="print-ledger">
      <h1>{title}</h1>
      <div className="print-caption">
        <span>{caption}</span>
        <span>{asOf}</span>
      </div>
      <table className="print-table">
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.header} style={{ width: `${c.width}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.header}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.measureId}>
              {COLUMNS.map((c) => (
                <td key={c.header} className={[c.centre ? 'c' : '', c.header === '预警' && r.signal !== 'green' ? `sig-${r.signal}` : ''].join(' ')}>
                  {c.value(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
