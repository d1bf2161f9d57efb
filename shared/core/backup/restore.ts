import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors.ts';
import type { RestoreResultDto } from '../../contract/backup.ts';
import type { Core } from '../context.ts';
import { EVIDENCE_DIR } from '../ledger/evidence.ts';
import { audit, withWrite } from '../ledger/write.ts';
import { KEPT_FOLDERS, evidenceTarget } from './evidence-paths.ts';
import { removeRetrying, writeFileDurable } from './files.ts';
import { inspectLedgerFile, type InspectedLedger } from './inspect.ts';
import { LAST_RESTORE_FILE } from './names.ts';
import { takeSnapshot } from './snapshot.ts';
import { readBlob, type Staged } from './stage.ts';
import { backupDir, entryOf, type LastRestore } from './store.ts';
import { swapLedgerFiles } from './swap.ts';
import { sqliteOf } from '../db/open.ts';

/** A candidate refused before the swap: say so, and that nothing changed. */
export function refusedUntouched(err: unknown): unknown {
  return err instanceof AppError && (err.code === 'file_refused' || err.code === 'db_too_new') ? new AppError(err.code, `${err.message}不能用于恢复，当前数据没有改动。`, err.details) : err;
}

/**
 * Restore a staged candidate: check it all first (database, evidence blobs and their hashes), back
 * up the current data (恢复前), then swap database and evidence in and reopen. Anything refused
 * before the swap leaves the ledger exactly as it was. Callers hold `serialized(dataDir)`; the
 * staging folder is removed here whatever happens.
 */
export async function restoreStaged(core: Core, staged: Staged, mode: { undo: boolean }): Promise<RestoreResultDto> {
  try {
    let info: InspectedLedger;
    try {
      info = inspectLedgerFile(staged.db, staged.label);
      buildEvidence(staged, info, path.join(staged.dir, EVIDENCE_DIR));
      buildKeptFolders(staged);
    } catch (err) {
      throw refusedUntouched(err);
    }
    const safety = await takeSnapshot({ dataDir: core.dataDir, sqlite: sqliteOf(core), reason: 'restore', now: core.now() });
    await swapLedgerFiles(core, staged.dir, staged.db, [EVIDENCE_DIR, ...KEPT_FOLDERS]);
    const record = path.join(backupDir(core.dataDir), LAST_RESTORE_FILE);
    if (mode.undo) await removeRetrying(record);
    else {
      const last: LastRestore = { at: core.now().toISOString(), from: staged.label, safetyBackupId: safety.file };
      await writeFileDurable(record, JSON.stringify(last, null, 1));
    }
    await withWrite(core, (trx, actor) =>
      audit(trx, actor, { action: mode.undo ? 'backup-undo-restore' : 'backup-restore', entity: 'ledger', entityId: null, after: { from: staged.label, safetyBackup: safety.file } }),
    );
    return { counts: info.counts, safetyBackup: entryOf(safety) };
  } finally {
    await removeRetrying(staged.dir);
  }
}

/** Lay out evidence/ as the restored rows expect it, from blobs whose hashes are checked. */
function buildEvidence(staged: Staged, info: InspectedLedger, into: string): void {
  const knownMissing = new Set(staged.manifest?.missing.map((m) => m.sha256) ?? []);
  const problems: string[] = [];
  for (const row of info.evidence) {
    const target = evidenceTarget(path.dirname(into), row.stored_path);
    if (!target) {
      problems.push(`“${row.original_name}”的存放位置不正确`);
      continue;
    }
    if (fs.existsSync(target)) continue;
    const blob = readBlob(staged, row.sha256);
    if ('problem' in blob) {
      // Already missing in the ledger when it was backed up: restoring cannot make it worse.
      if (blob.problem === '缺失' && knownMissing.has(row.sha256)) continue;
      problems.push(`佐证材料“${row.original_name}”${blob.problem}`);
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, blob.bytes);
  }
  if (problems.length) {
    const more = problems.length > 3 ? `等 ${problems.length} 处问题` : '';
    throw new AppError('file_refused', `“${staged.label}”中的佐证材料不完整：${problems.slice(0, 3).join('；')}${more}。`);
  }
}

/** The 回收站's files (and any other kept folder) as the manifest lists them, from checked blobs. */
function buildKeptFolders(staged: Staged): void {
  const problems: string[] = [];
  for (const file of staged.manifest?.keptFiles ?? []) {
    const target = KEPT_FOLDERS.map((f) => evidenceTarget(staged.dir, file.path, f)).find(Boolean);
    const blob = readBlob(staged, file.sha256);
    if (!target || 'problem' in blob) {
      problems.push(`“${file.path}”${target ? (blob as { problem: string }).problem : '的存放位置不正确'}`);
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, blob.bytes);
  }
  if (problems.length) throw new AppError('file_refused', `“${staged.label}”中回收站的文件不完整：${problems.slice(0, 3).join('；')}。`);
}
