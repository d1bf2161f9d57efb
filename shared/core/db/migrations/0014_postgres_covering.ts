import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * Frozen once released. The shared ledger (PostgreSQL) reads the 工作台's lists off their indexes
 * as the single-PC file does. SQLite needs nothing here.
 * - PostgreSQL answers from an expression index alone only when the columns inside the
 *   expression are in the index too: measures_status_deadline (逾期, 即将到期) and
 *   measures_status_activity (停滞, 长期坚持未报送) gain them, and the measure's id, as INCLUDE
 *   columns. Before, each list read every open measure's row (25–33 ms each on 100,000 findings).
 * - 自上次访问以来的新进展 is ordered by (created_at, id): an import writes every entry in one
 *   second, and with created_at alone PostgreSQL sorted all of them to find the first ten
 *   (85 ms). SQLite's index on created_at already ends in the rowid, which is the id.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`DROP INDEX measures_status_deadline`.execute(db);
  await sql`CREATE INDEX measures_status_deadline ON measures (status, coalesce(deadline_date, '9999-12-31'), deadline_kind) INCLUDE (deadline_date, id)`.execute(db);
  await sql`DROP INDEX measures_status_activity`.execute(db);
  await sql`CREATE INDEX measures_status_activity ON measures (status, coalesce(last_progress_date, assigned_date), deadline_kind, finding_id, seq) INCLUDE (id, last_progress_date, assigned_date)`.execute(db);
  await sql`DROP INDEX progress_entries_created`.execute(db);
  await sql`CREATE INDEX progress_entries_created ON progress_entries (created_at, id)`.execute(db);
}
