import type { Kysely } from 'kysely';
import { dialectOf } from '../db/dialect.ts';
import type { Db } from '../db/open.ts';
import { databaseFileStore } from './database-store.ts';
import { folderFileStore } from './folder-store.ts';

export { sha256Of } from './hash.ts';

/**
 * The file-store port: where the bytes of every stored file live — 佐证材料, 监督附件 (对口监督实施方案,
 * 活动材料) and the office's report template. One home for both databases:
 *
 * - single-PC ledger (SQLite): files in the data folder, at the row's `stored_path`
 *   (evidence/<措施 id>/…, supervision-files/…, templates/…), written and flushed before the
 *   transaction that records them commits, removed from the disk only after a delete commits;
 * - office ledger (PostgreSQL): the bytes in the database itself (tables file_blobs / file_chunks,
 *   migration 0012), one blob per sha256, written in the same transaction as the row, so every
 *   clerk's PC reaches them and the server's backup carries them.
 *
 * A stored file is named by the row that records it: its `stored_path` (the folder's key, also kept
 * on the shared ledger as the file's logical name) and its `sha256` (the database's key, and the
 * check that what is read back is what was added).
 */
export interface StoredFileRef {
  /** Relative to the data folder, with '/'. */
  storedPath: string;
  sha256: string;
}

export interface StoredFile extends StoredFileRef {
  size: number;
}

/** What reading a stored file found: its bytes (checked against the sha256), or why not. */
export type ReadOutcome = { ok: true; bytes: Buffer } | { ok: false; problem: 'missing' | 'altered' | 'outside' };

/** An evidence file kept by a 回收站 entry: where it lived, where the folder store keeps it meanwhile. */
export interface BinnedFile extends StoredFileRef {
  binPath: string;
}

export interface PutOptions {
  /**
   * Keep the bytes even once nothing names them (the report template: each saved version stays,
   * so replacing a template never loses the earlier one). The data folder keeps every file anyway.
   */
  keepForGood?: boolean;
}

export interface FileStore {
  readonly kind: 'folder' | 'database';
  /**
   * Keep `bytes` under `storedPath`, inside the write transaction the store was opened on. The same
   * content again is stored once. `onRollback` undoes what a failed write left (the folder's file).
   */
  put(storedPath: string, bytes: Uint8Array, onRollback: (undo: () => void) => void, options?: PutOptions): Promise<StoredFile>;
  /** The bytes, checked against the recorded sha256. */
  read(file: StoredFileRef): Promise<ReadOutcome>;
  /** The bytes in pieces (never the whole file at once), unchecked: the caller hashes as it goes. */
  stream(file: StoredFileRef): AsyncIterable<Uint8Array>;
  exists(file: StoredFileRef): Promise<boolean>;
  /** Size in bytes of what is stored, or null when nothing is. */
  size(file: StoredFileRef): Promise<number | null>;
  /**
   * The row that used the file is being deleted in this transaction. Folder: the file goes once the
   * delete has committed. Database: the blob goes when no row, 回收站 entry or setting refers to it
   * any more (call after the row is gone).
   */
  remove(file: StoredFileRef): Promise<void>;

  /** 回收站 (recycle/*): a deleted entry's evidence is kept aside; on the database it simply stays. */
  keepInBin(files: readonly BinnedFile[], stillUsed: ReadonlySet<string>): void;
  /** Restore: put the entry's files back before the commit; returns the storedPaths that could not be found. */
  restoreFromBin(binId: number, files: readonly BinnedFile[], onRollback: (undo: () => void) => void): Promise<string[]>;
  /** Purge: the entry is gone (deleted in this transaction); its files go too, except `leftovers` still referenced. */
  purgeBin(binId: number, leftovers: readonly StoredFileRef[]): Promise<void>;
}

/**
 * The store of a ledger: the data folder beside a SQLite file, the database itself on PostgreSQL.
 * `db` may be a transaction (writes) or the core's db (reads).
 */
export function fileStore(db: Db | Kysely<any>, dataDir: string): FileStore {
  return dialectOf(db as Kysely<any>) === 'postgres' ? databaseFileStore(db as Db) : folderFileStore(db as Db, dataDir);
}
