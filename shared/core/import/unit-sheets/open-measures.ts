import { chineseDate } from '../../../domain/dates.ts';
import { measureNumber } from '../../../domain/numbering.ts';
import { MEASURE_STATUS_LABEL, type MeasureStatus } from '../../../domain/vocabulary.ts';
import type { Db } from '../../db/open.ts';
import type { LockedKey } from './layout.ts';

/** Measures a unit still reports on: not started, in progress, standing (长期坚持 keeps reporting). */
export const REPORTING_STATUSES: MeasureStatus[] = ['not_started', 'in_progress', 'standing'];

export interface UnitMeasureRow {
  measureId: number;
  unitId: number;
  unitName: string;
  /** The feedback batch, so a sheet spanning several can head each one's rows. */
  batchId: number;
  batchLabel: string;
  status: MeasureStatus;
  locked: Record<LockedKey, string>;
}

/** The locked cells of a measure's row, as written to the sheet and checked when it returns. */
export async function unitMeasureRows(db: Db, opts: { unitIds?: number[]; measureIds?: number[] }): Promise<UnitMeasureRow[]> {
  let q = db
    .selectFrom('measures as m')
    .innerJoin('findings as f', 'f.id', 'm.finding_id')
    .innerJoin('batches as b', 'b.id', 'f.batch_id')
    .innerJoin('units as u', 'u.id', 'm.lead_unit_id')
    .innerJoin('organizations as o', 'o.id', 'b.organization_id')
    .select((eb) => [
      'b.id as batch_id', 'o.name as organization_name', 'b.doc_number', 'b.topic',
      'm.id', 'm.seq', 'm.text', 'm.status', 'm.deadline_kind', 'm.deadline_date', 'm.deadline_text', 'm.lead_unit_id', 'u.name as unit_name',
      'f.seq as finding_seq', 'f.text as finding_text',
      eb.selectFrom('progress_entries as p').whereRef('p.measure_id', '=', 'm.id').orderBy('p.entry_date', 'desc').orderBy('p.id', 'desc').select('p.text').limit(1).as('last_text'),
      eb.selectFrom('progress_entries as p').whereRef('p.measure_id', '=', 'm.id').orderBy('p.entry_date', 'desc').orderBy('p.id', 'desc').select('p.entry_date').limit(1).as('last_date'),
    ]);
  if (opts.measureIds) q = q.where('m.id', 'in', opts.measureIds.length ? opts.measureIds : [-1]);
  else q = q.where('m.status', 'in', REPORTING_STATUSES);
  if (opts.unitIds) q = q.where('m.lead_unit_id', 'in', opts.unitIds.length ? opts.unitIds : [-1]);
  const rows = await q.orderBy('u.name').orderBy('b.received_date').orderBy('b.id').orderBy('f.sort_order').orderBy('m.seq').execute();
  return rows.map((r) => ({
    measureId: r.id,
    unitId: r.lead_unit_id,
    unitName: r.unit_name,
    batchId: r.batch_id,
    batchLabel: [r.organization_name, r.doc_number ?? r.topic].filter(Boolean).join(' '),
    status: r.status,
    locked: {
      seq: measureNumber(r.finding_seq, r.seq),
      finding: r.finding_text,
      measure: r.text,
      deadline: deadlineText(r.deadline_kind, r.deadline_date, r.deadline_text),
      status: MEASURE_STATUS_LABEL[r.status],
      lastProgress: r.last_text ? `${chineseDate(r.last_date as string)}：${r.last_text as string}` : '',
    },
  }));
}

function deadlineText(kind: string, date: string | null, text: string | null): string {
  if (kind === 'date' && date) return text && text !== date ? `${date}（${text}）` : date;
  return text ?? (kind === 'standing' ? '长期坚持' : kind === 'immediate' ? '立行立改' : '未定');
}
