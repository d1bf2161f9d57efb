import fs from 'node:fs';
import path from 'node:path';

/** Evidence files of 回收站 entries live in <dataDir>/recycle/<binId>/. */
export const RECYCLE_DIR = 'recycle';

export function binFolder(dataDir: string, binId: number): string {
  return path.join(dataDir, RECYCLE_DIR, String(binId));
}

/** Relative path (with '/') a binned evidence file is kept at. The evidence id keeps names apart. */
export function binPathOf(binId: number, evidenceId: number, storedPath: string): string {
  return [RECYCLE_DIR, String(binId), `${evidenceId}-${path.posix.basename(storedPath)}`].join('/');
}

export const abs = (dataDir: string, rel: string) => path.join(dataDir, ...rel.split('/'));

/** Windows briefly holds a file another program just closed (LIBRARY-NOTES): retry a few times. */
function retryBusy(op: () => void): void {
  for (let i = 0; ; i++) {
    try {
      return op();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (i >= 4 || (code !== 'EBUSY' && code !== 'EPERM')) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100 * (i + 1));
    }
  }
}

/** Move (rename, same volume) or, when the source must stay, copy a file; creates the target folder. */
export function placeFile(from: string, to: string, mode: 'move' | 'copy'): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  retryBusy(() => (mode === 'move' ? fs.renameSync(from, to) : fs.copyFileSync(from, to)));
}

export function removeFile(file: string): void {
  retryBusy(() => fs.rmSync(file, { force: true }));
}

export function removeFolder(dir: string): void {
  retryBusy(() => fs.rmSync(dir, { recursive: true, force: true }));
}
