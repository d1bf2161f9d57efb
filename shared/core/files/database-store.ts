import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/open.ts';
import { sha256Of } from './hash.ts';
import type { FileStore, ReadOutcome, StoredFileRef } from './store.ts';

/**
 * The office ledger's store: the bytes in the shared database (migration 0012), one blob per
 * sha256, in chunks of CHUNK_BYTES. Written in the caller's write transaction, so the row and its
 * bytes commit together or not at all, and every clerk's PC reads the same bytes. The server's
 * backup (pg_dump) carries them with the data.
 *
 * Memory: a 50 MB upload arrives as one buffer; each chunk is sent as its own parameter (node-
 * postgres sends bytea as hex, twice the chunk, never twice the file), and reading fills one buffer
 * chunk by chunk (or streams the chunks without keeping them).
 */
export const CHUNK_BYTES = 1024 * 1024;

interface FileBlobTable {
  sha256: string;
  size: number;
  chunks: number;
  /** 1: kept even when nothing names it (report templates). */
  kept: number;
  created_at: string;
}
interface FileChunkTable {
  sha256: string;
  seq: number;
  data: Uint8Array;
}
export type FileStoreTables = { file_blobs: FileBlobTable; file_chunks: FileChunkTable };

export function blobsDb(db: Db | Kysely<any>): Kysely<FileStoreTables> {
  return (db as Kysely<any>).withTables<FileStoreTables>() as unknown as Kysely<FileStoreTables>;
}

/** Store bytes under their sha256 unless already there (same content, stored once). Returns the sha256. */
export async function putBlob(db: Db | Kysely<any>, bytes: Uint8Array, options: { keepForGood?: boolean; createdAt?: string } = {}): Promise<string> {
  const sha256 = sha256Of(bytes);
  const t = blobsDb(db);
  const chunks = Math.max(1, Math.ceil(bytes.length / CHUNK_BYTES));
  const kept = options.keepForGood ? 1 : 0;
  const inserted = await t
    .insertInto('file_blobs')
    .values({ sha256, size: bytes.length, chunks, kept, created_at: options.createdAt ?? new Date().toISOString() })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .returning('sha256')
    .executeTakeFirst();
  if (!inserted) {
    if (kept) await t.updateTable('file_blobs').set({ kept: 1 }).where('sha256', '=', sha256).execute();
    return sha256;
  }
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let seq = 0; seq < chunks; seq++) {
    await t
      .insertInto('file_chunks')
      .values({ sha256, seq, data: view.subarray(seq * CHUNK_BYTES, Math.min(bytes.length, (seq + 1) * CHUNK_BYTES)) })
      .execute();
  }
  return sha256;
}

async function blobOf(db: Db, sha256: string): Promise<FileBlobTable | undefined> {
  return blobsDb(db).selectFrom('file_blobs').selectAll().where('sha256', '=', sha256).executeTakeFirst();
}

/** The chunks of a blob in order, fetched one at a time. */
async function* chunksOf(db: Db, sha256: string, count: number): AsyncIterable<Buffer> {
  for (let seq = 0; seq < count; seq++) {
    const row = await blobsDb(db).selectFrom('file_chunks').select('data').where('sha256', '=', sha256).where('seq', '=', seq).executeTakeFirst();
    if (!row) return;
    yield Buffer.from(row.data);
  }
}

/**
 * Remove a blob no row refers to any more: no 佐证材料, no 监督附件, no 回收站 entry (whose saved rows
 * carry the sha256) and no setting, and it is not kept for good (report templates, earlier versions included).
 */
export async function releaseBlob(db: Db | Kysely<any>, sha256: string): Promise<boolean> {
  const gone = await sql<{ sha256: string }>`
    DELETE FROM file_blobs b WHERE b.sha256 = ${sha256} AND b.kept = 0
      AND NOT EXISTS (SELECT 1 FROM evidence_files e WHERE e.sha256 = ${sha256})
      AND NOT EXISTS (SELECT 1 FROM supervision_files s WHERE s.sha256 = ${sha256})
      AND NOT EXISTS (SELECT 1 FROM recycle_bin r WHERE strpos(r.payload_json, ${sha256}) > 0)
      AND NOT EXISTS (SELECT 1 FROM settings g WHERE strpos(g.value, ${sha256}) > 0)
    RETURNING b.sha256`.execute(db as Kysely<any>);
  if (!gone.rows.length) return false;
  await blobsDb(db).deleteFrom('file_chunks').where('sha256', '=', sha256).execute();
  return true;
}

export function databaseFileStore(db: Db): FileStore {
  return {
    kind: 'database',

    async put(storedPath, bytes, _onRollback, options) {
      const sha256 = await putBlob(db, bytes, { keepForGood: options?.keepForGood });
      return { storedPath, sha256, size: bytes.length };
    },

    async read(ref): Promise<ReadOutcome> {
      const blob = await blobOf(db, ref.sha256);
      if (!blob) return { ok: false, problem: 'missing' };
      const bytes = Buffer.allocUnsafe(Number(blob.size));
      let at = 0;
      for await (const chunk of chunksOf(db, ref.sha256, blob.chunks)) {
        if (at + chunk.length > bytes.length) return { ok: false, problem: 'altered' };
        chunk.copy(bytes, at);
        at += chunk.length;
      }
      if (at !== bytes.length) return { ok: false, problem: 'altered' };
      return sha256Of(bytes) === ref.sha256 ? { ok: true, bytes } : { ok: false, problem: 'altered' };
    },

    async *stream(ref) {
      const blob = await blobOf(db, ref.sha256);
      if (blob) yield* chunksOf(db, ref.sha256, blob.chunks);
    },

    async exists(ref) {
      return !!(await blobOf(db, ref.sha256));
    },

    async size(ref) {
      const blob = await blobOf(db, ref.sha256);
      return blob ? Number(blob.size) : null;
    },

    async remove(ref) {
      await releaseBlob(db, ref.sha256);
    },

    keepInBin() {
      // The blob stays: the entry's saved rows still name its sha256.
    },

    async restoreFromBin(_binId, files) {
      const missing: string[] = [];
      for (const f of files) if (!(await blobOf(db, f.sha256))) missing.push(f.storedPath);
      return missing;
    },

    async purgeBin(_binId, leftovers: readonly StoredFileRef[]) {
      for (const f of leftovers) await releaseBlob(db, f.sha256);
    },
  };
}
