import type { Generated, Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * The columns migration 0004 adds (issue 7), merged onto the foundation's table interfaces for
 * Kysely the way reports/schema.ts adds its tables.
 */
export type RecordColumns = {
  findings: { version: Generated<number> };
  batches: { version: Generated<number> };
  measures: { reopen_reason: string | null };
  /** source: who reported the entry when it was not the clerk (a unit's returned sheet: the unit's name). */
  progress_entries: { version: Generated<number>; source: string | null };
};
export type RecordsDatabase = Database & RecordColumns;

export function recordsDb(db: Kysely<Database>): Kysely<RecordsDatabase> {
  return db.withTables<RecordColumns>();
}
