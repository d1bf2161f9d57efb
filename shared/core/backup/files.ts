import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** File chores done the careful way: durable writes, and renames that outlast Windows' brief locks. */

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

/** Flush a file's bytes to the disk, so a power cut after the rename cannot leave it empty. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Make a rename inside a folder durable (POSIX); Windows cannot open a folder and needs none. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* some file systems refuse to sync a folder; the data itself was synced */
  }
}

/** Write next to the target, flush, rename over it: readers see the old file or the new, never half. */
export async function writeFileDurable(target: string, bytes: Uint8Array | string): Promise<void> {
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fsyncFile(tmp);
  await renameRetrying(tmp, target);
  fsyncDir(path.dirname(target));
}

const BUSY = new Set(['EBUSY', 'EPERM', 'EACCES']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Windows (an antivirus scan, the indexer) holds a just-closed file for a moment: retry a while. */
export async function retryBusy<T>(work: () => T, attempts = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return work();
    } catch (err) {
      if (i >= attempts || !BUSY.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
      await sleep(Math.min(50 * i, 500));
    }
  }
}

export const renameRetrying = (from: string, to: string) => retryBusy(() => fs.renameSync(from, to));
export const removeRetrying = (target: string) => retryBusy(() => fs.rmSync(target, { recursive: true, force: true }));

/** The size of a file, 0 when missing. */
export function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
