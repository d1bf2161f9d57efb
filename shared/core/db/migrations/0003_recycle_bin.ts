import type { Kysely } from 'kysely';
import { addId, type Dialect } from '../dialect.ts';

/**
 * Frozen once released. 回收站 (issue 8): a deleted batch, finding, measure, progress entry or
 * evidence file is kept here, every row under it as JSON with its own ids, until restored or purged.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('recycle_bin')
    .$call((tb) => addId(tb, dialect))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('parent_label', 'text')
    .addColumn('deleted_at', 'text', (c) => c.notNull())
    .addColumn('deleted_by', 'text', (c) => c.notNull())
    .addColumn('counts_json', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('files_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recycle_bin_deleted').on('recycle_bin').column('deleted_at').execute();
}
