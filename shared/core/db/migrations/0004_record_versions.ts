import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * Frozen once released. Issue 7, "every record editable": findings, batches and progress entries
 * carry a version (measures already do) so a stale save is refused; a progress entry names where it
 * came from (a unit's returned sheet) apart from the clerk who recorded it; a reopened measure keeps
 * its 回头看 reason apart from a 退回 reason.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await sql`ALTER TABLE findings ADD COLUMN version INTEGER NOT NULL DEFAULT 1`.execute(db);
  await sql`ALTER TABLE batches ADD COLUMN version INTEGER NOT NULL DEFAULT 1`.execute(db);
  await sql`ALTER TABLE progress_entries ADD COLUMN version INTEGER NOT NULL DEFAULT 1`.execute(db);
  await sql`ALTER TABLE progress_entries ADD COLUMN source TEXT`.execute(db);
  await sql`ALTER TABLE measures ADD COLUMN reopen_reason TEXT`.execute(db);
}
