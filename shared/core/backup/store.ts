import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { BACKUP_KEEP_DEFAULT, BACKUP_KEEP_MAX, BACKUP_KEEP_MIN, type BackupCounts, type BackupEntryDto, type BackupReason } from '../../contract/backup.ts';
import { BACKUP_DIR, BACKUP_NAME, BLOB_DIR, LAST_RESTORE_FILE, manifestNameOf, parseBackupName } from './names.ts';
import { removeRetrying } from './files.ts';

/** What a backup holds and needs, written beside it as <name>.json. */
export interface BackupManifest {
  format: 'rectify-ledger-backup';
  formatVersion: 1;
  file: string;
  createdAt: string;
  reason: BackupReason;
  /** The database file, in bytes, and its hash (a changed backup file is noticed). */
  size: number;
  sha256: string;
  schemaVersion: number;
  databaseId: string;
  counts: BackupCounts;
  /** The evidence blobs this backup needs, by content hash. */
  evidence: { sha256: string; size: number }[];
  /** Evidence rows whose file was already missing or changed in the data folder when backed up. */
  missing: { sha256: string; storedPath: string; problem: string }[];
  /** Files of other kept folders (the 回收站's recycle/), by data-folder relative path; blobs by hash too. */
  keptFiles?: { path: string; sha256: string; size: number }[];
}

export interface LastRestore {
  at: string;
  from: string;
  safetyBackupId: string;
}

export const backupDir = (dataDir: string) => path.join(dataDir, BACKUP_DIR);
export const blobDir = (dataDir: string) => path.join(dataDir, BACKUP_DIR, BLOB_DIR);
export const blobPath = (dataDir: string, sha: string) => path.join(blobDir(dataDir), sha);

export function readManifest(dataDir: string, id: string): BackupManifest | null {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(backupDir(dataDir), manifestNameOf(id)), 'utf8')) as BackupManifest;
    return m.format === 'rectify-ledger-backup' && fs.existsSync(path.join(backupDir(dataDir), id)) ? m : null;
  } catch {
    return null;
  }
}

/** Every complete backup (file and manifest both present), newest first. */
export function listManifests(dataDir: string): BackupManifest[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupDir(dataDir));
  } catch {
    return [];
  }
  return names
    .filter((n) => BACKUP_NAME.test(n))
    .map((n) => readManifest(dataDir, n))
    .filter((m): m is BackupManifest => m !== null)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.file.localeCompare(a.file));
}

export function entryOf(m: BackupManifest): BackupEntryDto {
  return {
    id: m.file,
    createdAt: m.createdAt,
    reason: m.reason,
    size: m.size + [...m.evidence, ...(m.keptFiles ?? [])].reduce((s, e) => s + e.size, 0),
    counts: m.counts,
    schemaVersion: m.schemaVersion,
  };
}

export function readLastRestore(dataDir: string): LastRestore | null {
  try {
    const r = JSON.parse(fs.readFileSync(path.join(backupDir(dataDir), LAST_RESTORE_FILE), 'utf8')) as LastRestore;
    return readManifest(dataDir, r.safetyBackupId) ? r : null;
  } catch {
    return null;
  }
}

export const BACKUP_SETTING_KEY = 'backup';

/** The keep count from a raw connection (also used before a migration, when no core exists). */
export function keepFrom(sqlite: SQLite.Database): number {
  try {
    const json = sqlite.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(BACKUP_SETTING_KEY) as string | undefined;
    const keep = json ? Number((JSON.parse(json) as { keep?: unknown }).keep) : NaN;
    return Number.isInteger(keep) && keep >= BACKUP_KEEP_MIN && keep <= BACKUP_KEEP_MAX ? keep : BACKUP_KEEP_DEFAULT;
  } catch {
    return BACKUP_KEEP_DEFAULT;
  }
}

/**
 * Keep the newest `keep` automatic backups and every manual one (and the one 撤销上次恢复 needs),
 * then delete evidence blobs no remaining backup refers to.
 */
export async function rotate(dataDir: string, keep: number): Promise<string[]> {
  const pinned = readLastRestore(dataDir)?.safetyBackupId;
  const automatic = listManifests(dataDir).filter((m) => m.reason !== 'manual' && m.file !== pinned);
  const removed: string[] = [];
  for (const m of automatic.slice(keep)) {
    await removeRetrying(path.join(backupDir(dataDir), manifestNameOf(m.file)));
    await removeRetrying(path.join(backupDir(dataDir), m.file));
    removed.push(m.file);
  }
  await sweepBlobs(dataDir);
  return removed;
}

async function sweepBlobs(dataDir: string): Promise<void> {
  const needed = new Set(listManifests(dataDir).flatMap((m) => [...m.evidence, ...(m.keptFiles ?? [])].map((e) => e.sha256)));
  let blobs: string[];
  try {
    blobs = fs.readdirSync(blobDir(dataDir));
  } catch {
    return;
  }
  for (const b of blobs) if (!needed.has(b)) await removeRetrying(blobPath(dataDir, b));
}

const queues = new Map<string, Promise<unknown>>();

/** One backup or restore at a time per data folder: rotation must not sweep a blob being added. */
export function serialized<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const key = path.resolve(dataDir);
  const run = (queues.get(key) ?? Promise.resolve()).then(work);
  queues.set(key, run.catch(() => undefined));
  return run;
}
