import type { RecycleEntity } from '../../contract/recycle.ts';
import type { Db } from '../db/open.ts';
import { batchLabel } from '../ledger/batches.ts';
import { describeSupervision } from '../supervision/recycle-labels.ts';

/** How an entry is named in the 回收站: the words a clerk saw in the ledger. */

const short = (text: string, max = 30) => (text.length > max ? `${text.slice(0, max)}…` : text);

async function batchName(trx: Db, batchId: number): Promise<string> {
  const b = await trx
    .selectFrom('batches as b')
    .innerJoin('organizations as o', 'o.id', 'b.organization_id')
    .select(['o.name as organizationName', 'b.doc_number as docNumber', 'b.topic'])
    .where('b.id', '=', batchId)
    .executeTakeFirstOrThrow();
  return `反馈批次：${batchLabel(b)}`;
}

async function findingName(trx: Db, findingId: number) {
  const f = await trx.selectFrom('findings').select(['seq', 'text', 'batch_id']).where('id', '=', findingId).executeTakeFirstOrThrow();
  return { name: `反馈问题 ${f.seq}：${short(f.text)}`, batchId: f.batch_id };
}

async function measureName(trx: Db, measureId: number) {
  const m = await trx.selectFrom('measures').select(['seq', 'text', 'finding_id']).where('id', '=', measureId).executeTakeFirstOrThrow();
  const f = await trx.selectFrom('findings').select('seq').where('id', '=', m.finding_id).executeTakeFirstOrThrow();
  return { name: `整改措施 ${m.seq}：${short(m.text)}`, inFinding: `反馈问题 ${f.seq} · 整改措施 ${m.seq}：${short(m.text)}`, findingId: m.finding_id };
}

/** Label and parent description of a live row, read before it is moved. */
export async function describe(trx: Db, entity: RecycleEntity, row: Record<string, unknown>): Promise<{ label: string; parent: string | null }> {
  switch (entity) {
    case 'batch':
      return { label: await batchName(trx, row.id as number), parent: null };
    case 'finding': {
      const f = await findingName(trx, row.id as number);
      return { label: f.name, parent: await batchName(trx, f.batchId) };
    }
    case 'measure': {
      const m = await measureName(trx, row.id as number);
      return { label: m.name, parent: (await findingName(trx, m.findingId)).name };
    }
    case 'progress':
      return { label: `整改进展 ${row.entry_date}：${short(String(row.text))}`, parent: (await measureName(trx, row.measure_id as number)).inFinding };
    case 'evidence':
      return { label: `佐证材料：${row.original_name}`, parent: (await measureName(trx, row.measure_id as number)).inFinding };
    default:
      return describeSupervision(trx, entity, row);
  }
}
