import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors.ts';
import { readArchive } from './archive.ts';
import { sha256, sha256File } from './files.ts';
import { backupDir, blobPath, readManifest, type BackupManifest } from './store.ts';

/**
 * A restore's candidate, copied into a staging folder inside the data folder before anything is
 * checked: the chosen file itself (a backup, a USB stick) is only ever read.
 */
export interface Staged {
  dir: string;
  label: string;
  db: string;
  /** Where the blob of a hash is, or null. */
  blob(sha: string): string | null;
  manifest: BackupManifest | null;
}

export function makeStagingDir(dataDir: string): string {
  fs.mkdirSync(dataDir, { recursive: true });
  return fs.mkdtempSync(path.join(dataDir, '.restore-'));
}

const HASH = /^[0-9a-f]{64}$/;

export async function stageBackup(dataDir: string, id: string): Promise<Staged> {
  const manifest = readManifest(dataDir, id);
  if (!manifest) throw new AppError('not_found', `找不到备份“${id}”，可能已被删除。请刷新列表后重试。`);
  const source = path.join(backupDir(dataDir), id);
  if ((await sha256File(source)) !== manifest.sha256) {
    throw new AppError('file_refused', `备份“${id}”的数据库文件在备份之后被改动过，不能用于恢复。`);
  }
  const dir = makeStagingDir(dataDir);
  const db = path.join(dir, 'ledger.sqlite3');
  fs.copyFileSync(source, db);
  return { dir, label: id, db, manifest, blob: (sha) => (HASH.test(sha) ? blobPath(dataDir, sha) : null) };
}

/** A .zip made by 备份到… / export-all: one database, its manifest, evidence/<sha256> blobs. */
export function stageArchive(dataDir: string, bytes: Uint8Array, label: string): Staged {
  const entries = readArchive(bytes, label);
  const dbs = [...entries.keys()].filter((n) => !n.includes('/') && n.endsWith('.sqlite3'));
  if (dbs.length !== 1) throw new AppError('file_refused', `“${label}”不是整改台账的备份文件（压缩包里没有台账数据库）。`);
  let manifest: BackupManifest | null = null;
  try {
    const m = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? 'null') as BackupManifest | null;
    if (m?.format === 'rectify-ledger-backup') manifest = m;
  } catch {
    /* the database itself is checked; a manifest is only a help */
  }
  const dir = makeStagingDir(dataDir);
  const db = path.join(dir, 'ledger.sqlite3');
  const blobs = path.join(dir, 'blobs');
  try {
    fs.writeFileSync(db, entries.get(dbs[0])!);
    fs.mkdirSync(blobs);
    for (const [name, data] of entries) {
      const sha = /^evidence\/([0-9a-f]{64})$/.exec(name)?.[1];
      if (sha) fs.writeFileSync(path.join(blobs, sha), data);
    }
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { dir, label, db, manifest, blob: (sha) => (HASH.test(sha) ? path.join(blobs, sha) : null) };
}

/** Check a blob before it becomes an evidence file: present, and its bytes hash to its name. */
export function readBlob(staged: Staged, sha: string): { bytes: Buffer } | { problem: string } {
  const file = staged.blob(sha);
  if (!file || !fs.existsSync(file)) return { problem: '缺失' };
  const bytes = fs.readFileSync(file);
  return sha256(bytes) === sha ? { bytes } : { problem: '内容已被改动（校验值不符）' };
}
