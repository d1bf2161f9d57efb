import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { AppError } from '../../errors.ts';
import type { BackupReason } from '../../contract/backup.ts';
import { backupFileName, manifestNameOf } from './names.ts';
import { inspectLedgerFile, type EvidenceRow } from './inspect.ts';
import { KEPT_FOLDERS, evidenceTarget, filesUnder } from './evidence-paths.ts';
import { fsyncFile, renameRetrying, removeRetrying, sha256, sha256File, sizeOf, writeFileDurable } from './files.ts';
import { backupDir, blobDir, blobPath, keepFrom, rotate, type BackupManifest } from './store.ts';

export interface SnapshotSource {
  dataDir: string;
  /** An open connection to the ledger: SQLite's online backup reads through it, never a file copy. */
  sqlite: SQLite.Database;
  reason: BackupReason;
  now: Date;
}

/**
 * Take one backup: SQLite's online backup into backups/, checked (integrity, this app's tables)
 * before it is kept, evidence copied by hash into the shared blob store, a manifest beside it,
 * then rotation. Callers hold `serialized(dataDir)`.
 */
export async function takeSnapshot(src: SnapshotSource): Promise<BackupManifest> {
  const dir = backupDir(src.dataDir);
  fs.mkdirSync(blobDir(src.dataDir), { recursive: true });
  let name = backupFileName(src.now, src.reason);
  for (let n = 2; fs.existsSync(path.join(dir, name)) || fs.existsSync(path.join(dir, manifestNameOf(name))); n++) {
    name = backupFileName(src.now, src.reason, n);
  }
  const partial = path.join(dir, `${name}.partial`);
  try {
    await src.sqlite.backup(partial);
    // A standalone file: a backup in WAL mode would grow -wal/-shm files whenever it is read.
    const copy = new SQLite(partial);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    const info = (() => {
      try {
        return inspectLedgerFile(partial, name);
      } catch (err) {
        throw new AppError('internal', `备份未通过检查，已删除这份备份：${(err as Error).message}`);
      }
    })();
    const { evidence, missing } = await storeBlobs(src.dataDir, info.evidence);
    const keptFiles = await storeKeptFolders(src.dataDir);
    fsyncFile(partial);
    const final = path.join(dir, name);
    await renameRetrying(partial, final);
    const manifest: BackupManifest = {
      format: 'rectify-ledger-backup',
      formatVersion: 1,
      file: name,
      createdAt: src.now.toISOString(),
      reason: src.reason,
      size: sizeOf(final),
      sha256: await sha256File(final),
      schemaVersion: info.schemaVersion,
      databaseId: info.databaseId,
      counts: info.counts,
      evidence,
      missing,
      keptFiles,
    };
    await writeFileDurable(path.join(dir, manifestNameOf(name)), JSON.stringify(manifest, null, 1));
    await rotate(src.dataDir, keepFrom(src.sqlite));
    return manifest;
  } finally {
    await removeRetrying(partial);
  }
}

/** Copy each evidence file not yet in the store to backups/evidence/<sha256>, checking its hash. */
async function storeBlobs(dataDir: string, rows: readonly EvidenceRow[]) {
  const evidence = new Map<string, number>();
  const missing: BackupManifest['missing'] = [];
  const bySha = new Map<string, EvidenceRow[]>();
  for (const r of rows) bySha.set(r.sha256, [...(bySha.get(r.sha256) ?? []), r]);
  for (const [sha, same] of bySha) {
    if (fs.existsSync(blobPath(dataDir, sha))) {
      evidence.set(sha, same[0].size);
      continue;
    }
    let problem = '文件缺失';
    for (const row of same) {
      const abs = evidenceTarget(dataDir, row.stored_path);
      if (!abs || !fs.existsSync(abs)) continue;
      const bytes = fs.readFileSync(abs);
      if (sha256(bytes) !== sha) {
        problem = '文件内容与登记的校验值不符';
        continue;
      }
      await writeFileDurable(blobPath(dataDir, sha), bytes);
      evidence.set(sha, bytes.length);
      break;
    }
    if (!evidence.has(sha)) missing.push({ sha256: sha, storedPath: same[0].stored_path, problem });
  }
  return { evidence: [...evidence].map(([sha256, size]) => ({ sha256, size })), missing };
}

/** The other folders a ledger needs (the 回收站's files), every file by hash into the same store. */
async function storeKeptFolders(dataDir: string): Promise<NonNullable<BackupManifest['keptFiles']>> {
  const out: NonNullable<BackupManifest['keptFiles']> = [];
  for (const folder of KEPT_FOLDERS) {
    for (const abs of filesUnder(path.join(dataDir, folder))) {
      const bytes = fs.readFileSync(abs);
      const sha = sha256(bytes);
      if (!fs.existsSync(blobPath(dataDir, sha))) await writeFileDurable(blobPath(dataDir, sha), bytes);
      out.push({ path: path.relative(dataDir, abs).split(path.sep).join('/'), sha256: sha, size: bytes.length });
    }
  }
  return out;
}
