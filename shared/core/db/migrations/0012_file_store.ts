import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * Frozen once released. Issue 12: the office's shared ledger keeps the bytes of every stored file
 * (佐证材料, 监督附件, report templates) in the database itself, so every clerk reaches them and the
 * server's backup (pg_dump) carries them with the rows. Content-addressed: one blob per sha256, its
 * bytes in chunks of at most 1 MiB (a 50 MB upload never becomes one 100 MB hex parameter).
 *
 * Created on both databases so the one list of migrations stays one list; the single-PC ledger
 * leaves the tables empty (its files stay in the data folder, shared/core/files/folder-store.ts).
 * No foreign key from the chunks: the 回收站 follows foreign keys, and these are not ledger records.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('file_blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('chunks', 'integer', (c) => c.notNull())
    // 1: kept for good even when nothing names it (earlier versions of the report template).
    .addColumn('kept', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('file_chunks')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('file_chunks_pk', ['sha256', 'seq'])
    .execute();
}
