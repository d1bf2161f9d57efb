import path from 'node:path';
import type { Core } from '../context.ts';
import { acquireFolderLock, LOCK_FILE, readHolder, type Door, type FolderLock } from '../db/folder-lock.ts';
import { openSqlite, type OpenedDatabase } from '../db/open.ts';
import { openPostgres } from '../db/postgres.ts';

const DOORS: Record<Core['mode'], Door> = { electron: '桌面程序', browser: '浏览器模式', cli: '命令行', test: '测试' };

/** This process already holds the data folder (it started on the local file). */
function heldByThisProcess(dataDir: string): boolean {
  const holder = readHolder(path.join(dataDir, LOCK_FILE));
  return typeof holder === 'object' && holder.pid === process.pid;
}

/**
 * Switch the running core between this PC's ledger file (`databaseUrl` null) and the office's
 * shared database, in place: the doors (Electron's core process, browser mode's server, a test)
 * hold this one object, so it keeps working. The new database is opened first — a server that
 * cannot be reached leaves everything as it was — then the old connection is closed. Whoever was
 * signed in is signed out (a shared ledger asks again; the local one has no accounts).
 * The local file is guarded by the data folder's lock: taken when switching to it (unless this
 * program holds it already), kept until the program closes.
 */
export async function switchDatabase(core: Core, databaseUrl: string | null): Promise<void> {
  let lock: FolderLock | null = null;
  if (!databaseUrl && !heldByThisProcess(core.dataDir)) lock = acquireFolderLock(core.dataDir, DOORS[core.mode]);
  let opened: OpenedDatabase;
  try {
    opened = databaseUrl ? await openPostgres(databaseUrl) : await openSqlite(core.dataDir);
  } catch (err) {
    lock?.release();
    throw err;
  }
  const old = core.db;
  const closeBefore = core.close;
  core.db = opened.db;
  core.dialect = opened.dialect;
  core.sqlite = opened.sqlite;
  core.databaseUrl = databaseUrl;
  core.where = opened.where;
  core.changeStamp = () => opened.changeStamp();
  core.user = null;
  core.close = async () => {
    try {
      await opened.close();
    } finally {
      lock?.release();
      // The earlier database's own close (already closed below; it still releases its lock).
      await closeBefore();
    }
  };
  await old.destroy().catch(() => undefined);
}
