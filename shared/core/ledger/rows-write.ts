import type { Insertable } from 'kysely';
import { AppError } from '../../errors.ts';
import type { Db } from '../db/open.ts';
import type { AuditLogTable, MeasureCoUnitTable, StatusChangeTable } from '../db/schema.ts';
import { searchBody, writeIndexRows, type SearchMeasure, type SearchSource } from '../search/search-index.ts';
import type { RecordsDatabase } from './record-schema.ts';
import { insertRows } from './rows-insert.ts';
import {
  coUnitRows,
  findingRow,
  measureRow,
  progressRow,
  statusChangeRow,
  type FindingFieldsInput,
  type MeasureEntry,
  type ProgressInput,
  type WorkflowStep,
} from './rows.ts';

/**
 * Many new findings and measures at once (an import, a synthetic ledger), in chunks through the
 * bulk writer, inside the caller's transaction. Every row comes from the builders in rows.ts, the
 * same ones the clerk's forms use.
 */

export interface NewMeasure {
  entry: MeasureEntry;
  coUnitIds: readonly number[];
  progress: readonly ProgressInput[];
  /** The workflow steps taken on entry (entrySteps), each with its date and note. */
  steps: readonly (WorkflowStep & { date: string; note: string | null })[];
  /** The units' names as the ledger has them, for the search row. */
  search: SearchMeasure;
}

export interface NewFinding {
  batchId: number;
  fields: FindingFieldsInput;
  measures: readonly NewMeasure[];
  /** The finding's own search words beside its measures' (its batch's 文号 and party). */
  search: Omit<SearchSource, 'measures'>;
}

/** A new measure of a finding already in the ledger (an import adding a line to a known finding). */
export interface AddedMeasure {
  findingId: number;
  seq: number;
  measure: NewMeasure;
}

export interface WriteContext {
  operator: string;
  at: string;
  immediateDays: number;
}

export interface WrittenRows {
  /** The new findings' ids, in the order given. */
  findingIds: number[];
  measures: number;
  progress: number;
}

/**
 * Write the findings with their measures, co-units, progress and history, then their search rows.
 * Measures added to known findings are written too; those findings' search rows and status are the
 * caller's to refresh (it knows what else changed in them).
 */
export async function writeFindings(trx: Db, findings: readonly NewFinding[], ctx: WriteContext, added: readonly AddedMeasure[] = []): Promise<WrittenRows> {
  const findingIds = await insertKeyed(
    trx,
    'findings',
    findings.map((f) => findingRow(f.batchId, f.fields, f.measures.map((m) => m.entry.status), ctx.at)),
    ['batch_id', 'sort_order'],
  );

  const measures: AddedMeasure[] = [];
  findings.forEach((f, i) => f.measures.forEach((m, k) => measures.push({ findingId: findingIds[i], seq: k + 1, measure: m })));
  measures.push(...added);
  const measureIds = await insertKeyed(
    trx,
    'measures',
    measures.map((m) => measureRow(m.findingId, m.seq, m.measure.entry, ctx)),
    ['finding_id', 'seq'],
  );

  const co: Insertable<MeasureCoUnitTable>[] = [];
  const progress: Insertable<RecordsDatabase['progress_entries']>[] = [];
  const changes: Insertable<StatusChangeTable>[] = [];
  measures.forEach(({ measure: m }, i) => {
    const id = measureIds[i];
    co.push(...coUnitRows(id, m.entry.leadUnitId, m.coUnitIds));
    for (const p of m.progress) progress.push(progressRow(id, p, ctx.operator, ctx.at));
    for (const s of m.steps) changes.push(statusChangeRow(id, s, s.date, s.note, ctx.operator, ctx.at));
  });
  await insertRows(trx, 'measure_co_units', co, { skipDuplicates: true });
  await insertRows(trx, 'progress_entries', progress);
  await insertRows(trx, 'status_changes', changes);

  await writeIndexRows(
    trx,
    findings.map((f, i) => [findingIds[i], searchBody({ ...f.search, measures: f.measures.map((m) => m.search) })] as const),
  );
  return { findingIds, measures: measures.length, progress: progress.length };
}

/** Audit rows of many records at once (the same row audit() writes). */
export async function auditRows(trx: Db, rows: readonly Insertable<AuditLogTable>[]): Promise<void> {
  await insertRows(trx, 'audit_log', rows);
}

/**
 * Insert rows and give back their ids in the order given. RETURNING promises no order on either
 * database, so each row is found again by a key unique among the rows written (batch + 排序,
 * finding + 措施序号).
 */
async function insertKeyed<T extends 'findings' | 'measures'>(
  trx: Db,
  table: T,
  rows: readonly Insertable<RecordsDatabase[T]>[],
  key: readonly [string, string],
): Promise<number[]> {
  const keyOf = (r: Record<string, unknown>) => `${r[key[0]]}\u0000${r[key[1]]}`;
  const returned = await insertRows(trx, table, rows, { returning: ['id', ...key] });
  const ids = new Map<string, number>();
  for (const r of returned) ids.set(keyOf(r), Number(r.id));
  return rows.map((r) => {
    const id = ids.get(keyOf(r as Record<string, unknown>));
    if (id === undefined) throw new AppError('internal', `写入${table === 'findings' ? '反馈问题' : '整改措施'}后未能取回编号`);
    return id;
  });
}
