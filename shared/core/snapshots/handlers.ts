import type { snapshotChannels } from '../../contract/snapshots.ts';
import type { GroupHandlers } from '../group.ts';
import { compareSnapshots } from './delta.ts';
import { autoSnapshot, deleteSnapshot, listSnapshots, saveSnapshot } from './take.ts';

export const snapshotHandlers: GroupHandlers<typeof snapshotChannels> = {
  'snapshots:list': (core) => listSnapshots(core.db),
  'snapshots:save': (core, { note }) => saveSnapshot(core, note),
  'snapshots:delete': async (core, { id }) => {
    await deleteSnapshot(core, id);
    return { deleted: true };
  },
  'snapshots:compare': (core, { fromId, toId }) => compareSnapshots(core.db, fromId, toId, core.today()),
  'snapshots:auto': (core) => autoSnapshot(core),
};
