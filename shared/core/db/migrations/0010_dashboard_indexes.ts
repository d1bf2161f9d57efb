import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * Frozen once released. Issue 10: 工作台 and 分析 count from indexes, never from the rows.
 * - measures_unit_signal: per lead unit and status, every column the signal reads — the counts by
 *   unit, status and signal are one walk over it, without touching the table. It leads with the
 *   unit so that it does not compete with measures_status_deadline for the ledger's status ranges.
 * - measures_finding_status + findings_batch_category: measures by batch and by category (with
 *   their status, lateness and closure on time) are a walk over two covering indexes; the table
 *   rows, with their long texts, are never read.
 * - progress_entries_created / status_changes_created: "since my last visit" (new progress, newly
 *   closed) is a range of recent rows.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createIndex('measures_unit_signal')
    .on('measures')
    .expression(sql`lead_unit_id, status, deadline_kind, coalesce(deadline_date, '9999-12-31'), coalesce(last_progress_date, assigned_date)`)
    .execute();
  await db.schema
    .createIndex('measures_finding_status')
    .on('measures')
    .expression(sql`finding_id, status, deadline_kind, coalesce(deadline_date, '9999-12-31'), closed_date`)
    .execute();
  await db.schema.createIndex('findings_batch_category').on('findings').columns(['batch_id', 'category']).execute();
  await db.schema.createIndex('progress_entries_created').on('progress_entries').column('created_at').execute();
  await db.schema.createIndex('status_changes_created').on('status_changes').columns(['created_at', 'to_status']).execute();
}
