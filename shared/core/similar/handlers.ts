import type { similarChannels } from '../../contract/similar.ts';
import { AppError } from '../../errors.ts';
import type { Core } from '../context.ts';
import type { GroupHandlers } from '../group.ts';
import { withWrite } from '../ledger/write.ts';
import { findSimilar } from './find.ts';
import { hasPendingSimilar, syncSimilarIndex } from './index-store.ts';
import { confirmRepeat, findingSimilarity, unconfirmRepeat } from './repeats.ts';

/** Bring the index up to date with findings written since it was last read (usually none). */
async function fresh(core: Core): Promise<void> {
  if (await hasPendingSimilar(core.db)) await core.db.transaction().execute((trx) => syncSimilarIndex(trx));
}

async function checkBatch(core: Core, batchId: number | undefined): Promise<void> {
  if (!batchId) return;
  const b = await core.db.selectFrom('batches').select('id').where('id', '=', batchId).executeTakeFirst();
  if (!b) throw new AppError('invalid_input', '所选反馈批次不存在，请重新选择');
}

export const similarHandlers: GroupHandlers<typeof similarChannels> = {
  'similar:find': async (core, { text, batchId, excludeFindingId, limit }) => {
    await checkBatch(core, batchId);
    await fresh(core);
    return findSimilar(core.db, text, { beforeBatchId: batchId, excludeFindingIds: excludeFindingId ? [excludeFindingId] : [], limit });
  },
  'similar:find-many': async (core, { texts, batchId, limit }) => {
    await checkBatch(core, batchId);
    await fresh(core);
    const out = [];
    for (const text of texts) out.push(await findSimilar(core.db, text, { beforeBatchId: batchId, limit }));
    return out;
  },
  'similar:of-finding': async (core, { findingId }) => {
    await fresh(core);
    return findingSimilarity(core.db, findingId);
  },
  'similar:confirm': async (core, { findingId, earlierFindingId }) => {
    await withWrite(core, (trx, actor) => confirmRepeat(trx, actor, findingId, earlierFindingId));
    await fresh(core);
    return findingSimilarity(core.db, findingId);
  },
  'similar:unconfirm': async (core, { findingId, earlierFindingId }) => {
    await withWrite(core, (trx, actor) => unconfirmRepeat(trx, actor, findingId, earlierFindingId));
    await fresh(core);
    return findingSimilarity(core.db, findingId);
  },
};
