import type { ledgerChannels } from '../../contract/ledger.ts';
import type { AppInfo } from '../../contract/ledger-types.ts';
import { AppError } from '../../errors.ts';
import type { Core } from '../context.ts';
import { dataFolderWarnings } from '../data-folder-guard.ts';
import type { GroupHandlers } from '../group.ts';
import { hasSampleData, loadSampleData, removeSampleData } from '../sample/sample-data.ts';
import { getBatch, listBatches, saveBatch } from './batches.ts';
import { locateEvidence, readEvidence, storeEvidence } from './evidence.ts';
import { cleanEvidenceName } from './evidence-names.ts';
import { getFindingDetail, getMeasureDetail } from './finding-detail.ts';
import { createFinding, updateFinding } from './findings.ts';
import { queryLedger } from './ledger-query.ts';
import { addProgress, insertMeasure, loadMeasure, refreshFindingStatus, transitionMeasure, updateMeasure } from './measures.ts';
import { deleteOrganization, listOrganizations, saveOrganization, seedOrganizationsForLevel } from './organizations.ts';
import { deleteProgressEntry, updateProgressEntry } from './progress.ts';
import { getSettings, saveSettings, thresholdsOf } from './settings.ts';
import { getStats } from './stats.ts';
import { deleteUnit, getUnit, listUnits, mergeUnits, saveUnit } from './units.ts';
import { audit, withWrite } from './write.ts';
import { listAudit } from './audit-list.ts';
import { undividedFindings } from './undivided.ts';
import { ledgerFacets } from './facets.ts';
import { reindexFindings } from '../search/search-index.ts';
// Deleting moves to the 回收站 (issue 8); the old permanent deletes stay for sample-data removal.
import { binBatch, binFinding, binMeasure } from '../recycle/bin.ts';

const APP_VERSION = '0.1.0';

async function thresholds(core: Core) {
  return thresholdsOf(await getSettings(core.db));
}

async function count(core: Core, table: 'batches' | 'findings' | 'measures' | 'units') {
  const r = await core.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export const ledgerHandlers: GroupHandlers<typeof ledgerChannels> = {
  'app:info': async (core): Promise<AppInfo> => ({
    version: APP_VERSION,
    dataDir: core.dataDir,
    today: core.today(),
    settings: await getSettings(core.db),
    counts: { batches: await count(core, 'batches'), findings: await count(core, 'findings'), measures: await count(core, 'measures'), units: await count(core, 'units') },
    hasSample: await hasSampleData(core),
    mode: core.mode,
    dataFolderWarnings: dataFolderWarnings(core.dataDir),
  }),
  'settings:get': (core) => getSettings(core.db),
  'settings:update': async (core, input) => {
    await withWrite(core, async (trx, actor) => {
      const before = await getSettings(trx);
      await saveSettings(trx, input);
      await audit(trx, core.user ? actor : { ...actor, operator: input.operator }, { action: 'update', entity: 'settings', entityId: null, before, after: input });
    });
    return getSettings(core.db);
  },

  'orgs:list': (core) => listOrganizations(core.db),
  'orgs:save': async (core, input) => {
    const id = await withWrite(core, (trx, actor) => saveOrganization(trx, actor, input));
    return (await listOrganizations(core.db)).find((o) => o.id === id)!;
  },
  'orgs:delete': async (core, { id }) => {
    await withWrite(core, (trx, actor) => deleteOrganization(trx, actor, id));
    return { deleted: true };
  },
  'orgs:seed-for-level': async (core, input) => {
    await withWrite(core, (trx, actor) => seedOrganizationsForLevel(trx, actor, input));
    return listOrganizations(core.db);
  },

  'units:list': (core) => listUnits(core.db),
  'units:save': async (core, input) => getUnit(core.db, await withWrite(core, (trx, actor) => saveUnit(trx, actor, input))),
  'units:delete': async (core, { id }) => {
    await withWrite(core, (trx, actor) => deleteUnit(trx, actor, id));
    return { deleted: true };
  },
  'units:merge': async (core, { fromId, intoId }) => {
    await withWrite(core, (trx, actor) => mergeUnits(trx, actor, fromId, intoId));
    return getUnit(core.db, intoId);
  },

  'batches:list': (core) => listBatches(core.db),
  'batches:save': async (core, input) => getBatch(core.db, await withWrite(core, (trx, actor) => saveBatch(trx, actor, input))),
  'batches:delete': async (core, { id }) => {
    await withWrite(core, (trx, actor) => binBatch(trx, actor, core.dataDir, id));
    return { deleted: true };
  },

  'findings:get': async (core, { id }) => getFindingDetail(core.db, id, core.today(), await thresholds(core)),
  'findings:undivided': (core, { batchId }) => undividedFindings(core.db, batchId),
  'findings:create': async (core, { measures, batchId, ...finding }) => {
    const { immediateDays } = await getSettings(core.db);
    const id = await withWrite(core, (trx, actor) => createFinding(trx, actor, batchId, finding, measures, { immediateDays }));
    return getFindingDetail(core.db, id, core.today(), await thresholds(core));
  },
  'findings:update': async (core, { id, version, ...finding }) => {
    await withWrite(core, (trx, actor) => updateFinding(trx, actor, id, finding, version));
    return getFindingDetail(core.db, id, core.today(), await thresholds(core));
  },
  'findings:delete': async (core, { id }) => {
    await withWrite(core, (trx, actor) => binFinding(trx, actor, core.dataDir, id));
    return { deleted: true };
  },

  'measures:create': async (core, { findingId, ...m }) => {
    const { immediateDays } = await getSettings(core.db);
    const id = await withWrite(core, async (trx, actor) => {
      const exists = await trx.selectFrom('findings').select('id').where('id', '=', findingId).executeTakeFirst();
      if (!exists) throw new AppError('not_found', '找不到该反馈问题，可能已被删除');
      const mid = await insertMeasure(trx, actor, findingId, m, { immediateDays });
      await refreshFindingStatus(trx, findingId, actor);
      await reindexFindings(trx, [findingId]);
      return mid;
    });
    return getMeasureDetail(core.db, id, core.today(), await thresholds(core));
  },
  'measures:update': async (core, { id, version, ...m }) => {
    const { immediateDays } = await getSettings(core.db);
    await withWrite(core, (trx, actor) => updateMeasure(trx, actor, id, version, m, immediateDays));
    return getMeasureDetail(core.db, id, core.today(), await thresholds(core));
  },
  'measures:delete': async (core, { id }) => {
    await withWrite(core, (trx, actor) => binMeasure(trx, actor, core.dataDir, id));
    return { deleted: true };
  },
  'measures:transition': async (core, input) => {
    await withWrite(core, (trx, actor, onRollback) => transitionMeasure(trx, actor, core.dataDir, input, onRollback));
    return getMeasureDetail(core.db, input.id, core.today(), await thresholds(core));
  },

  'progress:add': async (core, input) => {
    const entryId = await withWrite(core, (trx, actor, onRollback) => addProgress(trx, actor, core.dataDir, input, onRollback));
    const m = await getMeasureDetail(core.db, input.measureId, core.today(), await thresholds(core));
    return m.progress.find((p) => p.id === entryId)!;
  },
  'progress:update': (core, input) => withWrite(core, (trx, actor) => updateProgressEntry(trx, actor, input)),
  'progress:delete': async (core, input) => {
    await withWrite(core, (trx, actor) => deleteProgressEntry(trx, actor, core.dataDir, input));
    return { deleted: true };
  },
  'evidence:add': async (core, { measureId, files }) => {
    await withWrite(core, async (trx, actor, onRollback) => {
      await loadMeasure(trx, measureId);
      await storeEvidence(trx, actor, core.dataDir, measureId, files, null, onRollback);
      await audit(trx, actor, { action: 'evidence', entity: 'measure', entityId: measureId, after: { files: files.map((f) => cleanEvidenceName(f.name)) } });
    });
    return getMeasureDetail(core.db, measureId, core.today(), await thresholds(core));
  },
  'evidence:get': (core, { id }) => readEvidence(core.db, core.dataDir, id),
  'evidence:locate': (core, { id }) => locateEvidence(core.db, core.dataDir, id),

  'ledger:query': async (core, query) => queryLedger(core.db, query, core.today(), await thresholds(core)),
  'ledger:facets': (core) => ledgerFacets(core.db),
  'stats:get': async (core) => getStats(core.db, core.today(), await thresholds(core)),
  'audit:list': (core, input) => listAudit(core.db, input),

  'sample:load': (core) => loadSampleData(core),
  'sample:remove': (core) => removeSampleData(core),
};
