import type { ImportCommitResult } from '../../contract/import.ts';
import { MEASURE_STATUS_LABEL, type MeasureStatus } from '../../domain/vocabulary.ts';
import { AppError } from '../../errors.ts';
import type { Actor, Core } from '../context.ts';
import type { Db } from '../db/open.ts';
import { updateFinding } from '../ledger/findings.ts';
import { addProgress, refreshFindingStatus, updateMeasure } from '../ledger/measures.ts';
import { entryStatus, entrySteps } from '../ledger/rows.ts';
import { auditRows, writeFindings, type AddedMeasure, type NewFinding, type NewMeasure } from '../ledger/rows-write.ts';
import { getSettings } from '../ledger/settings.ts';
import { normalizeUnitName, saveUnit } from '../ledger/units.ts';
import { audit, withWrite } from '../ledger/write.ts';
import { reindexFindings } from '../search/search-index.ts';
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

/**
 * Write a prepared import in one transaction. New findings and measures go in through the bulk
 * writer (ledger/rows-write.ts: thousands of rows in a few statements, on SQLite and PostgreSQL),
 * built by the same row builders as the clerk's forms; updates of findings already in the batch go
 * through the ledger's services.
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
    const names = new Map((await trx.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
    const build = importedMeasures(actor, unitId, names);
    const last = await trx
      .selectFrom('findings')
      .select((eb) => eb.fn.max('sort_order').as('max'))
      .where('batch_id', '=', choices.batchId)
      .executeTakeFirst();
    let sortOrder = Number(last?.max ?? 0);
    const touched: number[] = [];
    // Search rows hold the batch's 文号 and the units' names as the ledger has them (an alias in
    // the file is indexed under the unit's own name).
    const search = await trx
      .selectFrom('batches as b')
      .innerJoin('organizations as o', 'o.id', 'b.organization_id')
      .select(['b.doc_number', 'o.name'])
      .where('b.id', '=', choices.batchId)
      .executeTakeFirstOrThrow();
    const created: NewFinding[] = [];
    const createdFrom: ParsedFinding[] = [];
    const added: AddedMeasure[] = [];

    for (let i = 0; i < parsed.findings.length; i++) {
      const f = parsed.findings[i];
      const cmp = comparisons[i];
      if (cmp.match === 'new') {
        created.push({
          batchId: choices.batchId,
          fields: { seq: f.seq, sortOrder: ++sortOrder, category: f.category, text: f.text, suggestion: f.suggestion, target: f.target, note: noteOf(f) },
          measures: f.measures.map(build),
          search: { text: f.text, suggestion: f.suggestion, docNumber: search.doc_number, organizationName: search.name },
        });
        createdFrom.push(f);
        result.createdFindings++;
        result.createdMeasures += f.measures.length;
        result.progressEntries += f.measures.filter((m) => m.progress).length;
      } else if (cmp.match === 'same' || !choices.applyUpdates) {
        result.unchangedFindings++;
      } else {
        const counts = await applyUpdate(trx, actor, core, cmp, (findingId, seq, m) => added.push({ findingId, seq, measure: build(m) }), unitId, immediateDays, onRollback);
        result.createdMeasures += counts.measures;
        result.progressEntries += counts.progress;
        result.updatedFindings++;
        touched.push(cmp.existing!.id);
      }
    }
    const written = await writeFindings(trx, created, { operator: actor.operator, at: actor.at, immediateDays }, added);
    await auditRows(trx, written.findingIds.map((id, k) => importAudit(actor, id, createdFrom[k])));
    // Known findings that gained measures: their status and search rows follow what is now written.
    for (const id of touched) await refreshFindingStatus(trx, id, actor);
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

/**
 * 备注 as stored (and printed): the file's own notes and extra columns, and where the finding came
 * from when the file says. The importer's own bookkeeping (the parent item of a "1.1") goes to the
 * audit log instead (finish()).
 */
function noteOf(f: PreparedImport['parsed']['findings'][number]): string | null {
  const lines = [f.source ? `反馈来源：${f.source}` : '', f.note ?? ''].filter(Boolean);
  return lines.length ? lines.join('\n') : null;
}

type ParsedFinding = PreparedImport['parsed']['findings'][number];

/** The status a measure enters with: what the template says, else the one rule a new measure follows. */
function plannedStatus(m: ParsedMeasure): MeasureStatus {
  return m.status ?? entryStatus(m.deadline.kind, !!m.progress);
}

/**
 * A measure of the file as the ledger stores it, brought to the status the template reports
 * through the workflow's steps (each recorded in its history). The columns come from the same
 * builders as a measure the clerk enters by hand (ledger/rows.ts).
 */
function importedMeasures(actor: Actor, unitId: (name: string | null) => number, names: Map<number, string>) {
  const today = actor.today;
  const verifier = `${actor.operator}（导入）`;
  return (m: ParsedMeasure): NewMeasure => {
    const status = plannedStatus(m);
    const done = status === 'pending' || status === 'closed';
    // 销号时间 is what the file gives, or none: the import day would make a late measure look on
    // time. A date after today is a typing slip and is not believed either.
    const closedDate = status === 'closed' && m.closedDate && m.closedDate <= today ? m.closedDate : null;
    // Only the file's own words reach 整改结果 (and from there every document); where the status
    // came from is kept in the audit log (importAudit).
    const resultText = done ? m.progress ?? null : null;
    const lead = unitId(m.leadUnit);
    const co: number[] = [];
    for (const name of m.coUnits) {
      const id = unitId(name);
      if (id !== lead && !co.includes(id)) co.push(id);
    }
    return {
      entry: {
        text: m.text,
        leadUnitId: lead,
        leader: m.leader,
        person: m.person,
        deadline: { kind: m.deadline.kind, date: m.deadline.date, text: m.deadline.text || null },
        status,
        assignedDate: today,
        lastProgressDate: m.progress ? today : null,
        resultText,
        requestedDate: done ? (status === 'closed' ? closedDate ?? today : today) : null,
        verifiedBy: status === 'closed' ? verifier : null,
        closedDate,
      },
      coUnitIds: co,
      progress: m.progress ? [{ date: today, text: m.progress }] : [],
      steps: entrySteps(status).map((s) => ({
        ...s,
        date: s.action === 'verify_close' && closedDate ? closedDate : today,
        note: s.action === 'request_close' ? resultText : s.action === 'verify_close' ? `验收人：${verifier}` : '导入',
      })),
      search: { text: m.text, leadUnitName: names.get(lead), coUnitNames: co.map((u) => names.get(u)!).sort(), leader: m.leader, person: m.person },
    };
  };
}

/** The audit row of one imported finding: where it came from in the file. */
function importAudit(actor: Actor, findingId: number, f: ParsedFinding) {
  return {
    at: actor.at,
    operator: actor.operator,
    action: 'import',
    entity: 'finding',
    entity_id: findingId,
    before_json: null,
    after_json: JSON.stringify({
      seq: f.seq, category: f.category, text: f.text, sheet: f.sheet, row: f.row, measures: f.measures.length,
      ...(f.parentSeq ? { parentSeq: f.parentSeq } : {}),
      // Provenance stays here, never in a printed field: the status the file recorded, and its 销号时间 or that it gave none.
      statuses: f.measures.map((m) => (m.status ? `${MEASURE_STATUS_LABEL[m.status]}${m.status === 'closed' ? (m.closedDate ? `（销号时间${m.closedDate}）` : '（文件未写销号时间）') : ''}` : null)),
    }),
  };
}

async function applyUpdate(
  trx: Db,
  actor: Actor,
  core: Core,
  cmp: FindingComparison,
  addMeasure: (findingId: number, seq: number, m: ParsedMeasure) => void,
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
      addMeasure(existing.id, ++nextSeq, m);
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
  return { measures, progress };
}
