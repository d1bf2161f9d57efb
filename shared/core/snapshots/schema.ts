import type { Generated, Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { MeasureStatus, Signal } from '../../domain/vocabulary.ts';
import type { SnapshotKind } from '../../contract/snapshots.ts';

/** The tables migration 0006 adds, merged onto the foundation's Database for Kysely. */
export interface SnapshotTable {
  id: Generated<number>;
  taken_on: string;
  taken_at: string;
  kind: SnapshotKind;
  note: string | null;
  operator: string;
  thresholds_json: string;
  measures: number;
  closed: number;
  closed_late: number;
  long_term: number;
  red: number;
  yellow: number;
  green: number;
}

export interface SnapshotMeasureTable {
  snapshot_id: number;
  measure_id: number;
  status: MeasureStatus;
  signal: Signal;
  lead_unit_id: number | null;
  deadline_date: string | null;
  closed_date: string | null;
  overdue_days: number;
}

export type SnapshotTables = { snapshots: SnapshotTable; snapshot_measures: SnapshotMeasureTable };
export type SnapshotDatabase = Database & SnapshotTables;

export function snapshotDb(db: Kysely<Database>): Kysely<SnapshotDatabase> {
  return db.withTables<SnapshotTables>() as unknown as Kysely<SnapshotDatabase>;
}
