import fs from 'node:fs';
import path from 'node:path';
import { EVIDENCE_DIR } from '../ledger/evidence.ts';
import { RECYCLE_DIR } from '../recycle/files.ts';
import { SUPERVISION_FILES_DIR } from '../supervision/files.ts';

/** Folders besides evidence/ that belong to the ledger and travel with it: the 回收站's kept files. */
export const KEPT_FOLDERS: readonly string[] = [RECYCLE_DIR, SUPERVISION_FILES_DIR];

/**
 * Where a stored file (evidence row, kept file) lives in a data folder, or null when its path would
 * leave `folder` (a hostile archive must not write anywhere else).
 */
export function evidenceTarget(dataDir: string, storedPath: string, folder = EVIDENCE_DIR): string | null {
  const root = path.resolve(dataDir, folder);
  const abs = path.resolve(dataDir, storedPath);
  return abs.startsWith(root + path.sep) ? abs : null;
}

export function filesUnder(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []));
}
