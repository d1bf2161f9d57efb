import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileOut, UploadedFile } from '../../contract/common.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { extensionOf, isEvidenceExtension } from './evidence-names.ts';
import { checkEvidenceFile, mimeOf } from './evidence-types.ts';
import { afterCommit } from './write.ts';

/**
 * 佐证材料 are copied into the data folder (evidence/<measure id>/…), never referenced at the
 * path they came from: a USB stick or a download folder does not last. Each file is checked
 * (evidence-types.ts), written to a temporary name, flushed to disk and renamed into place before
 * the transaction that records it commits, so a committed row never points at a missing or
 * half-written file. A file without a row (a write that never committed) is left for
 * evidence-sweep.ts.
 */
export const EVIDENCE_DIR = 'evidence';
/** Suffix of a file still being written; the sweep removes old ones. */
export const PARTIAL_SUFFIX = '.part';

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
  const ids: number[] = [];
  for (const { bytes, name } of checked) {
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const rel = path.join(EVIDENCE_DIR, String(measureId), `${sha256.slice(0, 12)}-${name}`);
    const abs = path.join(dataDir, rel);
    ensureDir(path.dirname(abs));
    if (fs.existsSync(abs) && (await fileSha256(abs)) === sha256) {
      // The same file again: keep it, and make it young so the sweep never takes it mid-write.
      const now = new Date();
      try {
        fs.utimesSync(abs, now, now);
      } catch {
        /* held open elsewhere (Windows): the sweep's wait of minutes still covers this write */
      }
    } else {
      writeDurably(abs, bytes);
      onRollback(() => fs.rmSync(abs, { force: true }));
    }
    const row = await trx
      .insertInto('evidence_files')
      .values({
        measure_id: measureId,
        progress_entry_id: progressEntryId,
        original_name: name,
        stored_path: rel.split(path.sep).join('/'),
        size: bytes.length,
        sha256,
        added_by: actor.operator,
        created_at: actor.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

/** The stored file of an evidence row, checked against the hash recorded when it was added. */
async function verifiedEvidence(db: Db, dataDir: string, id: number): Promise<{ abs: string; name: string }> {
  const row = await db.selectFrom('evidence_files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', '找不到该佐证材料，可能已被删除');
  const root = path.resolve(dataDir, EVIDENCE_DIR);
  const abs = path.resolve(dataDir, row.stored_path);
  if (!abs.startsWith(root + path.sep) || !isEvidenceExtension(extensionOf(abs))) {
    throw new AppError('forbidden', `佐证材料“${row.original_name}”的存放位置不正常，为安全起见未打开。`);
  }
  if (!fs.existsSync(abs)) throw new AppError('not_found', `佐证材料文件“${row.original_name}”在数据文件夹中缺失`);
  if ((await fileSha256(abs)) !== row.sha256) {
    throw new AppError(
      'file_refused',
      `佐证材料“${row.original_name}”的文件已被改动或已损坏（与添加时记录的校验值不一致），为安全起见未打开。请从原始来源重新添加这份材料。`,
      { id },
    );
  }
  return { abs, name: row.original_name };
}

/** The stored copy's bytes (browser mode downloads them), verified first. */
export async function readEvidence(db: Db, dataDir: string, id: number): Promise<FileOut> {
  const { abs, name } = await verifiedEvidence(db, dataDir, id);
  return { fileName: name, base64: fs.readFileSync(abs).toString('base64'), mime: mimeOf(name) };
}

/** Where the stored copy is, verified first: the desktop shell opens that file and no other. */
export async function locateEvidence(db: Db, dataDir: string, id: number): Promise<{ path: string; fileName: string }> {
  const { abs, name } = await verifiedEvidence(db, dataDir, id);
  return { path: abs, fileName: name };
}

/** Files of measures being deleted; removed from disk once the deletion has committed. */
export async function removeEvidenceFilesOf(trx: Db, dataDir: string, of: { findingIds?: number[]; measureIds?: number[] }): Promise<void> {
  let q = trx.selectFrom('evidence_files as e').innerJoin('measures as m', 'm.id', 'e.measure_id').select('e.stored_path');
  if (of.findingIds) q = q.where('m.finding_id', 'in', of.findingIds.length ? of.findingIds : [-1]);
  if (of.measureIds) q = q.where('m.id', 'in', of.measureIds.length ? of.measureIds : [-1]);
  for (const row of await q.execute()) afterCommit(trx, () => fs.rmSync(path.join(dataDir, row.stored_path), { force: true }));
}

async function fileSha256(abs: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(abs)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Write to a temporary name, flush, rename into place, flush the folder: all or nothing on disk. */
function writeDurably(abs: string, bytes: Uint8Array): void {
  const temp = path.join(path.dirname(abs), `.${crypto.randomBytes(6).toString('hex')}${PARTIAL_SUFFIX}`);
  const fd = fs.openSync(temp, 'wx');
  try {
    fs.writeFileSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    renameRetrying(temp, abs);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fsyncDir(path.dirname(abs));
}

function ensureDir(dir: string): void {
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(dir, { recursive: true });
  fsyncDir(path.dirname(dir));
}

/** A folder's entries are only durable once the folder is flushed (POSIX); Windows cannot open folders so. */
function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Windows briefly holds a file (virus scanners, the indexer): retry a rename on EBUSY/EPERM. */
function renameRetrying(from: string, to: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      fs.renameSync(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (attempt >= 5 || (code !== 'EBUSY' && code !== 'EPERM')) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50 * (attempt + 1));
    }
  }
}
