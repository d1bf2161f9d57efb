import type { Insertable } from 'kysely';
import { addDays } from '../../domain/dates.ts';
import type { DeadlineKind, MeasureAction, MeasureStatus } from '../../domain/vocabulary.ts';
import { findingStatusOf, nextStatus } from '../../domain/workflow.ts';
import { AppError } from '../../errors.ts';
import type { FindingTable, MeasureCoUnitTable, MeasureTable, StatusChangeTable } from '../db/schema.ts';
import type { RecordsDatabase } from './record-schema.ts';

/**
 * The row builders: the exact column values of a new finding, measure, co-unit, progress entry and
 * status change, in one place each. The clerk's forms (findings.ts, measures.ts), the importer
 * (import/commit.ts) and the synthetic seeder all build their rows here, so a measure entered by
 * hand and the same measure imported are stored alike and every report words them alike.
 */

export interface DeadlineValue {
  kind: DeadlineKind;
  date: string | null;
  text: string | null;
}

/** The word a deadline kind is written with when the clerk or the file adds none. */
const DEADLINE_WORD: Record<DeadlineKind, string | null> = { date: null, immediate: '立行立改', standing: '长期坚持', none: null };

/** The date a deadline is counted against: 立行立改 without a date gets the office's default span. */
export function effectiveDeadline(d: DeadlineValue, assignedDate: string, immediateDays: number): string | null {
  if (d.kind === 'date') return d.date;
  if (d.kind === 'immediate') return d.date ?? addDays(assignedDate, immediateDays);
  return null;
}

/**
 * 整改时限 as stored: the kind, the date counted against, and the words. The words are the clerk's
 * or the file's own ("2021年6月底前", "立即整改"); a 立行立改 / 长期坚持 without words of its own
 * keeps its word; a dated deadline whose words are only the date itself (a date cell of a file)
 * keeps none, as one picked in the form does — reports then print the date the same way for both.
 */
export function deadlineColumns(d: DeadlineValue, assignedDate: string, immediateDays: number) {
  const date = effectiveDeadline(d, assignedDate, immediateDays);
  const own = d.text?.trim() || null;
  const text = d.kind === 'date' || d.kind === 'none' ? (own && own !== date ? own : null) : (own ?? DEADLINE_WORD[d.kind]);
  return { deadline_kind: d.kind, deadline_date: date, deadline_text: text };
}

/** The status a new measure enters with when nobody says otherwise: started when it is standing or has progress. */
export function entryStatus(kind: DeadlineKind, hasProgress: boolean): MeasureStatus {
  return kind === 'standing' || hasProgress ? 'in_progress' : 'not_started';
}

/** The workflow steps from 未启动 to a status a measure enters with; each is checked by `nextStatus`. */
const PATH_TO: Record<MeasureStatus, MeasureAction[]> = {
  not_started: [],
  in_progress: ['start'],
  pending: ['start', 'request_close'],
  closed: ['start', 'request_close', 'verify_close'],
  standing: ['start', 'set_standing'],
};

export interface WorkflowStep {
  action: MeasureAction;
  from: MeasureStatus;
  to: MeasureStatus;
}

export function entrySteps(target: MeasureStatus): WorkflowStep[] {
  const steps: WorkflowStep[] = [];
  let status: MeasureStatus = 'not_started';
  for (const action of PATH_TO[target]) {
    const check = nextStatus(status, action);
    if (!check.ok) throw new AppError('internal', check.message);
    steps.push({ action, from: status, to: check.to });
    status = check.to;
  }
  return steps;
}

export interface FindingFieldsInput {
  seq: string;
  sortOrder: number;
  category: string | null;
  text: string;
  suggestion: string | null;
  target: string | null;
  note: string | null;
}

export function findingRow(batchId: number, f: FindingFieldsInput, measureStatuses: readonly MeasureStatus[], at: string): Insertable<FindingTable> {
  return {
    batch_id: batchId,
    seq: f.seq,
    sort_order: f.sortOrder,
    category: f.category,
    text: f.text,
    suggestion: f.suggestion,
    target: f.target,
    note: f.note,
    status: findingStatusOf(measureStatuses),
    created_at: at,
    updated_at: at,
  };
}

/** A measure as it enters the ledger: its fields, and where the workflow stands (a new one: 未启动). */
export interface MeasureEntry {
  text: string;
  leadUnitId: number;
  leader: string | null;
  person: string | null;
  deadline: DeadlineValue;
  status: MeasureStatus;
  assignedDate: string;
  lastProgressDate?: string | null;
  resultText?: string | null;
  requestedDate?: string | null;
  verifiedBy?: string | null;
  closedDate?: string | null;
}

export function measureRow(findingId: number, seq: number, e: MeasureEntry, ctx: { at: string; immediateDays: number }): Insertable<MeasureTable> {
  return {
    finding_id: findingId,
    seq,
    text: e.text,
    lead_unit_id: e.leadUnitId,
    leader: e.leader,
    person: e.person,
    ...deadlineColumns(e.deadline, e.assignedDate, ctx.immediateDays),
    status: e.status,
    assigned_date: e.assignedDate,
    last_progress_date: e.lastProgressDate ?? null,
    result_text: e.resultText ?? null,
    requested_date: e.requestedDate ?? null,
    verified_by: e.verifiedBy ?? null,
    closed_date: e.closedDate ?? null,
    created_at: ctx.at,
    updated_at: ctx.at,
  };
}

/** 配合单位: each once, never the lead unit itself. */
export function coUnitRows(measureId: number, leadUnitId: number, coUnitIds: readonly number[]): Insertable<MeasureCoUnitTable>[] {
  const seen = new Set<number>([leadUnitId]);
  const rows: Insertable<MeasureCoUnitTable>[] = [];
  for (const u of coUnitIds) {
    if (seen.has(u)) continue;
    seen.add(u);
    rows.push({ measure_id: measureId, unit_id: u });
  }
  return rows;
}

export interface ProgressInput {
  date: string;
  text: string;
  /** Who reported it when not the clerk (a unit's returned sheet: the unit's name). */
  source?: string | null;
}

export function progressRow(measureId: number, p: ProgressInput, operator: string, at: string): Insertable<RecordsDatabase['progress_entries']> {
  return { measure_id: measureId, entry_date: p.date, text: p.text, source: p.source ?? null, operator, created_at: at };
}

export function statusChangeRow(
  measureId: number,
  step: WorkflowStep,
  date: string,
  note: string | null,
  operator: string,
  at: string,
): Insertable<StatusChangeTable> {
  return { measure_id: measureId, action: step.action, from_status: step.from, to_status: step.to, change_date: date, note, operator, created_at: at };
}
