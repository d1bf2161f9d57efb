import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Core } from '../context.ts';
import { DB_FILE } from '../db/open.ts';
import { stamp } from './names.ts';
import { takeSnapshot } from './snapshot.ts';
import { listManifests, serialized } from './store.ts';
import { sqliteOf } from '../db/open.ts';

/** The backups nobody asks for: first open of the day, before an import, before a migration. */

/**
 * On the first open of each day (by the core's clock), back up a ledger that holds anything.
 * Best effort: a failure is logged and never stops the app from opening. Returns the new backup's
 * name, or null when none was due or it failed.
 */
export async function dailyBackup(core: Core, log: (message: string) => void = console.error): Promise<string | null> {
  // A shared ledger is backed up on its server (pg_dump, see README), not as a file on each PC.
  if (!core.sqlite) return null;
  try {
    return await serialized(core.dataDir, async () => {
      const today = stamp(core.now()).day;
      if (listManifests(core.dataDir).some((m) => m.reason === 'daily' && stamp(new Date(m.createdAt)).day === today)) return null;
      const rows = Number(sqliteOf(core).prepare('SELECT (SELECT count(*) FROM batches) + (SELECT count(*) FROM findings)').pluck().get());
      if (rows === 0) return null;
      return (await takeSnapshot({ dataDir: core.dataDir, sqlite: sqliteOf(core), reason: 'daily', now: core.now() })).file;
    });
  } catch (err) {
    log(`每日自动备份未完成：${(err as Error).message}`);
    return null;
  }
}

/**
 * Before an import writes: a backup to go back to. A failed backup is logged and the import goes
 * on (a full disk or a locked backups folder should not stop the office's work).
 */
export async function backupBeforeImport(core: Core, log: (message: string) => void = console.error): Promise<void> {
  if (!core.sqlite) return;
  try {
    await serialized(core.dataDir, () => takeSnapshot({ dataDir: core.dataDir, sqlite: sqliteOf(core), reason: 'import', now: core.now() }));
  } catch (err) {
    log(`导入前备份未完成：${(err as Error).message}`);
  }
}

/**
 * For the database layer to call before it migrates an existing ledger (reason 升级前). It opens
 * the file itself, since no core exists yet. Throws when the backup fails, so the caller can decide
 * not to migrate without one. No file yet: nothing to keep, returns null.
 */
export async function backupBeforeMigration(dataDir: string, now: Date = new Date()): Promise<string | null> {
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file)) return null;
  const sqlite = new SQLite(file, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    return (await serialized(dataDir, () => takeSnapshot({ dataDir, sqlite, reason: 'migration', now }))).file;
  } finally {
    sqlite.close();
  }
}
