import type { UndividedFindings } from '../../contract/ledger-types.ts';
import type { Db } from '../db/open.ts';
import { batchLabel } from './batches.ts';

/**
 * Findings not yet broken into measures: a party's feedback list imported as it came. The ledger
 * lists measures, so these are named beside it until the clerk adds their checklist.
 */
export async function undividedFindings(db: Db, batchId: number | undefined): Promise<UndividedFindings> {
  let q = db
    .selectFrom('findings as f')
    .innerJoin('batches as b', 'b.id', 'f.batch_id')
    .innerJoin('organizations as o', 'o.id', 'b.organization_id')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('measures as m').select('m.id').whereRef('m.finding_id', '=', 'f.id'))));
  if (batchId) q = q.where('f.batch_id', '=', batchId);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = total
    ? await q
        .select(['f.id', 'f.seq', 'f.text', 'b.doc_number', 'b.topic', 'o.name as organizationName'])
        .orderBy('f.batch_id')
        .orderBy('f.sort_order')
        .limit(50)
        .execute()
    : [];
  return {
    total,
    items: rows.map((r) => ({ id: r.id, seq: r.seq, text: r.text, batch: batchLabel({ organizationName: r.organizationName, docNumber: r.doc_number, topic: r.topic }) })),
  };
}
