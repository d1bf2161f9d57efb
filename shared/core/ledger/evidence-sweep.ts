import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../context.ts';
import { dialectOf } from '../db/dialect.ts';
import { sweepUnreferencedBlobs } from '../files/sweep-blobs.ts';
import { sweepSharedCopies } from '../files/open-copy.ts';
import { binHeldPaths } from '../recycle/entries.ts';
import { EVIDENCE_DIR, PARTIAL_SUFFIX } from './evidence.ts';

/**
 * Files under evidence/ that no row records: a write killed between writing its file and its
 * commit, or a deletion killed between its commit and removing the file. They are removed at
 * start. Only files older than `minAgeMs` go, so a write in flight (file renamed into place,
 * transaction not yet committed) never loses its file; only the folders storeEvidence makes
 * (evidence/<measure id>/) are looked at, so anything else kept under evidence/ is left alone.
 * A file the 回收站 still answers for (a delete killed before moving it) is not an orphan.
 */
export const SWEEP_MIN_AGE_MS = 5 * 60 * 1000;

export interface SweepReport {
  /** Relative paths removed ("evidence/12/ab12…-照片.jpg"). */
  removed: string[];
  bytes: number;
}

export async function sweepEvidenceOrphans(core: Pick<Core, 'db' | 'dataDir'>, options: { minAgeMs?: number } = {}): Promise<SweepReport> {
  const report: SweepReport = { removed: [], bytes: 0 };
  // The shared ledger keeps its files in the database: the data folder's evidence/ (perhaps the
  // files of this PC's own single-PC ledger) is none of its business; its leftovers are blobs.
  if (dialectOf(core.db) === 'postgres') return sweepUnreferencedBlobs(core.db);
  const root = path.join(core.dataDir, EVIDENCE_DIR);
  if (!fs.existsSync(root)) return report;
  const cutoff = Date.now() - (options.minAgeMs ?? SWEEP_MIN_AGE_MS);
  const rows = await core.db.selectFrom('evidence_files').select('stored_path').execute();
  const referenced = new Set([...rows.map((r) => r.stored_path), ...(await binHeldPaths(core.db))]);

  for (const folder of fs.readdirSync(root, { withFileTypes: true })) {
    if (!folder.isDirectory() || !/^\d+$/.test(folder.name)) continue;
    const dir = path.join(root, folder.name);
    let removedHere = false;
    for (const name of fs.readdirSync(dir)) {
      const rel = `${EVIDENCE_DIR}/${folder.name}/${name}`;
      const partial = name.startsWith('.') && name.endsWith(PARTIAL_SUFFIX);
      if (!partial && referenced.has(rel)) continue;
      const abs = path.join(dir, name);
      const stat = fs.lstatSync(abs, { throwIfNoEntry: false });
      if (!stat || stat.isDirectory() || stat.mtimeMs > cutoff) continue;
      try {
        fs.rmSync(abs, { force: true });
      } catch {
        continue; // held open by another program: next start
      }
      report.removed.push(rel);
      report.bytes += stat.size;
      removedHere = true;
    }
    // A measure's folder emptied here (or long empty) goes too.
    const stat = fs.statSync(dir);
    if ((removedHere || stat.mtimeMs <= cutoff) && fs.readdirSync(dir).length === 0) fs.rmSync(dir, { recursive: true, force: true });
  }
  return report;
}

/** One line for the log of the door that ran the sweep, or null when there was nothing to remove. */
export function describeSweep(report: SweepReport): string | null {
  if (report.removed.length === 0) return null;
  const kb = Math.max(1, Math.round(report.bytes / 1024));
  const shown = report.removed.slice(0, 5).join('、') + (report.removed.length > 5 ? ' 等' : '');
  return `已清理 ${report.removed.length} 个没有记录的佐证材料残留文件（共 ${kb} KB）：${shown}`;
}

/** For the doors (server, Electron core host, CLI): sweep once at start, never failing the start. */
export async function sweepAtStart(core: Pick<Core, 'db' | 'dataDir'>, log: (line: string) => void): Promise<void> {
  try {
    sweepSharedCopies(core.dataDir);
    const line = describeSweep(await sweepEvidenceOrphans(core));
    if (line) log(line);
  } catch (err) {
    log(`清理佐证材料残留文件时出错（不影响使用）：${err instanceof Error ? err.message : String(err)}`);
  }
}
