import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { AppError } from '../../errors.ts';

/**
 * Refuse a database written by a newer app before anything touches it: setting WAL, running
 * PRAGMA optimize or creating a table would write to a file whose format this app does not know.
 * The caller holds the folder lock, so no other ledger process has these files open.
 */
/** Refuse a file from a newer app; otherwise the version it holds (0 for a new or empty file). */
export function refuseNewerDatabase(file: string, latestVersion: number): number {
  if (!fs.existsSync(file)) return 0;
  const current = storedVersion(file);
  if (current <= latestVersion) return current;
  throw new AppError(
    'db_too_new',
    `数据库版本（${current}）比本程序支持的版本（${latestVersion}）更新：它由更新版本的整改台账写入。请安装最新版本后再打开，以免损坏数据。`,
  );
}

/** The highest migration recorded in the file, read so that the file, its -wal and -shm keep every byte. */
function storedVersion(file: string): number {
  const sidecars = [`${file}-wal`, `${file}-shm`];
  if (sidecars.some((f) => fs.existsSync(f))) return versionFromCopy(file);
  // A cleanly closed file: a read-only connection never writes to it (nor checkpoints on close);
  // the empty -wal/-shm it needs are removed again.
  try {
    return readVersion(new SQLite(file, { readonly: true, fileMustExist: true }));
  } finally {
    for (const f of sidecars) fs.rmSync(f, { force: true });
  }
}

/**
 * Commits left in a -wal (the newer app was killed) can only be read through the -shm index,
 * and even a reader writes its marks there: read a private copy instead.
 */
function versionFromCopy(file: string): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-version-'));
  try {
    const copy = path.join(dir, path.basename(file));
    fs.copyFileSync(file, copy);
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    return readVersion(new SQLite(copy, { fileMustExist: true }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function readVersion(sqlite: SQLite.Database): number {
  try {
    const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    return hasTable ? Number(sqlite.prepare('SELECT max(version) FROM schema_migrations').pluck().get() ?? 0) : 0;
  } finally {
    sqlite.close();
  }
}
