import type { Paragraph } from 'docx';
import { measureNumber } from '../../../../domain/numbering.ts';
import { REPORT_STATUS_WORD } from '../../../../domain/vocabulary.ts';
import { deadlineWords } from '../../columns.ts';
import { chineseNumeral, groupLabel } from '../../grouping.ts';
import type { ReportRow } from '../../model.ts';
import { COMPLETION_RATE_NOTE, ON_TIME_RATE_NOTE, UNIT_COUNT_NOTE, byUnit, percent } from '../../stats.ts';
import type { CellValue } from '../table-xml.ts';
import { GbDocument, annexLabel, annexTitle, blank, note, TEXT_WIDTH, type TableColumn, type TableRow } from '../blocks.ts';

/**
 * The annexes on landscape pages: 附件1 the 整改台账 — one row per measure, numbered in the one
 * numbering (3-2), grouped by feedback batch and 方面, no row split across pages, the header row
 * repeated — and 附件2 the figures per 牵头单位.
 */

/** Rows per table: a long list is printed as consecutive tables (GbDocument.longTable). */
export const ANNEX_CHUNK_ROWS = 150;

const LEDGER_COLUMNS: TableColumn[] = [
  { header: '序号', weight: 6, align: 'center' },
  { header: '反馈问题', weight: 26 },
  { header: '整改措施', weight: 29 },
  { header: '牵头单位', weight: 11 },
  { header: '配合单位', weight: 10 },
  { header: '整改时限', weight: 10, align: 'center' },
  { header: '整改情况', weight: 9, align: 'center' },
  { header: '销号时间', weight: 9, align: 'center' },
];

/** Dates in a table cell as "2026.6.30": short enough for a narrow column, and never the ISO form. */
const dotted = (text: string) => text.replace(/(\d{4})-(\d{2})-(\d{2})/g, (_m, y: string, m: string, d: string) => `${y}.${Number(m)}.${Number(d)}`);

export function ledgerAnnexName(title: string): string {
  return `${title.replace(/^关于/, '').replace(/的报告$/, '').replace(/情况$/, '')}台账`;
}

export function ledgerAnnex(doc: GbDocument, rows: readonly ReportRow[], name: string): Paragraph[] {
  const batches = new Map<number, ReportRow[]>();
  for (const r of rows) {
    const list = batches.get(r.batchId);
    if (list) list.push(r);
    else batches.set(r.batchId, [r]);
  }
  const out: Paragraph[] = [annexLabel('附件1'), blank(), annexTitle(name)];
  let b = 0;
  const tableRows: TableRow[] = [];
  for (const list of batches.values()) {
    const first = list[0];
    if (batches.size > 1) tableRows.push({ heading: `${chineseNumeral(++b)}、${[first.organizationName, first.batchDocNumber, first.batchTopic].filter(Boolean).join('  ')}` });
    // Within a batch, by 方面 in first-seen order; a finding's measures stay together.
    const byCategory = new Map<string, ReportRow[]>();
    for (const r of list) {
      const label = groupLabel('category', r);
      const g = byCategory.get(label);
      if (g) g.push(r);
      else byCategory.set(label, [r]);
    }
    let c = 0;
    for (const [label, group] of byCategory) {
      if (byCategory.size > 1) tableRows.push({ heading: `（${chineseNumeral(++c)}）${label}` });
      const span = new Map<number, number>();
      for (const r of group) span.set(r.findingId, (span.get(r.findingId) ?? 0) + 1);
      const started = new Set<number>();
      for (const r of group) {
        const n = span.get(r.findingId)!;
        // The finding's text once, merged down over its measures' rows (as printed ledgers do).
        const finding = started.has(r.findingId) ? null : n > 1 ? { text: r.findingText, rowSpan: n } : r.findingText;
        started.add(r.findingId);
        // The one numbering (3-2); the batch heading row above says which feedback it is in.
        tableRows.push(ledgerRow(r, measureNumber(r.findingSeq, r.measureSeq), finding));
      }
    }
  }
  out.push(...doc.longTable(LEDGER_COLUMNS, tableRows, { width: TEXT_WIDTH.landscape, chunkRows: ANNEX_CHUNK_ROWS }));
  return out;
}

function ledgerRow(r: ReportRow, number: string, finding: CellValue): TableRow {
  const late = r.signal.signal === 'red' ? `\n逾期${r.signal.overdueDays}天` : '';
  return [
    number,
    finding,
    r.measureText,
    r.leadUnitName,
    r.coUnitNames.join('、'),
    dotted(deadlineWords(r)),
    REPORT_STATUS_WORD[r.status] + late,
    r.closedDate ? dotted(r.closedDate) : '',
  ];
}

/** 附件2: per lead unit, the figures stats.ts defines, with their definitions under the table. */
export function unitAnnex(doc: GbDocument, rows: readonly ReportRow[], name: string): Paragraph[] {
  const { groups, total } = byUnit(rows);
  const line = (s: typeof total, seq: string): TableRow => [
    seq, s.label, String(s.measures), String(s.closed), String(s.pending), String(s.inProgress), String(s.standing),
    String(s.overdue), percent(s.completionRate), percent(s.onTimeRate),
  ];
  const cols: TableColumn[] = [
    { header: '序号', weight: 6, align: 'center' }, { header: '牵头单位', weight: 24 },
    ...['措施数', '已销号', '待销号', '整改中', '长期坚持', '逾期'].map((h) => ({ header: h, weight: 9, align: 'center' as const })),
    { header: '完成率', weight: 10, align: 'center' }, { header: '按期完成率', weight: 12, align: 'center' },
  ];
  return [
    annexLabel('附件2', true),
    blank(),
    annexTitle(name),
    ...doc.table(cols, [...groups.map((s, i) => line(s, String(i + 1))), line(total, '')], { width: TEXT_WIDTH.landscape, large: true }),
    note(`注：${UNIT_COUNT_NOTE}${COMPLETION_RATE_NOTE}${ON_TIME_RATE_NOTE}`),
  ];
}
