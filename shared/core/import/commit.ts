import type { ImportCommitResult } from '../../contract/import.ts';
import { MEASURE_STATUS_LABEL, type MeasureAction, type MeasureStatus } from '../../domain/vocabulary.ts';
import { findingStatusOf, nextStatus } from '../../domain/workflow.ts';
import { AppError } from '../../errors.ts';
import type { Actor, Core } from '../context.ts';
import type { Db } from '../db/open.ts';
import { updateFinding } from '../ledger/findings.ts';
import { addProgress, effectiveDeadline, refreshFindingStatus, updateMeasure } from '../ledger/measures.ts';
import { getSettings } from '../ledger/settings.ts';
import { normalizeUnitName, saveUnit } from '../ledger/units.ts';
import { audit, withWrite } from '../ledger/write.ts';
import { reindexFindings, searchBody } from '../search/search-index.ts';
import { bigramBody } from '../search/tokens.ts';
import { rememberMappings } from './import-options.ts';
import type { FindingComparison } from './match-existing.ts';
import type { PreparedImport } from './preview.ts';
import type { ParsedMeasure } from './types.ts';

export interface CommitChoices {
  batchId: number;
  /** Written names the clerk confirmed as new units. */
  newUnits: string[];
  /** Written names the clerk pointed at an existing unit (kept as its alias). */
  unitMap: Record<string, number>;
  applyUpdates: boolean;
  /** Leads the measures the file names no unit for. */
  defaultUnitId?: number;
}

/** The workflow steps from 未启动 to a status a template reports; each is checked by `nextStatus`. */
const PATH_TO: Record<MeasureStatus, MeasureAction[]> = {
  not_started: [],
  in_progress: ['start'],
  pending: ['start', 'request_close'],
  closed: ['start', 'request_close', 'verify_close'],
  standing: ['start', 'set_standing'],
};

/**
 * Write a prepared import in one transaction. New findings go in through prepared statements
 * (thousands of rows must take well under a second; the lead's seed does the same); updates of
 * findings already in the batch go through the ledger's services.
 */
export async function commitImport(core: Core, prepared: PreparedImport, choices: CommitChoices): Promise<ImportCommitResult> {
  const { parsed, comparisons } = prepared;
  if (parsed.counts.findings === 0) throw new AppError('invalid_input', `文件“${parsed.file}”中没有可导入的反馈问题`);
  const { immediateDays } = await getSettings(core.db);
  const withoutUnit = parsed.findings.reduce((n, f) => n + f.measures.filter((m) => !m.leadUnit).length, 0);
  if (withoutUnit > 0 && !choices.defaultUnitId) {
    throw new AppError('invalid_input', `文件“${parsed.file}”中有 ${withoutUnit} 项整改措施没有写责任单位，请在预览中选择“默认责任单位”后再导入`);
  }
  return withWrite(core, async (trx, actor, onRollback) => {
    const batch = await trx.selectFrom('batches').select('id').where('id', '=', choices.batchId).executeTakeFirst();
    if (!batch) throw new AppError('invalid_input', '所选反馈批次不存在，请重新选择');
    if (choices.defaultUnitId && !(await trx.selectFrom('units').select('id').where('id', '=', choices.defaultUnitId).executeTakeFirst())) {
      throw new AppError('invalid_input', '所选默认责任单位已不存在，请重新选择');
    }
    const resolved = await resolveUnits(trx, actor, prepared, choices);
    const createdUnits = resolved.created;
    const unitId = (name: string | null): number => (name ? resolved.unitId(name) : choices.defaultUnitId!);

    const result: ImportCommitResult = {
      batchId: choices.batchId,
      createdFindings: 0,
      createdMeasures: 0,
      updatedFindings: 0,
      unchangedFindings: 0,
      createdUnits,
      progressEntries: 0,
    };
    const writer = bulkWriter(core, actor, immediateDays, unitId);
    const last = await trx
      .selectFrom('findings')
      .select((eb) => eb.fn.max('sort_order').as('max'))
      .where('batch_id', '=', choices.batchId)
      .executeTakeFirst();
    let sortOrder = Number(last?.max ?? 0);
    const touched: number[] = [];

    for (let i = 0; i < parsed.findings.length; i++) {
      const f = parsed.findings[i];
      const cmp = comparisons[i];
      if (cmp.match === 'new') {
        // The finding's derived status is known before its measures are written: insert it once.
        const findingId = writer.finding(choices.batchId, ++sortOrder, f, findingStatusOf(f.measures.map(plannedStatus)));
        f.measures.forEach((m, k) => {
          result.progressEntries += writer.measure(findingId, k + 1, m).progress;
        });
        writer.finish(findingId, f);
        result.createdFindings++;
        result.createdMeasures += f.measures.length;
      } else if (cmp.match === 'same' || !choices.applyUpdates) {
        result.unchangedFindings++;
      } else {
        const counts = await applyUpdate(trx, actor, core, cmp, writer, unitId, immediateDays, onRollback);
        result.createdMeasures += counts.measures;
        result.progressEntries += counts.progress;
        result.updatedFindings++;
        touched.push(cmp.existing!.id);
      }
    }
    // Search rows hold the batch's 文号 and the units' names as the ledger has them (an alias in
    // the file is indexed under the unit's own name): new findings' rows are written from what was
    // just inserted, with each unit id's own name; updated findings are read back.
    await writer.indexCreated(trx, choices.batchId);
    if (touched.length) await reindexFindings(trx, touched);
    await rememberMappings(trx, parsed);
    await audit(trx, actor, {
      action: 'import',
      entity: 'batch',
      entityId: choices.batchId,
      after: { file: parsed.file, sheets: parsed.sheets.map((s) => s.name), ...result },
    });
    return result;
  });
}

async function resolveUnits(trx: Db, actor: Actor, prepared: PreparedImport, choices: CommitChoices) {
  const ids = new Map<string, number>();
  const confirmed = new Set(choices.newUnits.map(normalizeUnitName));
  const mapped = new Map(Object.entries(choices.unitMap).map(([k, v]) => [normalizeUnitName(k), v]));
  const unresolved: string[] = [];
  let created = 0;
  for (const u of prepared.preview.units) {
    const key = normalizeUnitName(u.name);
    if (ids.has(key)) continue;
    if (u.existing) {
      ids.set(key, u.existing.id);
    } else if (mapped.has(key)) {
      const target = await trx.selectFrom('units').select(['id', 'name']).where('id', '=', mapped.get(key)!).executeTakeFirst();
      if (!target) throw new AppError('invalid_input', `为“${u.name}”选择的单位已不存在，请重新选择`);
      // The written name becomes an alias, so the next file with it matches by itself.
      await trx.insertInto('unit_aliases').values({ unit_id: target.id, alias: key }).onConflict((oc) => oc.doNothing()).execute();
      await audit(trx, actor, { action: 'update', entity: 'unit', entityId: target.id, after: { aliasAdded: key } });
      ids.set(key, target.id);
    } else if (confirmed.has(key)) {
      ids.set(key, await saveUnit(trx, actor, { name: u.name, contactPerson: null, contactPhone: null, aliases: [] }));
      created++;
    } else {
      unresolved.push(u.name);
    }
  }
  if (unresolved.length) {
    throw new AppError(
      'invalid_input',
      `以下 ${unresolved.length} 个责任单位在台账中不存在，尚未确认：${unresolved.slice(0, 10).join('、')}${unresolved.length > 10 ? ' 等' : ''}。请在预览中确认新建，或选择对应的已有单位。`,
      { units: unresolved },
    );
  }
  // Thousands of measures name the same few units: normalise each written name once.
  const byWritten = new Map<string, number>();
  const unitId = (name: string): number => {
    let id = byWritten.get(name);
    if (id !== undefined) return id;
    id = ids.get(normalizeUnitName(name));
    if (id === undefined) throw new AppError('internal', `单位“${name}”未解析`);
    byWritten.set(name, id);
    return id;
  };
  return { unitId, created };
}

type Writer = ReturnType<typeof bulkWriter>;

/**
 * 备注 as stored (and printed): the file's own notes and extra columns, and where the finding came
 * from when the file says. The importer's own bookkeeping (the parent item of a "1.1") goes to the
 * audit log instead (finish()).
 */
function noteOf(f: PreparedImport['parsed']['findings'][number]): string | null {
  const lines = [f.source ? `反馈来源：${f.source}` : '', f.note ?? ''].filter(Boolean);
  return lines.length ? lines.join('\n') : null;
}

/** The status a measure enters with: what the template says, else started when it has progress or is standing. */
function plannedStatus(m: ParsedMeasure): MeasureStatus {
  return m.status ?? (m.deadline.kind === 'standing' || m.progress ? 'in_progress' : 'not_started');
}

function bulkWriter(core: Core, actor: Actor, immediateDays: number, unitId: (name: string | null) => number) {
  const db = core.sqlite;
  const insFinding = db.prepare(
    `INSERT INTO findings (batch_id, seq, sort_order, category, text, suggestion, target, note, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insMeasure = db.prepare(
    `INSERT INTO measures (finding_id, seq, text, lead_unit_id, leader, person, deadline_kind, deadline_date, deadline_text, status,
       assigned_date, last_progress_date, result_text, requested_date, verified_by, closed_date, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insCo = db.prepare('INSERT OR IGNORE INTO measure_co_units (measure_id, unit_id) VALUES (?, ?)');
  const insProgress = db.prepare('INSERT INTO progress_entries (measure_id, entry_date, text, operator, created_at) VALUES (?, ?, ?, ?, ?)');
  const insChange = db.prepare(
    `INSERT INTO status_changes (measure_id, action, from_status, to_status, change_date, note, operator, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The same row audit() writes; prepared here because an import writes thousands at once.
  const insAudit = db.prepare('INSERT INTO audit_log (at, operator, action, entity, entity_id, after_json) VALUES (?, ?, ?, ?, ?, ?)');
  const today = actor.today;
  const verifier = `${actor.operator}（导入）`;
  // The same few deadlines repeat on thousands of measures; each is worked out once.
  const deadlines = new Map<string, string | null>();
  const deadlineOf = (d: ParsedMeasure['deadline']): string | null => {
    const key = `${d.kind}\u0000${d.date ?? ''}\u0000${d.text ?? ''}`;
    let hit = deadlines.get(key);
    if (hit === undefined) deadlines.set(key, (hit = effectiveDeadline({ kind: d.kind, date: d.date, text: d.text || null }, today, immediateDays)));
    return hit;
  };

  // New findings and, per measure, the unit ids written: their search rows are written at the end.
  const created: { id: number; f: PreparedImport['parsed']['findings'][number]; measures: { m: ParsedMeasure; lead: number; co: number[] }[] }[] = [];
  let current: (typeof created)[number] | null = null;
  const insTri = db.prepare('INSERT INTO search_trigram (rowid, body) VALUES (?, ?)');
  const insBi = db.prepare('INSERT INTO search_bigram (rowid, body) VALUES (?, ?)');
  return {
    finding(batchId: number, sortOrder: number, f: PreparedImport['parsed']['findings'][number], status: MeasureStatus): number {
      const id = Number(
        insFinding.run(batchId, f.seq, sortOrder, f.category, f.text, f.suggestion, f.target, noteOf(f), status, actor.at, actor.at).lastInsertRowid,
      );
      created.push((current = { id, f, measures: [] }));
      return id;
    },
    /** One measure, brought to the status the template reports through the workflow's steps. */
    measure(findingId: number, seq: number, m: ParsedMeasure): { id: number; status: MeasureStatus; progress: number } {
      const target = plannedStatus(m);
      const steps: { action: MeasureAction; from: MeasureStatus; to: MeasureStatus }[] = [];
      let status: MeasureStatus = 'not_started';
      for (const action of PATH_TO[target]) {
        const check = nextStatus(status, action);
        if (!check.ok) throw new AppError('internal', check.message);
        steps.push({ action, from: status, to: check.to });
        status = check.to;
      }
      const done = status === 'pending' || status === 'closed';
      // 销号时间 is what the file gives, or none: the import day would make a late measure look on
      // time. A date after today is a typing slip and is not believed either.
      const closedDate = status === 'closed' && m.closedDate && m.closedDate <= today ? m.closedDate : null;
      // Only the file's own words reach 整改结果 (and from there every document); where the status
      // came from is kept in the audit log (finish()).
      const resultText = done ? m.progress ?? null : null;
      const lead = unitId(m.leadUnit);
      const id = Number(
        insMeasure.run(
          findingId, seq, m.text, lead, m.leader, m.person, m.deadline.kind,
          deadlineOf(m.deadline),
          m.deadline.text || null, status, today, m.progress ? today : null, resultText, done ? (status === 'closed' ? closedDate ?? today : today) : null,
          status === 'closed' ? verifier : null, closedDate, actor.at, actor.at,
        ).lastInsertRowid,
      );
      const coIds: number[] = [];
      for (const name of m.coUnits) {
        const co = unitId(name);
        if (co !== lead && !coIds.includes(co)) {
          insCo.run(id, co);
          coIds.push(co);
        }
      }
      if (current?.id === findingId) current.measures.push({ m, lead, co: coIds });
      if (m.progress) insProgress.run(id, today, m.progress, actor.operator, actor.at);
      for (const s of steps) {
        const note = s.action === 'request_close' ? resultText : s.action === 'verify_close' ? `验收人：${verifier}` : '导入';
        insChange.run(id, s.action, s.from, s.to, s.action === 'verify_close' && closedDate ? closedDate : today, note, actor.operator, actor.at);
      }
      return { id, status, progress: m.progress ? 1 : 0 };
    },
    /** The search rows of the new findings, with the units' and the batch's names as the ledger has them. */
    async indexCreated(trx: Db, batchId: number): Promise<void> {
      if (!created.length) return;
      const batch = await trx
        .selectFrom('batches as b')
        .innerJoin('organizations as o', 'o.id', 'b.organization_id')
        .select(['b.doc_number', 'o.name'])
        .where('b.id', '=', batchId)
        .executeTakeFirstOrThrow();
      const names = new Map((await trx.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
      for (const c of created) {
        const body = searchBody({
          text: c.f.text,
          suggestion: c.f.suggestion,
          docNumber: batch.doc_number,
          organizationName: batch.name,
          measures: c.measures.map(({ m, lead, co }) => ({
            text: m.text,
            leadUnitName: names.get(lead),
            coUnitNames: co.map((u) => names.get(u)!).sort(),
            leader: m.leader,
            person: m.person,
          })),
        });
        insTri.run(c.id, body);
        insBi.run(c.id, bigramBody(body));
      }
    },
    finish(findingId: number, f: PreparedImport['parsed']['findings'][number]): void {
      insAudit.run(
        actor.at, actor.operator, 'import', 'finding', findingId,
        JSON.stringify({
          seq: f.seq, category: f.category, text: f.text, sheet: f.sheet, row: f.row, measures: f.measures.length,
          ...(f.parentSeq ? { parentSeq: f.parentSeq } : {}),
          // Provenance stays here, never in a printed field: the status the file recorded, and its 销号时间 or that it gave none.
          statuses: f.measures.map((m) => (m.status ? `${MEASURE_STATUS_LABEL[m.status]}${m.status === 'closed' ? (m.closedDate ? `（销号时间${m.closedDate}）` : '（文件未写销号时间）') : ''}` : null)),
        }),
      );
    },
  };
}

async function applyUpdate(
  trx: Db,
  actor: Actor,
  core: Core,
  cmp: FindingComparison,
  writer: Writer,
  unitId: (name: string | null) => number,
  immediateDays: number,
  onRollback: (undo: () => void) => void,
): Promise<{ measures: number; progress: number }> {
  const existing = cmp.existing!;
  let measures = 0;
  let progress = 0;
  if (cmp.categoryChanged) {
    await updateFinding(trx, actor, existing.id, {
      seq: existing.seq,
      category: cmp.finding.category,
      text: existing.text,
      suggestion: existing.suggestion,
      target: existing.target,
      note: existing.note,
    });
  }
  let nextSeq = Math.max(0, ...existing.measures.map((m) => m.seq));
  for (const mc of cmp.measures) {
    const m = mc.parsed;
    if (!mc.existing) {
      writer.measure(existing.id, ++nextSeq, m);
      if (m.progress) progress++;
      measures++;
      continue;
    }
    if (mc.fieldsChanged) {
      await updateMeasure(
        trx,
        actor,
        mc.existing.id,
        mc.existing.version,
        {
          text: mc.existing.text,
          leadUnitId: m.leadUnit ? unitId(m.leadUnit) : mc.existing.leadUnitId,
          coUnitIds: m.coUnits.map(unitId),
          leader: m.leader ?? mc.existing.leader,
          person: m.person ?? mc.existing.person,
          // A file that leaves the deadline blank keeps the ledger's.
          deadline:
            m.deadline.kind === 'none'
              ? { kind: mc.existing.deadlineKind, date: mc.existing.deadlineDate, text: mc.existing.deadlineText }
              : { kind: m.deadline.kind, date: m.deadline.date, text: m.deadline.text || null },
        },
        immediateDays,
      );
    }
    if (mc.newProgress) {
      await addProgress(trx, actor, core.dataDir, { measureId: mc.existing.id, date: actor.today, text: mc.newProgress, files: [] }, onRollback);
      progress++;
    }
  }
  await refreshFindingStatus(trx, existing.id, actor);
  return { measures, progress };
}
