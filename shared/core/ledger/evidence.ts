import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileOut, UploadedFile } from '../../contract/common.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { fileStore, type ReadOutcome } from '../files/store.ts';
import { openableCopy } from '../files/open-copy.ts';
import { extensionOf, isEvidenceExtension } from './evidence-names.ts';
import { checkEvidenceFile, mimeOf } from './evidence-types.ts';

/**
 * 佐证材料 are copied into the ledger's file store (files/store.ts), never referenced at the path
 * they came from: a USB stick or a download folder does not last. On the single-PC ledger that is
 * the data folder (evidence/<measure id>/…), each file written, flushed and renamed into place
 * before the transaction that records it commits, so a committed row never points at a missing or
 * half-written file (a file without a row is left for evidence-sweep.ts); on the office's shared
 * ledger the bytes go into the database in the same transaction as the row.
 */
export const EVIDENCE_DIR = 'evidence';
export { PARTIAL_SUFFIX } from '../files/folder-store.ts';

export { mimeOf };

export async function storeEvidence(
  trx: Db,
  actor: Actor,
  dataDir: string,
  measureId: number,
  files: readonly UploadedFile[],
  progressEntryId: number | null,
  onRollback: (undo: () => void) => void,
): Promise<number[]> {
  // Every file is checked before any is written: one refused file refuses the whole call.
  const checked = files.map((file) => {
    const bytes = Buffer.from(file.base64, 'base64');
    return { bytes, ...checkEvidenceFile(file.name, bytes) };
  });
  const store = fileStore(trx, dataDir);
  const ids: number[] = [];
  for (const { bytes, name } of checked) {
    const sha256 = sha256Hex(bytes);
    const stored = await store.put(`${EVIDENCE_DIR}/${measureId}/${sha256.slice(0, 12)}-${name}`, bytes, onRollback);
    const row = await trx
      .insertInto('evidence_files')
      .values({
        measure_id: measureId,
        progress_entry_id: progressEntryId,
        original_name: name,
        stored_path: stored.storedPath,
        size: stored.size,
        sha256: stored.sha256,
        added_by: actor.operator,
        created_at: actor.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface EvidenceRow {
  id: number;
  original_name: string;
  stored_path: string;
  sha256: string;
}

async function evidenceRow(db: Db, id: number): Promise<EvidenceRow> {
  const row = await db.selectFrom('evidence_files').select(['id', 'original_name', 'stored_path', 'sha256']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', '找不到该佐证材料，可能已被删除');
  const storedName = row.stored_path.split('/').pop() ?? '';
  if (!row.stored_path.startsWith(`${EVIDENCE_DIR}/`) || row.stored_path.split('/').includes('..') || !isEvidenceExtension(extensionOf(storedName))) {
    throw new AppError('forbidden', `佐证材料“${row.original_name}”的存放位置不正常，为安全起见未打开。`);
  }
  return row;
}

/** The refusal for a stored copy that is not what was added. */
function unreadable(row: EvidenceRow, problem: Exclude<ReadOutcome, { ok: true }>['problem'], shared: boolean): AppError {
  if (problem === 'outside') return new AppError('forbidden', `佐证材料“${row.original_name}”的存放位置不正常，为安全起见未打开。`);
  if (problem === 'missing') return new AppError('not_found', `佐证材料文件“${row.original_name}”在${shared ? '共享数据库' : '数据文件夹'}中缺失`);
  return new AppError(
    'file_refused',
    `佐证材料“${row.original_name}”的文件已被改动或已损坏（与添加时记录的校验值不一致），为安全起见未打开。请从原始来源重新添加这份材料。`,
    { id: row.id },
  );
}

/** The stored copy's bytes (browser mode downloads them), verified first. */
export async function readEvidence(db: Db, dataDir: string, id: number): Promise<FileOut> {
  const row = await evidenceRow(db, id);
  const store = fileStore(db, dataDir);
  const read = await store.read({ storedPath: row.stored_path, sha256: row.sha256 });
  if (!read.ok) throw unreadable(row, read.problem, store.kind === 'database');
  return { fileName: row.original_name, base64: read.bytes.toString('base64'), mime: mimeOf(row.original_name) };
}

/**
 * Where a verified copy is, for the desktop shell to open that file and no other: the stored file
 * itself on the single-PC ledger; on the shared ledger a copy written from the database into this
 * PC's data folder (evidence/shared-copies/, files/open-copy.ts).
 */
export async function locateEvidence(db: Db, dataDir: string, id: number): Promise<{ path: string; fileName: string }> {
  const row = await evidenceRow(db, id);
  const store = fileStore(db, dataDir);
  const ref = { storedPath: row.stored_path, sha256: row.sha256 };
  if (store.kind === 'database') {
    const copy = await openableCopy(store, ref, dataDir, row.original_name);
    if (!copy.ok) throw unreadable(row, copy.problem, true);
    return { path: copy.path, fileName: row.original_name };
  }
  const abs = path.resolve(dataDir, ...row.stored_path.split('/'));
  if (!fs.existsSync(abs)) throw unreadable(row, 'missing', false);
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(abs)) hash.update(chunk as Buffer);
  if (hash.digest('hex') !== row.sha256) throw unreadable(row, 'altered', false);
  return { path: abs, fileName: row.original_name };
}

/**
 * Files of measures being deleted for good (not through the 回收站): on the data folder they are
 * removed once the deletion has committed. On the shared database the blobs stay until the start
 * sweep finds nothing refers to them (the rows are deleted after this call, in the caller's order).
 */
export async function removeEvidenceFilesOf(trx: Db, dataDir: string, of: { findingIds?: number[]; measureIds?: number[] }): Promise<void> {
  const store = fileStore(trx, dataDir);
  if (store.kind === 'database') return;
  let q = trx.selectFrom('evidence_files as e').innerJoin('measures as m', 'm.id', 'e.measure_id').select(['e.stored_path', 'e.sha256']);
  if (of.findingIds) q = q.where('m.finding_id', 'in', of.findingIds.length ? of.findingIds : [-1]);
  if (of.measureIds) q = q.where('m.id', 'in', of.measureIds.length ? of.measureIds : [-1]);
  for (const row of await q.execute()) await store.remove({ storedPath: row.stored_path, sha256: row.sha256 });
}
