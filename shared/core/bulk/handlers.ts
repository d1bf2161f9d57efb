import type { bulkChannels } from '../../contract/bulk.ts';
import type { Core } from '../context.ts';
import type { GroupHandlers } from '../group.ts';
import { withWrite } from '../ledger/write.ts';
import { applyBulk, previewBulk, selectedIds } from './bulk-edit.ts';

export const bulkHandlers: GroupHandlers<typeof bulkChannels> = {
  'bulk:preview': async (core: Core, { selection, changes }) => previewBulk(core.db, await selectedIds(core.db, selection, core.today()), changes, core.today()),
  'bulk:apply': (core: Core, { items, changes }) => withWrite(core, (trx, actor, onRollback) => applyBulk(trx, actor, core.dataDir, items, changes, onRollback)),
};
