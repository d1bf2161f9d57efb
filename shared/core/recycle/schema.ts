import type { Generated, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { RecycleEntity } from '../../contract/recycle.ts';

/** One entry of the 回收站: what was deleted, by whom, and every row and file needed to put it back. */
export interface RecycleBinTable {
  id: Generated<number>;
  entity: RecycleEntity;
  entity_id: number;
  /** Words a clerk recognises: 反馈问题 3：扶贫资金拨付滞后. */
  label: string;
  /** Where it sat: the batch of a finding, the finding of a measure … */
  parent_label: string | null;
  deleted_at: string;
  deleted_by: string;
  /** RecycleCounts as JSON, for the 包含 column without parsing the payload. */
  counts_json: string;
  /** BinPayload as JSON. */
  payload_json: string;
  /** BinFile[] as JSON. */
  files_json: string;
}

/** Every row of every table under the deleted thing, in parent-before-child order. */
export interface BinPayload {
  version: 1;
  tables: { table: string; rows: Record<string, unknown>[] }[];
  /** Names of the units and organisations the rows point at, to find them again if renumbered by a merge. */
  refs: { units: Record<string, string>; organizations: Record<string, string> };
}

/** An evidence file kept in <dataDir>/recycle/<binId>/. Paths are relative to the data folder, with '/'. */
export interface BinFile {
  storedPath: string;
  binPath: string;
}

export type RecycleTables = { recycle_bin: RecycleBinTable };
export type RecycleDatabase = Database & RecycleTables;
export type RecycleBinRow = Selectable<RecycleBinTable>;

export function recycleDb(db: Kysely<Database>): Kysely<RecycleDatabase> {
  return db.withTables<RecycleTables>() as unknown as Kysely<RecycleDatabase>;
}
