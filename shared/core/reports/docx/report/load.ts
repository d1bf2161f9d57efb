import { sql } from 'kysely';
import type { LedgerFilter } from '../../../../contract/ledger.ts';
import { MEASURE_STATUS_LABEL } from '../../../../domain/vocabulary.ts';
import type { ReportReader } from '../../reader.ts';
import type { ReportRow } from '../../model.ts';
import { dialectOf, idList, tableExists } from '../../../db/dialect.ts';

/**
 * What the report says beyond the measure rows, read once from the database: the filter in words,
 * the whole batches' size (the opening names what was received before "其中…"), the notices sent
 * about these measures, the progress entries and evidence the units reported.
 */
export interface ReportContext {
  /** The filter as a noun phrase ("逾期未完成事项"), or null when the report covers whole batches. */
  scopePhrase: string | null;
  /** Findings and measures of the batches the rows belong to, all of them. */
  batchTotals: { findings: number; measures: number };
  notices: { count: number; units: number; byMeasure: Map<number, NoticeFact> };
  progressEntries: number;
  evidenceFiles: number;
}

export interface NoticeFact {
  docNumber: string;
  issuedDate: string;
  replyBy: string;
}

export const EMPTY_CONTEXT: ReportContext = {
  scopePhrase: null,
  batchTotals: { findings: 0, measures: 0 },
  notices: { count: 0, units: 0, byMeasure: new Map() },
  progressEntries: 0,
  evidenceFiles: 0,
};

export async function loadReportContext(reader: ReportReader, rows: readonly ReportRow[], filter: LedgerFilter): Promise<ReportContext> {
  const db = reader.db;
  const dialect = dialectOf(db);
  const inIds = idList(dialect, rows.map((r) => r.measureId));
  const inBatches = idList(dialect, [...new Set(rows.map((r) => r.batchId))]);

  const totals = await sql<{ findings: number; measures: number }>`
    SELECT (SELECT count(*) FROM findings WHERE batch_id IN ${inBatches}) AS findings,
           (SELECT count(*) FROM measures m JOIN findings f ON f.id = m.finding_id WHERE f.batch_id IN ${inBatches}) AS measures`.execute(db);
  const counts = await sql<{ progress: number; evidence: number }>`
    SELECT (SELECT count(*) FROM progress_entries WHERE measure_id IN ${inIds}) AS progress,
           (SELECT count(*) FROM evidence_files WHERE measure_id IN ${inIds}) AS evidence`.execute(db);

  // Notices list their measures in notice_measures (since version 7); older ones named one in notices.measure_id.
  const hasItems = await tableExists(db, 'notice_measures');
  const noticeRows = (
    await sql<{ id: number; measureId: number; unitName: string; docNumber: string; issuedDate: string; replyBy: string }>`
      SELECT n.id, m.measure_id AS "measureId", n.unit_name AS "unitName", n.doc_number AS "docNumber", n.issued_date AS "issuedDate", n.reply_by AS "replyBy"
      FROM notices n JOIN (
        ${hasItems ? sql`SELECT notice_id, measure_id FROM notice_measures UNION ` : sql``}SELECT id AS notice_id, measure_id FROM notices WHERE measure_id IS NOT NULL
      ) m ON m.notice_id = n.id
      WHERE m.measure_id IN ${inIds}
      ORDER BY n.issued_date, n.id`.execute(db)
  ).rows;
  const byMeasure = new Map<number, NoticeFact>();
  for (const n of noticeRows) byMeasure.set(n.measureId, { docNumber: n.docNumber, issuedDate: n.issuedDate, replyBy: n.replyBy });

  return {
    scopePhrase: await scopePhrase(reader, filter),
    batchTotals: { findings: Number(totals.rows[0].findings), measures: Number(totals.rows[0].measures) },
    notices: { count: new Set(noticeRows.map((n) => n.id)).size, units: new Set(noticeRows.map((n) => n.unitName)).size, byMeasure },
    progressEntries: Number(counts.rows[0].progress),
    evidenceFiles: Number(counts.rows[0].evidence),
  };
}

const SIGNAL_PHRASE = { red: '逾期未完成', yellow: '临近时限或进展缓慢', green: '进展正常' } as const;

/**
 * The filter as the report's title and opening say it: "县财政局牵头的逾期未完成事项". A batch or a
 * party alone is no narrowing (the report is about that feedback, as its title says); null then.
 */
export async function scopePhrase(reader: ReportReader, f: LedgerFilter): Promise<string | null> {
  const parts: string[] = [];
  if (f.unitId) {
    const u = await reader.db.selectFrom('units').select('name').where('id', '=', f.unitId).executeTakeFirst();
    if (u) parts.push(`${u.name}牵头的`);
  }
  if (f.category) parts.push(`${f.category.endsWith('方面') ? f.category : `${f.category}方面`}`);
  if (f.deadlineFrom || f.deadlineTo) {
    const cn = (d: string) => { const [y, m, day] = d.split('-').map(Number); return `${y}年${m}月${day}日`; };
    parts.push(f.deadlineFrom && f.deadlineTo ? `整改时限在${cn(f.deadlineFrom)}至${cn(f.deadlineTo)}之间的` : f.deadlineFrom ? `整改时限在${cn(f.deadlineFrom)}以后的` : `整改时限在${cn(f.deadlineTo!)}以前的`);
  }
  if (f.q) parts.push(`涉及“${f.q}”的`);
  if (f.statuses?.length) parts.push(`${f.statuses.map((s) => (s === 'in_progress' ? '正在整改' : MEASURE_STATUS_LABEL[s])).join('、')}的`);
  if (f.signals?.length) parts.push(f.signals.map((s) => SIGNAL_PHRASE[s]).join('、'));
  if (parts.length === 0) return null;
  return `${parts.join('').replace(/的$/, '')}事项`;
}
