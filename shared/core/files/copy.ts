import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Db } from '../db/open.ts';
import { getSetting } from '../ledger/settings.ts';
import { binnedFilesOf } from '../recycle/entries.ts';
import { recycleDb } from '../recycle/schema.ts';
import { blobsDb, databaseFileStore, putBlob } from './database-store.ts';
import { ensureDir, storedFileTarget, writeDurably } from './folder-store.ts';
import { sha256Of } from './hash.ts';

/**
 * Moving a ledger between a PC and the office's server (settings › 办公室共享数据库): the rows are
 * copied by the office migration; these copy the files the rows name, each checked against the
 * sha256 its row recorded.
 *
 * - copyFilesToStore: single-PC ledger (data folder) → shared database (call inside the
 *   migration's transaction on the server, so rows and bytes commit together);
 * - copyFilesToFolder: shared database → a data folder (导出到本机文件), at each row's stored path.
 *
 * What is copied: every 佐证材料 (evidence_files), every 监督附件 (supervision_files), the current
 * report template (settings 'reportTemplate'), and the evidence of 回收站 entries (so a restore on
 * the other side finds its files).
 */

const TEMPLATE = '报告模板';

export interface FileCopyProblem {
  /** What a clerk calls it: 佐证材料 / 监督附件 / 报告模板 / 回收站中的佐证材料. */
  kind: string;
  name: string;
  storedPath: string;
  problem: 'missing' | 'altered';
}

export interface FileCopyReport {
  /** Files looked at (a file several rows share counts once per row). */
  files: number;
  /** Distinct contents written to the target (the rest were there already). */
  written: number;
  bytes: number;
  /** Files that could not be copied as recorded: missing, or not what their row's sha256 says. */
  problems: FileCopyProblem[];
}

interface Wanted {
  kind: string;
  name: string;
  storedPath: string;
  sha256: string;
  /** Where the file lies in the source folder when not at storedPath (a 回收站 entry's kept copy). */
  alsoAt?: string;
}

/** Every stored file the rows of a ledger name. */
export async function filesNamedBy(db: Db | Kysely<any>): Promise<Wanted[]> {
  const d = db as Db;
  const wanted: Wanted[] = [];
  for (const r of await d.selectFrom('evidence_files').select(['original_name', 'stored_path', 'sha256']).orderBy('id').execute()) {
    wanted.push({ kind: '佐证材料', name: r.original_name, storedPath: r.stored_path, sha256: r.sha256 });
  }
  const sup = (db as Kysely<any>).withTables<{ supervision_files: { original_name: string; stored_path: string; sha256: string; id: number } }>();
  for (const r of await sup.selectFrom('supervision_files').select(['original_name', 'stored_path', 'sha256']).orderBy('id').execute()) {
    wanted.push({ kind: '监督附件', name: r.original_name, storedPath: r.stored_path, sha256: r.sha256 });
  }
  const template = await getSetting<{ fileName: string; storedPath: string; sha256: string } | null>(d, 'reportTemplate');
  if (template) wanted.push({ kind: TEMPLATE, name: template.fileName, storedPath: template.storedPath, sha256: template.sha256 });
  for (const entry of await recycleDb(d).selectFrom('recycle_bin').selectAll().orderBy('id').execute()) {
    for (const f of binnedFilesOf(entry)) {
      if (f.sha256) wanted.push({ kind: '回收站中的佐证材料', name: path.posix.basename(f.storedPath), storedPath: f.storedPath, sha256: f.sha256, alsoAt: f.binPath });
    }
  }
  return wanted;
}

/** Single-PC ledger → shared database. `from` is the SQLite ledger (its db and data folder); `toDb` the server's (a transaction). */
export async function copyFilesToStore(from: { db: Db; dataDir: string }, toDb: Db | Kysely<any>): Promise<FileCopyReport> {
  const report: FileCopyReport = { files: 0, written: 0, bytes: 0, problems: [] };
  const done = new Set<string>();
  const there = blobsDb(toDb);
  for (const w of await filesNamedBy(from.db)) {
    report.files++;
    if (done.has(w.sha256)) continue;
    const bytes = readFromFolder(from.dataDir, w);
    if (!bytes.ok) {
      report.problems.push({ kind: w.kind, name: w.name, storedPath: w.storedPath, problem: bytes.problem });
      continue;
    }
    done.add(w.sha256);
    const keepForGood = w.kind === TEMPLATE;
    const existed = await there.selectFrom('file_blobs').select('sha256').where('sha256', '=', w.sha256).executeTakeFirst();
    await putBlob(toDb, bytes.bytes, { keepForGood });
    if (existed) continue;
    report.written++;
    report.bytes += bytes.bytes.length;
  }
  return report;
}

/** Shared database → a data folder: each file at its row's stored path (a 回收站 entry's at its kept path). */
export async function copyFilesToFolder(fromDb: Db | Kysely<any>, toDataDir: string): Promise<FileCopyReport> {
  const report: FileCopyReport = { files: 0, written: 0, bytes: 0, problems: [] };
  const store = databaseFileStore(fromDb as Db);
  for (const w of await filesNamedBy(fromDb)) {
    report.files++;
    const target = storedFileTarget(toDataDir, w.alsoAt ?? w.storedPath);
    if (!target) continue;
    if (fs.existsSync(target) && sha256Of(fs.readFileSync(target)) === w.sha256) continue;
    const read = await store.read({ storedPath: w.storedPath, sha256: w.sha256 });
    if (!read.ok) {
      report.problems.push({ kind: w.kind, name: w.name, storedPath: w.storedPath, problem: read.problem === 'altered' ? 'altered' : 'missing' });
      continue;
    }
    ensureDir(path.dirname(target));
    writeDurably(target, read.bytes);
    report.written++;
    report.bytes += read.bytes.length;
  }
  return report;
}

/** The problems in sentences a clerk can act on (empty when all went over). */
export function describeCopyProblems(report: FileCopyReport): string[] {
  return report.problems.map((p) =>
    p.problem === 'missing'
      ? `${p.kind}“${p.name}”的文件在原台账中缺失（${p.storedPath}），未能复制。`
      : `${p.kind}“${p.name}”的文件已被改动或已损坏（与添加时记录的校验值不一致，${p.storedPath}），未复制。`,
  );
}

function readFromFolder(dataDir: string, w: Wanted): { ok: true; bytes: Buffer } | { ok: false; problem: 'missing' | 'altered' } {
  let altered = false;
  for (const rel of w.alsoAt ? [w.alsoAt, w.storedPath] : [w.storedPath]) {
    const file = storedFileTarget(dataDir, rel);
    if (!file || !fs.existsSync(file)) continue;
    const bytes = fs.readFileSync(file);
    if (sha256Of(bytes) === w.sha256) return { ok: true, bytes };
    altered = true;
  }
  return { ok: false, problem: altered ? 'altered' : 'missing' };
}
