import { REPORT_STATUS_WORD, SIGNAL_LABEL, DEADLINE_KIND_LABEL } from '../../domain/vocabulary.ts';
import { chineseDate } from '../../domain/dates.ts';
import type { ReportRow } from './model.ts';
import { LEDGER_COLUMNS, LEDGER_COLUMN_LABEL, type LedgerColumn } from '../../contract/reports.ts';

export { LEDGER_COLUMNS, type LedgerColumn };

export interface ColumnDef {
  header: string;
  /** Excel width units (about 2 per Chinese character). */
  width: number;
  align: 'left' | 'center';
  value(r: ReportRow, seq: string): string;
}

/**
 * 整改时限 in words: as the clerk wrote it when there is text, else the date ("2026-06-30" in
 * tables, "2026年6月30日" in prose), 立行立改 or 长期坚持.
 */
export function deadlineWords(r: Pick<ReportRow, 'deadlineKind' | 'deadlineDate' | 'deadlineText'>, prose = false): string {
  if (r.deadlineText) return r.deadlineText;
  const date = r.deadlineDate && (prose ? chineseDate(r.deadlineDate) : r.deadlineDate);
  if (r.deadlineKind === 'date' && date) return date;
  if (r.deadlineKind === 'immediate') return date ? `立行立改（${date}前）` : '立行立改';
  return DEADLINE_KIND_LABEL[r.deadlineKind];
}

function progressWords(r: ReportRow): string {
  const parts: string[] = [];
  if (r.lastProgressText) parts.push(r.lastProgressDate ? `${r.lastProgressDate}：${r.lastProgressText}` : r.lastProgressText);
  if (r.resultText && r.status !== 'in_progress' && r.status !== 'not_started') parts.push(`整改结果：${r.resultText}`);
  return parts.join('\n');
}

const L = LEDGER_COLUMN_LABEL;

/**
 * Widths are chosen for paper, not the screen: the default set (DEFAULT_COLUMNS) fits A4 landscape
 * with 10 pt body text printing at ≥ 9 pt, and every column together fits A3 landscape the same
 * way (tests/integration/report-paper.test.ts computes both from the files).
 */
export const COLUMN_DEFS: Record<LedgerColumn, ColumnDef> = {
  seq: { header: L.seq, width: 6, align: 'center', value: (_r, seq) => seq },
  source: { header: L.source, width: 14, align: 'left', value: (r) => r.batchLabel },
  category: { header: L.category, width: 10, align: 'left', value: (r) => r.category ?? '' },
  finding: { header: L.finding, width: 26, align: 'left', value: (r) => r.findingText },
  target: { header: L.target, width: 16, align: 'left', value: (r) => r.target ?? '' },
  measure: { header: L.measure, width: 28, align: 'left', value: (r) => r.measureText },
  leadUnit: { header: L.leadUnit, width: 11, align: 'left', value: (r) => r.leadUnitName },
  // The measure's 配合单位 (the lead unit has its own column): the header says which they are.
  units: { header: '配合单位', width: 11, align: 'left', value: (r) => r.coUnitNames.join('、') },
  leader: { header: L.leader, width: 8, align: 'center', value: (r) => r.leader ?? '' },
  person: { header: L.person, width: 8, align: 'center', value: (r) => r.person ?? '' },
  deadline: { header: L.deadline, width: 11, align: 'center', value: (r) => deadlineWords(r) },
  progress: { header: L.progress, width: 26, align: 'left', value: progressWords },
  status: { header: L.status, width: 8, align: 'center', value: (r) => REPORT_STATUS_WORD[r.status] },
  evidence: { header: L.evidence, width: 7, align: 'center', value: (r) => (r.evidenceCount ? `${r.evidenceCount}份` : '') },
  closedDate: { header: L.closedDate, width: 11, align: 'center', value: (r) => r.closedDate ?? '' },
  signal: { header: L.signal, width: 10, align: 'center', value: (r) => (r.signal.signal === 'green' ? SIGNAL_LABEL.green : r.signal.reason) },
  note: { header: L.note, width: 12, align: 'left', value: (r) => r.findingNote ?? '' },
};

/**
 * Columns of the finding rather than the measure: in the workbook they are merged over the
 * finding's measure rows, as printed ledgers do.
 */
export const FINDING_COLUMNS: ReadonlySet<LedgerColumn> = new Set(['source', 'category', 'finding', 'target', 'note']);

/**
 * What a new office gets before it chooses: the columns a printed ledger carries, sized to print on
 * A4 landscape at ≥ 9 pt. Choosing more columns moves the workbook to A3.
 */
export const DEFAULT_COLUMNS: LedgerColumn[] = ['seq', 'finding', 'measure', 'leadUnit', 'units', 'leader', 'deadline', 'progress', 'status', 'closedDate'];
