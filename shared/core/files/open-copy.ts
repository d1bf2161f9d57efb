import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cleanEvidenceName } from '../ledger/evidence-names.ts';
import type { FileStore, StoredFileRef } from './store.ts';

/**
 * On the office's shared ledger a stored file lives in the database; to open it in Word or a
 * viewer the desktop shell needs a file on this PC. The copy is written under the data folder's
 * evidence/ (the only place the shell opens files from) in a folder of its own that the evidence
 * sweep never looks at, checked against the sha256 as it is written, and reused while it is intact
 * (the clerk may still have it open). Copies older than a day are removed at start.
 */
export const SHARED_COPIES_DIR = 'shared-copies';
const EVIDENCE_ROOT = 'evidence';
export const COPY_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function sharedCopiesFolder(dataDir: string): string {
  return path.join(dataDir, EVIDENCE_ROOT, SHARED_COPIES_DIR);
}

export async function openableCopy(
  store: FileStore,
  ref: StoredFileRef,
  dataDir: string,
  name: string,
): Promise<{ ok: true; path: string } | { ok: false; problem: 'missing' | 'altered' }> {
  const dir = path.join(sharedCopiesFolder(dataDir), ref.sha256.slice(0, 16));
  const file = path.join(dir, cleanEvidenceName(name));
  if (fs.existsSync(file) && (await hashOf(file)) === ref.sha256) {
    const now = new Date();
    try {
      fs.utimesSync(dir, now, now);
    } catch {
      /* only delays the sweep of an old copy */
    }
    return { ok: true, path: file };
  }
  if (!(await store.exists(ref))) return { ok: false, problem: 'missing' };
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${crypto.randomBytes(6).toString('hex')}.part`);
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(temp, 'w');
  try {
    for await (const chunk of store.stream(ref)) {
      hash.update(chunk);
      fs.writeSync(fd, chunk);
    }
  } finally {
    fs.closeSync(fd);
  }
  if (hash.digest('hex') !== ref.sha256) {
    fs.rmSync(temp, { force: true });
    return { ok: false, problem: 'altered' };
  }
  try {
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    // Windows: the old, damaged copy is still open in another program.
    throw err;
  }
  return { ok: true, path: file };
}

/** Remove copies not opened for a day; one still open in another program stays for next time. */
export function sweepSharedCopies(dataDir: string, maxAgeMs = COPY_MAX_AGE_MS): number {
  const root = sharedCopiesFolder(dataDir);
  let removed = 0;
  const cutoff = Date.now() - maxAgeMs;
  if (!fs.existsSync(root)) return 0;
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const dir = path.join(root, entry.name);
    const stat = fs.statSync(dir, { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > cutoff) continue;
    try {
      fs.rmSync(dir, { recursive: true, force: true });
      removed++;
    } catch {
      /* held open: next start */
    }
  }
  return removed;
}

async function hashOf(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
