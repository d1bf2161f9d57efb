import type { supervisionChannels } from '../../contract/supervision.ts';
import type { Core } from '../context.ts';
import type { GroupHandlers } from '../group.ts';
import { getSettings } from '../ledger/settings.ts';
import { audit, withWrite } from '../ledger/write.ts';
import { listActivities, saveActivity } from './activities.ts';
import { listBriefings, saveBriefing } from './briefings.ts';
import { binSupervision } from './common.ts';
import type { SupervisionEntity } from './entities.ts';
import { paragraphDocument, statsWorkbook, supervisorsWorkbook } from './exports.ts';
import { deleteSupervisionFile, readSupervisionFile } from './files.ts';
import { listRelations, saveRelation } from './relations.ts';
import { listSatisfaction, saveSatisfaction } from './satisfaction.ts';
import { supervisionStats } from './stats.ts';
import { getSupervisor, listSupervisorDetails, listSupervisors, saveSupervisor } from './supervisors.ts';
import { listWindows, saveWindow } from './windows.ts';

/** Delete = move to the 回收站, in one audited transaction. */
const remover = (entity: SupervisionEntity) => async (core: Core, { id }: { id: number }) => ({
  deleted: true as const,
  recycleId: await withWrite(core, (trx, actor) => binSupervision(trx, actor, core.dataDir, entity, id)),
});

const officeOf = async (core: Core) => (await getSettings(core.db)).officeName;

export const supervisionHandlers: GroupHandlers<typeof supervisionChannels> = {
  'relations:list': (core, f) => listRelations(core.db, { q: f.q }),
  'relations:save': (core, input) => withWrite(core, (trx, actor, onRollback) => saveRelation(trx, actor, core.dataDir, input, onRollback)),
  'relations:delete': remover('supervision_relation'),

  'activities:list': (core, f) => listActivities(core.db, { year: f.year, q: f.q }),
  'activities:save': (core, input) => withWrite(core, (trx, actor, onRollback) => saveActivity(trx, actor, core.dataDir, input, onRollback)),
  'activities:delete': remover('supervision_activity'),

  'supervisors:list': (core, f) => listSupervisors(core.db, { q: f.q }),
  'supervisors:get': (core, { id }) => getSupervisor(core.db, id),
  'supervisors:save': (core, input) => withWrite(core, (trx, actor) => saveSupervisor(trx, actor, input)),
  'supervisors:delete': remover('supervisor'),
  'supervisors:export': async (core, { includeContact }) => supervisorsWorkbook(await listSupervisorDetails(core.db), includeContact, await officeOf(core)),

  'windows:list': (core, f) => listWindows(core.db, { q: f.q }),
  'windows:save': (core, input) => withWrite(core, (trx, actor) => saveWindow(trx, actor, input)),
  'windows:delete': remover('observation_window'),

  'briefings:list': (core, f) => listBriefings(core.db, { year: f.year, q: f.q }),
  'briefings:save': (core, input) => withWrite(core, (trx, actor) => saveBriefing(trx, actor, input)),
  'briefings:delete': remover('supervision_briefing'),

  'satisfaction:list': (core, f) => listSatisfaction(core.db, { batchId: f.batchId, year: f.year }),
  'satisfaction:save': (core, input) => withWrite(core, (trx, actor) => saveSatisfaction(trx, actor, input)),
  'satisfaction:delete': remover('satisfaction'),

  'supervisionFiles:read': (core, { id }) => readSupervisionFile(core.db, core.dataDir, id),
  'supervisionFiles:delete': (core, { id }) =>
    withWrite(core, async (trx, actor) => {
      const f = await deleteSupervisionFile(trx, id);
      const [entity, entityId] = f.relationId ? (['supervision_relation', f.relationId] as const) : (['supervision_activity', f.activityId] as const);
      await audit(trx, actor, { action: 'remove-file', entity, entityId, before: { files: [f.name] } });
      return { deleted: true as const };
    }),

  'supervisionStats:get': (core, { year }) => supervisionStats(core.db, year),
  'supervisionStats:xlsx': async (core, { year }) => statsWorkbook(await supervisionStats(core.db, year), await officeOf(core)),
  'supervisionStats:docx': async (core, { year }) => paragraphDocument(await supervisionStats(core.db, year), await officeOf(core), core.today()),
};

