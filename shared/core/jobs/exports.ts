import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { JOB_ID_PATTERN } from '../../contract/jobs.ts';

/**
 * Files written by jobs, under `<数据文件夹>/exports/<id>/<文件名>`: one folder per job, named by
 * the core (random), holding the one finished file under the name the clerk will see. The shell's
 * save call and the browser's /files/<id> take only the id and find the file here; nothing else
 * on the disk can be reached that way. Folders older than a day are swept.
 */
export const EXPORTS_FOLDER = 'exports';
export const EXPORT_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** The suffix of a file still being written; never served. */
export const PARTIAL_SUFFIX = '.part';

export function exportsDir(dataDir: string): string {
  return path.join(dataDir, EXPORTS_FOLDER);
}

export function newExportId(): string {
  return crypto.randomBytes(18).toString('base64url');
}

export function exportFolder(dataDir: string, id: string): string {
  if (!JOB_ID_PATTERN.test(id)) throw new Error(`无效的文件编号：${id}`);
  return path.join(exportsDir(dataDir), id);
}

export interface LocatedExport {
  path: string;
  fileName: string;
  size: number;
}

/**
 * The finished file of export `id`, or null: an id of another shape, a missing folder, a folder
 * still being written or holding anything but one regular file, or a path that (through a link)
 * leads outside exports/ are all "no such file".
 */
export function locateExport(dataDir: string, id: unknown): LocatedExport | null {
  if (typeof id !== 'string' || !JOB_ID_PATTERN.test(id)) return null;
  try {
    const root = fs.realpathSync(exportsDir(dataDir));
    const folder = fs.realpathSync(path.join(root, id));
    if (path.dirname(folder) !== root) return null;
    const entries = fs.readdirSync(folder, { withFileTypes: true });
    if (entries.length !== 1 || !entries[0].isFile() || entries[0].name.endsWith(PARTIAL_SUFFIX)) return null;
    const file = path.join(folder, entries[0].name);
    const stat = fs.statSync(file);
    return { path: file, fileName: entries[0].name, size: stat.size };
  } catch {
    return null;
  }
}

export function removeExport(dataDir: string, id: string): void {
  fs.rmSync(exportFolder(dataDir, id), { recursive: true, force: true, maxRetries: 3 });
}

/** Remove export folders older than `maxAgeMs` (keeping `keep`, the jobs still running). */
export function sweepExports(dataDir: string, keep: ReadonlySet<string> = new Set(), now = Date.now(), maxAgeMs = EXPORT_MAX_AGE_MS): number {
  let removed = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(exportsDir(dataDir), { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    if (!e.isDirectory() || !JOB_ID_PATTERN.test(e.name) || keep.has(e.name)) continue;
    try {
      const folder = path.join(exportsDir(dataDir), e.name);
      if (now - fs.statSync(folder).mtimeMs < maxAgeMs) continue;
      fs.rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
      removed++;
    } catch {
      /* held open by a program (Windows): the next sweep tries again */
    }
  }
  return removed;
}
