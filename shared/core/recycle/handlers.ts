import type { recycleChannels } from '../../contract/recycle.ts';
import type { GroupHandlers } from '../group.ts';
import { withWrite } from '../ledger/write.ts';
import { binEvidenceFile } from './bin.ts';
import { emptyBin, listEntries, purgeEntry } from './entries.ts';
import { restoreFromBin } from './restore.ts';

export const recycleHandlers: GroupHandlers<typeof recycleChannels> = {
  'recycle:list': (core) => listEntries(core.db),
  'recycle:restore': (core, { id }) => withWrite(core, (trx, actor, onRollback) => restoreFromBin(trx, actor, core.dataDir, id, onRollback)),
  'recycle:purge': async (core, { id }) => {
    await withWrite(core, (trx, actor) => purgeEntry(trx, actor, core.dataDir, id));
    return { purged: 1 };
  },
  'recycle:empty': async (core) => ({ purged: await withWrite(core, (trx, actor) => emptyBin(trx, actor, core.dataDir)) }),
  'evidence:delete': async (core, { id }) => ({
    deleted: true,
    recycleId: await withWrite(core, (trx, actor) => binEvidenceFile(trx, actor, core.dataDir, id)),
  }),
};
