import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open.ts';
import { afterCommit } from '../ledger/write.ts';
import { abs, binFolder, placeFile, removeFile, removeFolder, RECYCLE_DIR } from '../recycle/files.ts';
import { sha256Of } from './hash.ts';
import type { BinnedFile, FileStore, ReadOutcome, StoredFileRef } from './store.ts';

/**
 * The single-PC ledger's store: files in the data folder at their stored path. A file is written
 * to a temporary name, flushed, renamed into place and its folder flushed before the transaction
 * that records it commits, so a committed row never points at a missing or half-written file; a
 * write that fails removes what it wrote (onRollback), a delete removes the file only after it
 * committed (afterCommit). Leftovers of a killed write are for ledger/evidence-sweep.ts.
 */

/** Suffix of a file still being written; the sweep removes old ones. */
export const PARTIAL_SUFFIX = '.part';

/** The folders a stored path may lead into (a tampered row must not read or write elsewhere). */
const STORE_FOLDERS = new Set(['evidence', 'supervision-files', 'templates', RECYCLE_DIR]);

/** The absolute path of a stored path, or null when it leads outside the store's folders. */
export function storedFileTarget(dataDir: string, storedPath: string): string | null {
  const root = path.resolve(dataDir);
  const target = path.resolve(root, ...storedPath.split('/'));
  const rel = path.relative(root, target);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const first = rel.split(path.sep)[0];
  if (!STORE_FOLDERS.has(first) || rel === first) return null;
  return target;
}

export function folderFileStore(db: Db, dataDir: string): FileStore {
  const target = (file: { storedPath: string }) => storedFileTarget(dataDir, file.storedPath);
  return {
    kind: 'folder',

    async put(storedPath, bytes, onRollback) {
      const file = storedFileTarget(dataDir, storedPath);
      if (!file) throw new Error(`stored path outside the data folder's store: ${storedPath}`);
      const sha256 = sha256Of(bytes);
      ensureDir(path.dirname(file));
      if (fs.existsSync(file) && (await fileSha256(file)) === sha256) {
        // The same file again: keep it, and make it young so the sweep never takes it mid-write.
        const now = new Date();
        try {
          fs.utimesSync(file, now, now);
        } catch {
          /* held open elsewhere (Windows): the sweep's wait of minutes still covers this write */
        }
      } else {
        writeDurably(file, bytes);
        onRollback(() => fs.rmSync(file, { force: true }));
      }
      return { storedPath, sha256, size: bytes.length };
    },

    async read(ref): Promise<ReadOutcome> {
      const file = target(ref);
      if (!file) return { ok: false, problem: 'outside' };
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch {
        return { ok: false, problem: 'missing' };
      }
      return sha256Of(bytes) === ref.sha256 ? { ok: true, bytes } : { ok: false, problem: 'altered' };
    },

    async *stream(ref) {
      const file = target(ref);
      if (!file) return;
      for await (const chunk of fs.createReadStream(file)) yield chunk as Buffer;
    },

    async exists(ref) {
      const file = target(ref);
      return !!file && !!fs.statSync(file, { throwIfNoEntry: false })?.isFile();
    },

    async size(ref) {
      const file = target(ref);
      const stat = file ? fs.statSync(file, { throwIfNoEntry: false }) : undefined;
      return stat?.isFile() ? stat.size : null;
    },

    async remove(ref) {
      const file = target(ref);
      if (file) afterCommit(db, () => fs.rmSync(file, { force: true }));
    },

    keepInBin(files, stillUsed) {
      // Files shared with a row that stays (the same upload twice on one measure) are copied, not moved.
      for (const f of files) {
        afterCommit(db, () => {
          if (fs.existsSync(abs(dataDir, f.storedPath))) placeFile(abs(dataDir, f.storedPath), abs(dataDir, f.binPath), stillUsed.has(f.storedPath) ? 'copy' : 'move');
        });
      }
    },

    async restoreFromBin(binId, files, onRollback) {
      const missing = restoreFiles(dataDir, files, onRollback);
      afterCommit(db, () => removeFolder(binFolder(dataDir, binId)));
      return missing;
    },

    async purgeBin(binId, leftovers) {
      const paths = leftovers.map((f) => abs(dataDir, f.storedPath));
      afterCommit(db, () => {
        removeFolder(binFolder(dataDir, binId));
        for (const file of paths) if (fs.existsSync(file)) removeFile(file);
      });
    },
  };
}

/**
 * Files go back before the commit (undone if it fails), so a committed restore never points at a
 * file still in the 回收站. A file found in evidence/ already (a crash right after the delete
 * committed, or the same upload again since) stays there; the 回收站 copy goes with its folder.
 */
function restoreFiles(dataDir: string, files: readonly BinnedFile[], onRollback: (undo: () => void) => void): string[] {
  const missing: string[] = [];
  for (const f of files) {
    const live = abs(dataDir, f.storedPath);
    const kept = abs(dataDir, f.binPath);
    if (fs.existsSync(live)) continue;
    if (!fs.existsSync(kept)) {
      missing.push(f.storedPath);
      continue;
    }
    placeFile(kept, live, 'move');
    onRollback(() => placeFile(live, kept, 'move'));
  }
  return missing;
}

export async function fileSha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Write to a temporary name, flush, rename into place, flush the folder: all or nothing on disk. */
export function writeDurably(file: string, bytes: Uint8Array): void {
  const temp = path.join(path.dirname(file), `.${crypto.randomBytes(6).toString('hex')}${PARTIAL_SUFFIX}`);
  const fd = fs.openSync(temp, 'wx');
  try {
    fs.writeFileSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    renameRetrying(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fsyncDir(path.dirname(file));
}

export function ensureDir(dir: string): void {
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
