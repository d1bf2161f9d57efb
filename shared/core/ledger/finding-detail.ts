import type { EvidenceDto, FindingDetailDto, MeasureDto, ProgressDto, StatusChangeDto } from '../../contract/ledger-types.ts';
import { deadlineSignal, type SignalThresholds } from '../../domain/signal.ts';
import { MEASURE_ACTION_LABEL, type MeasureAction } from '../../domain/vocabulary.ts';
import { availableActions } from '../../domain/workflow.ts';
import { AppError } from '../../errors.ts';
import { NOTICE_HISTORY_ACTION, NOTICE_HISTORY_LABEL } from '../../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { getBatch } from './batches.ts';
import { recordsDb } from './record-schema.ts';

/** A finding's page: the finding, its checklist, each measure's timeline, history and evidence. */
export async function getFindingDetail(db: Db, id: number, today: string, t: SignalThresholds): Promise<FindingDetailDto> {
  const f = await recordsDb(db).selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!f) throw new AppError('not_found', '找不到该反馈问题，可能已被删除');
  const measures = await measuresOf(db, { findingId: id }, today, t);
  return {
    id: f.id,
    batch: await getBatch(db, f.batch_id),
    seq: f.seq,
    category: f.category,
    text: f.text,
    suggestion: f.suggestion,
    target: f.target,
    note: f.note,
    status: f.status,
    version: f.version,
    measures,
  };
}

export async function getMeasureDetail(db: Db, id: number, today: string, t: SignalThresholds): Promise<MeasureDto> {
  const [m] = await measuresOf(db, { measureId: id }, today, t);
  if (!m) throw new AppError('not_found', '找不到该整改措施，可能已被删除');
  return m;
}

async function measuresOf(db: Db, of: { findingId?: number; measureId?: number }, today: string, t: SignalThresholds): Promise<MeasureDto[]> {
  let q = recordsDb(db).selectFrom('measures as m').innerJoin('units as u', 'u.id', 'm.lead_unit_id').selectAll('m').select('u.name as lead_unit_name');
  if (of.findingId) q = q.where('m.finding_id', '=', of.findingId);
  if (of.measureId) q = q.where('m.id', '=', of.measureId);
  const rows = await q.orderBy('m.seq').execute();
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [co, progress, changes, evidence] = await Promise.all([
    db.selectFrom('measure_co_units as c').innerJoin('units as u', 'u.id', 'c.unit_id').select(['c.measure_id', 'u.id', 'u.name']).where('c.measure_id', 'in', ids).execute(),
    recordsDb(db).selectFrom('progress_entries').selectAll().where('measure_id', 'in', ids).orderBy('entry_date', 'desc').orderBy('id', 'desc').execute(),
    db.selectFrom('status_changes').selectAll().where('measure_id', 'in', ids).orderBy('id', 'desc').execute(),
    db.selectFrom('evidence_files').selectAll().where('measure_id', 'in', ids).orderBy('id').execute(),
  ]);
  const evidenceDtos: EvidenceDto[] = evidence.map((e) => ({
    id: e.id,
    measureId: e.measure_id,
    progressEntryId: e.progress_entry_id,
    name: e.original_name,
    size: e.size,
    addedBy: e.added_by,
    createdAt: e.created_at,
  }));
  return rows.map((m): MeasureDto => {
    const s = deadlineSignal(
      { status: m.status, deadlineKind: m.deadline_kind, deadlineDate: m.deadline_date, lastProgressDate: m.last_progress_date, assignedDate: m.assigned_date, closedDate: m.closed_date },
      today,
      t,
    );
    const ev = evidenceDtos.filter((e) => e.measureId === m.id);
    return {
      id: m.id,
      findingId: m.finding_id,
      seq: m.seq,
      text: m.text,
      leadUnitId: m.lead_unit_id,
      leadUnitName: m.lead_unit_name,
      coUnits: co.filter((c) => c.measure_id === m.id).map((c) => ({ id: c.id, name: c.name })),
      leader: m.leader,
      person: m.person,
      deadlineKind: m.deadline_kind,
      deadlineDate: m.deadline_date,
      deadlineText: m.deadline_text,
      status: m.status,
      assignedDate: m.assigned_date,
      lastProgressDate: m.last_progress_date,
      resultText: m.result_text,
      requestedDate: m.requested_date,
      verifiedBy: m.verified_by,
      closedDate: m.closed_date,
      returnReason: m.return_reason,
      reopenReason: m.reopen_reason,
      version: m.version,
      signal: { signal: s.signal, reason: s.reason, overdueDays: s.overdueDays },
      actions: availableActions(m.status),
      progress: progress
        .filter((p) => p.measure_id === m.id)
        .map((p): ProgressDto => ({
          id: p.id,
          measureId: p.measure_id,
          date: p.entry_date,
          text: p.text,
          operator: p.operator,
          source: p.source,
          version: p.version,
          evidence: ev.filter((e) => e.progressEntryId === p.id),
        })),
      history: changes
        .filter((c) => c.measure_id === m.id)
        .map((c): StatusChangeDto => ({
          id: c.id,
          measureId: c.measure_id,
          action: c.action,
          actionLabel: c.action === NOTICE_HISTORY_ACTION ? NOTICE_HISTORY_LABEL : (MEASURE_ACTION_LABEL[c.action as MeasureAction] ?? c.action),
          fromStatus: c.from_status,
          toStatus: c.to_status,
          date: c.change_date,
          note: c.note,
          operator: c.operator,
        })),
      evidence: ev,
    };
  });
}
