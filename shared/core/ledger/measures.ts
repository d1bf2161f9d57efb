import type { UploadedFile } from '../../contract/common.ts';
import type { MeasureAction, MeasureStatus } from '../../domain/vocabulary.ts';
import { MEASURE_ACTION_LABEL } from '../../domain/vocabulary.ts';
import { findingStatusOf, newDeadlineNeed, nextStatus } from '../../domain/workflow.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { reindexFindings } from '../search/search-index.ts';
import { coUnitRows, deadlineColumns, entryStatus, measureRow, progressRow, statusChangeRow, type DeadlineValue } from './rows.ts';
import { removeEvidenceFilesOf, storeEvidence } from './evidence.ts';
import { deadlineWords, refuseStaleMeasure } from './measure-stale.ts';
import { recordsDb } from './record-schema.ts';
import { audit } from './write.ts';

/** 整改措施: writes of one line of a finding's checklist, and its closure workflow. */

export type { DeadlineValue } from './rows.ts';
export { effectiveDeadline } from './rows.ts';

export interface MeasureInput {
  text: string;
  leadUnitId: number;
  coUnitIds: number[];
  leader: string | null;
  person: string | null;
  deadline: DeadlineValue;
}

async function checkUnits(trx: Db, m: MeasureInput): Promise<void> {
  const ids = [m.leadUnitId, ...m.coUnitIds];
  const found = await trx.selectFrom('units').select('id').where('id', 'in', ids).execute();
  if (!found.some((u) => u.id === m.leadUnitId)) throw new AppError('invalid_input', '所选牵头单位不存在，请重新选择');
  if (found.length < new Set(ids).size) throw new AppError('invalid_input', '所选配合单位中有已删除的单位，请重新选择');
}

export async function insertMeasure(
  trx: Db,
  actor: Actor,
  findingId: number,
  m: MeasureInput,
  opts: { seq?: number; immediateDays: number; status?: MeasureStatus; assignedDate?: string },
): Promise<number> {
  await checkUnits(trx, m);
  const seq =
    opts.seq ??
    Number((await trx.selectFrom('measures').select((eb) => eb.fn.max('seq').as('s')).where('finding_id', '=', findingId).executeTakeFirst())?.s ?? 0) + 1;
  const assigned = opts.assignedDate ?? actor.today;
  // The same builders as the importer and the seeder (rows.ts): a measure typed in and the same
  // measure imported are stored alike.
  const status: MeasureStatus = opts.status ?? entryStatus(m.deadline.kind, false);
  const row = await trx
    .insertInto('measures')
    .values(
      measureRow(
        findingId,
        seq,
        { text: m.text, leadUnitId: m.leadUnitId, leader: m.leader, person: m.person, deadline: m.deadline, status, assignedDate: assigned },
        { at: actor.at, immediateDays: opts.immediateDays },
      ),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  const coUnits = coUnitRows(row.id, m.leadUnitId, m.coUnitIds);
  if (coUnits.length) await trx.insertInto('measure_co_units').values(coUnits).execute();
  await audit(trx, actor, { action: 'create', entity: 'measure', entityId: row.id, after: { findingId, ...m } });
  return row.id;
}

export async function loadMeasure(trx: Db, id: number) {
  const m = await recordsDb(trx).selectFrom('measures').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) throw new AppError('not_found', '找不到该整改措施，可能已被删除');
  return m;
}

export async function updateMeasure(trx: Db, actor: Actor, id: number, version: number, m: MeasureInput, immediateDays: number): Promise<void> {
  const before = await loadMeasure(trx, id);
  await refuseStaleMeasure(trx, actor, before, version);
  await checkUnits(trx, m);
  await trx
    .updateTable('measures')
    .set({
      text: m.text,
      lead_unit_id: m.leadUnitId,
      leader: m.leader,
      person: m.person,
      ...deadlineColumns(m.deadline, before.assigned_date, immediateDays),
      version: before.version + 1,
      updated_at: actor.at,
    })
    .where('id', '=', id)
    .execute();
  await trx.deleteFrom('measure_co_units').where('measure_id', '=', id).execute();
  const coUnits = coUnitRows(id, m.leadUnitId, m.coUnitIds);
  if (coUnits.length) await trx.insertInto('measure_co_units').values(coUnits).execute();
  await audit(trx, actor, { action: 'update', entity: 'measure', entityId: id, before, after: m });
  await reindexFindings(trx, [before.finding_id]);
}

export async function deleteMeasure(trx: Db, actor: Actor, id: number, dataDir: string): Promise<void> {
  const before = await loadMeasure(trx, id);
  await removeEvidenceFilesOf(trx, dataDir, { measureIds: [id] });
  await trx.deleteFrom('measures').where('id', '=', id).execute();
  await audit(trx, actor, { action: 'delete', entity: 'measure', entityId: id, before });
  await refreshFindingStatus(trx, before.finding_id, actor);
  await reindexFindings(trx, [before.finding_id]);
}

/** Keep the finding's derived status in step with its measures (same transaction). */
export async function refreshFindingStatus(trx: Db, findingId: number, actor: Actor): Promise<void> {
  const statuses = await trx.selectFrom('measures').select('status').where('finding_id', '=', findingId).execute();
  await trx
    .updateTable('findings')
    .set({ status: findingStatusOf(statuses.map((s) => s.status)), updated_at: actor.at })
    .where('id', '=', findingId)
    .execute();
}

export interface TransitionInput {
  id: number;
  action: MeasureAction;
  date?: string;
  resultText: string | null;
  verifiedBy: string | null;
  reason: string | null;
  files: UploadedFile[];
  /** A new 整改时限 (回头看 / 退回), see newDeadlineNeed. */
  newDeadline?: string;
  /** The version the clerk's screen showed; a step taken on an older copy is refused. */
  version?: number;
}

/**
 * Move a measure through the closure workflow; the rules live in shared/domain/workflow.ts. Each
 * step keeps its own words (退回原因, 回头看原因) and clears what it supersedes from the measure;
 * the history (status_changes) keeps the old result and dates.
 */
export async function transitionMeasure(
  trx: Db,
  actor: Actor,
  dataDir: string,
  input: TransitionInput,
  onRollback: (undo: () => void) => void,
): Promise<void> {
  const before = await loadMeasure(trx, input.id);
  await refuseStaleMeasure(trx, actor, before, input.version);
  const check = nextStatus(before.status, input.action);
  if (!check.ok) throw new AppError('invalid_transition', check.message);
  const label = MEASURE_ACTION_LABEL[input.action];
  const date = input.date ?? actor.today;
  if (date > actor.today) throw new AppError('invalid_input', `${label}日期不能晚于今天`);
  const set: Record<string, unknown> = { status: check.to, version: before.version + 1, updated_at: actor.at };
  const cleared = { return_reason: null, reopen_reason: null };
  const superseded = { result_text: null, requested_date: null, verified_by: null, closed_date: null };
  let note: string | null = input.reason;

  switch (input.action) {
    case 'request_close':
      if (!input.resultText) throw new AppError('invalid_input', '申请销号须填写整改结果（整改完成情况）');
      Object.assign(set, cleared, { result_text: input.resultText, requested_date: date });
      note = input.resultText;
      break;
    case 'verify_close':
      if (!input.verifiedBy) throw new AppError('invalid_input', '验收销号须填写验收人');
      if (!before.result_text) throw new AppError('invalid_transition', '该措施没有整改结果，不能销号');
      Object.assign(set, { verified_by: input.verifiedBy, closed_date: date });
      note = `验收人：${input.verifiedBy}`;
      break;
    case 'return':
      if (!input.reason) throw new AppError('invalid_input', '退回须填写退回原因');
      Object.assign(set, superseded, cleared, { return_reason: input.reason });
      note = input.reason + (await archived(trx, before));
      break;
    case 'reopen':
      if (!input.reason) throw new AppError('invalid_input', '回头看重新整改须填写原因');
      Object.assign(set, superseded, cleared, { reopen_reason: input.reason });
      note = input.reason + (await archived(trx, before));
      break;
    case 'set_standing':
      Object.assign(set, cleared);
      break;
    case 'start':
      break;
  }

  const need = newDeadlineNeed(input.action, { deadlineKind: before.deadline_kind, deadlineDate: before.deadline_date }, actor.today);
  if (input.newDeadline) {
    if (input.action !== 'reopen' && input.action !== 'return') throw new AppError('invalid_input', `${label}时不能调整整改时限；如需调整，请编辑措施`);
    if (input.newDeadline < actor.today) throw new AppError('invalid_input', '新的整改时限不能早于今天');
    Object.assign(set, { deadline_kind: 'date', deadline_date: input.newDeadline, deadline_text: null });
    note = `${note ?? ''}（整改时限：${deadlineWords(before)} → ${input.newDeadline}）`;
  } else if (need === 'required') {
    throw new AppError('invalid_input', `原整改时限（${deadlineWords(before)}）已过，${label}须填写新的整改时限，否则措施一重新整改就显示逾期`);
  }

  await trx.updateTable('measures').set(set).where('id', '=', input.id).execute();
  await trx
    .insertInto('status_changes')
    .values(statusChangeRow(input.id, { action: input.action, from: before.status, to: check.to }, date, note, actor.operator, actor.at))
    .execute();
  if (input.files.length) await storeEvidence(trx, actor, dataDir, input.id, input.files, null, onRollback);
  await audit(trx, actor, {
    action: 'transition',
    entity: 'measure',
    entityId: input.id,
    before,
    after: { status: check.to, action: input.action, date, note, files: input.files.map((f) => f.name), ...(input.newDeadline ? { deadlineDate: input.newDeadline } : {}) },
  });
  await refreshFindingStatus(trx, before.finding_id, actor);
}

/**
 * The result and dates a 退回 / 回头看 clears, written into its history note when the history does
 * not hold them already (a measure imported as 待销号 / 已销号 has no 申请销号 record).
 */
async function archived(trx: Db, m: { id: number; result_text: string | null; requested_date: string | null; closed_date: string | null }): Promise<string> {
  const history = await trx.selectFrom('status_changes').select(['action', 'note']).where('measure_id', '=', m.id).execute();
  const asked = history.some((h) => h.action === 'request_close' && h.note === m.result_text);
  const verified = history.some((h) => h.action === 'verify_close');
  const parts = [
    !asked && m.result_text ? `原整改结果：${m.result_text}` : '',
    !asked && m.requested_date ? `原申请销号日期：${m.requested_date}` : '',
    !verified && m.closed_date ? `原销号日期：${m.closed_date}` : '',
  ].filter(Boolean);
  return parts.length ? `（${parts.join('；')}）` : '';
}

export async function addProgress(
  trx: Db,
  actor: Actor,
  dataDir: string,
  /** source: who reported it when not the clerk (a unit's returned sheet: the unit's name). */
  input: { measureId: number; date: string; text: string; files: UploadedFile[]; source?: string | null },
  onRollback: (undo: () => void) => void,
): Promise<number> {
  const m = await loadMeasure(trx, input.measureId);
  if (input.date > actor.today) throw new AppError('invalid_input', '进展日期不能晚于今天');
  if (m.status === 'closed') throw new AppError('invalid_transition', '该措施已销号，如需继续整改请先“回头看”');
  const row = await recordsDb(trx)
    .insertInto('progress_entries')
    .values(progressRow(input.measureId, input, actor.operator, actor.at))
    .returning('id')
    .executeTakeFirstOrThrow();
  const last = m.last_progress_date && m.last_progress_date > input.date ? m.last_progress_date : input.date;
  // Recording progress on an item not yet started starts it.
  const started = m.status === 'not_started';
  await trx
    .updateTable('measures')
    .set({ last_progress_date: last, updated_at: actor.at, version: m.version + 1, ...(started ? { status: 'in_progress' as const } : {}) })
    .where('id', '=', m.id)
    .execute();
  if (started) {
    await trx
      .insertInto('status_changes')
      .values(statusChangeRow(m.id, { action: 'start', from: 'not_started', to: 'in_progress' }, input.date, '录入进展', actor.operator, actor.at))
      .execute();
    await refreshFindingStatus(trx, m.finding_id, actor);
  }
  if (input.files.length) await storeEvidence(trx, actor, dataDir, m.id, input.files, row.id, onRollback);
  await audit(trx, actor, {
    action: 'progress',
    entity: 'measure',
    entityId: m.id,
    // The measure's version moves: keep what it was, for a stale refusal to say what changed.
    before: { version: m.version, status: m.status, last_progress_date: m.last_progress_date },
    after: { date: input.date, text: input.text, ...(input.source ? { source: input.source } : {}), files: input.files.map((f) => f.name) },
  });
  return row.id;
}
