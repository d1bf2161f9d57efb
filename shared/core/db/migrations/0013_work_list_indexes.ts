import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * Frozen once released. Issue 10: every 工作台 list is an index range, its first items an ordered
 * walk that stops after them.
 * - measures_status_activity: per status, the day of the last sign of life (activityKey in
 *   ledger/signal-sql.ts), with the deadline kind and the list's order. 停滞 and 长期坚持未报送 are
 *   "this day on or before …" on the open (or 长期坚持) statuses, counted and listed off the index
 *   without reading a row; before it each read every open measure's row (60 and 42 ms on 100,000
 *   findings).
 * - measures_status_requested: 待销号 longest waiting first, the first ten read in order.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createIndex('measures_status_activity')
    .on('measures')
    .expression(sql`status, coalesce(last_progress_date, assigned_date), deadline_kind, finding_id, seq`)
    .execute();
  await db.schema.createIndex('measures_status_requested').on('measures').columns(['status', 'requested_date', 'finding_id', 'seq']).execute();
}
