import { sql, type Kysely } from 'kysely';
import { addId, type Dialect } from '../dialect.ts';

/**
 * Frozen once released. Issue 12, office mode: the clerks who sign in to a shared ledger, with
 * their role (admin 管理员 / clerk 文员 / leader 领导) and a scrypt password hash (never the
 * password). Created on both databases; the single-PC SQLite ledger has no accounts and leaves it
 * empty. Assumes no other table.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('users')
    .$call((tb) => addId(tb, dialect))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('admin', 'clerk', 'leader')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
