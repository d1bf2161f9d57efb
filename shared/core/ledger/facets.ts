import type { LedgerFacets } from '../../contract/ledger-types.ts';
import type { Db } from '../db/open.ts';
import { batchLabel } from './batches.ts';

/** What the ledger's filter drop-downs offer. */
export async function ledgerFacets(db: Db): Promise<LedgerFacets> {
  const [categories, organizations, batches, units] = await Promise.all([
    db.selectFrom('findings').select('category').distinct().where('category', 'is not', null).orderBy('category').execute(),
    db.selectFrom('organizations').select(['id', 'name']).orderBy('id').execute(),
    db
      .selectFrom('batches as b')
      .innerJoin('organizations as o', 'o.id', 'b.organization_id')
      .select(['b.id', 'b.doc_number', 'b.topic', 'o.name'])
      .orderBy('b.received_date', 'desc')
      .execute(),
    db.selectFrom('units').select(['id', 'name']).orderBy('name').execute(),
  ]);
  return {
    categories: categories.map((c) => c.category!).filter(Boolean),
    organizations,
    batches: batches.map((b) => ({ id: b.id, label: batchLabel({ organizationName: b.name, docNumber: b.doc_number, topic: b.topic }) })),
    units,
  };
}
