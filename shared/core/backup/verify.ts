import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../context.ts';
import { EVIDENCE_DIR } from '../ledger/evidence.ts';
import { evidenceTarget, filesUnder } from './evidence-paths.ts';
import { sha256File } from './files.ts';
import { blobDir, blobPath, listManifests } from './store.ts';
import { sqliteOf } from '../db/open.ts';
import { sharedCopiesFolder } from '../files/open-copy.ts';

export interface VerifyReport {
  /** Each problem in a sentence a clerk can act on; empty when all is well. */
  problems: string[];
  /** Files in evidence/ that no evidence row refers to (data-folder relative paths). */
  orphans: string[];
  checked: { evidenceFiles: number; backupBlobs: number };
}

/**
 * 检查台账: the database (integrity, foreign keys), every evidence file (present, right sha256),
 * files in evidence/ nothing refers to, and the backups' evidence blobs.
 */
export async function verifyLedger(core: Core): Promise<VerifyReport> {
  const problems: string[] = [];
  const integrity = (sqliteOf(core).pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  if (integrity.join() !== 'ok') problems.push(`数据库完整性检查未通过：${integrity.slice(0, 5).join('；')}`);
  const broken = sqliteOf(core).pragma('foreign_key_check') as { table: string; parent: string }[];
  for (const b of broken.slice(0, 5)) problems.push(`数据关联不完整：表 ${b.table} 中有记录指向 ${b.parent} 中不存在的记录`);
  if (broken.length > 5) problems.push(`……另有 ${broken.length - 5} 处数据关联不完整`);

  const rows = sqliteOf(core).prepare('SELECT id, stored_path, sha256, original_name FROM evidence_files ORDER BY id').all() as {
    id: number;
    stored_path: string;
    sha256: string;
    original_name: string;
  }[];
  const referenced = new Set<string>();
  for (const row of rows) {
    const abs = evidenceTarget(core.dataDir, row.stored_path);
    if (!abs) {
      problems.push(`佐证材料“${row.original_name}”（编号 ${row.id}）的存放位置不正确：${row.stored_path}`);
      continue;
    }
    referenced.add(abs);
    if (!fs.existsSync(abs)) problems.push(`佐证材料“${row.original_name}”缺失：${row.stored_path}`);
    else if ((await sha256File(abs)) !== row.sha256) problems.push(`佐证材料“${row.original_name}”内容已被改动（校验值不符）：${row.stored_path}`);
  }
  const copies = sharedCopiesFolder(core.dataDir) + path.sep;
  const orphans = filesUnder(path.join(core.dataDir, EVIDENCE_DIR))
    .filter((f) => !referenced.has(f) && !f.startsWith(copies))
    .map((f) => path.relative(core.dataDir, f).split(path.sep).join('/'));

  let blobs: string[] = [];
  try {
    blobs = fs.readdirSync(blobDir(core.dataDir));
  } catch {
    /* no backup yet */
  }
  const manifests = listManifests(core.dataDir);
  for (const b of blobs) {
    if ((await sha256File(blobPath(core.dataDir, b))) === b) continue;
    const users = manifests.filter((m) => [...m.evidence, ...(m.keptFiles ?? [])].some((e) => e.sha256 === b)).map((m) => m.file);
    problems.push(`备份中的一份佐证材料已被改动（backups/evidence/${b.slice(0, 12)}…），受影响的备份：${users.join('、') || '无'}`);
  }
  return { problems, orphans, checked: { evidenceFiles: rows.length, backupBlobs: blobs.length } };
}
