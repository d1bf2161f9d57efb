import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import type { Dialect } from './dialect.ts';
import { AppError } from '../../errors.ts';
import { LedgerSqliteDialect } from './driver.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { refuseNewerDatabase } from './version-check.ts';
import { backupBeforeMigration } from '../backup/automatic.ts';

export type Db = Kysely<Database>;

/**
 * The database port: what the core holds whichever database it runs on. openSqlite (here) and
 * openPostgres (postgres.ts) are its two adapters.
 */
export interface OpenedDatabase {
  db: Db;
  dialect: Dialect;
  /** Where the ledger lives, for the 关于 page and messages: a file path or server:port/database. */
  where: string;
  /**
   * The raw SQLite connection: only the SQLite adapter's own helpers (backups of the file,
   * integrity checks) use it. Null on PostgreSQL.
   */
  sqlite: SQLite.Database | null;
  /** Changes whenever anything was committed, by this program or another: caches and "refresh" compare it. */
  changeStamp(): Promise<string>;
  close(): Promise<void>;
}

export const DB_FILE = 'ledger.sqlite3';

/** Open (creating when missing) the ledger database in a data folder and bring it up to date. */
export const openDatabase = openSqlite;

export async function openSqlite(dataDir: string): Promise<OpenedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DB_FILE);
  // First, before any pragma or table can write to it.
  const stored = refuseNewerDatabase(file, LATEST_VERSION);
  // A ledger about to be migrated is backed up first; no migration runs without that backup.
  if (stored > 0 && stored < LATEST_VERSION) await backupBeforeMigration(dataDir);
  const sqlite = new SQLite(file);
  try {
    configure(sqlite);
  } catch (err) {
    sqlite.close();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: new LedgerSqliteDialect({ database: withStatementCache(sqlite) }, sqlite) });
  try {
    await migrate(db, 'sqlite');
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return {
    db,
    dialect: 'sqlite',
    where: file,
    sqlite,
    changeStamp: async () => sqliteChangeStamp(sqlite),
    close: async () => {
      try {
        if (sqlite.open) sqlite.pragma('optimize');
      } catch {
        /* statistics only: a full or read-only disk must not keep the file open */
      }
      await db.destroy();
    },
  };
}

/**
 * `total_changes()` counts every row this connection inserted, updated or deleted, and
 * `PRAGMA data_version` changes when another connection (a worker, another program) commits.
 */
export function sqliteChangeStamp(sqlite: SQLite.Database): string {
  if (!sqlite.open) return 'closed';
  const changes = sqlite.prepare('SELECT total_changes()').pluck().get() as number;
  const version = sqlite.pragma('data_version', { simple: true }) as number;
  return `${changes}:${version}`;
}

function configure(sqlite: SQLite.Database): void {
  // Another process may hold the write lock for a moment: wait rather than fail.
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // FULL: a 销号 the clerk saw saved survives a power cut (NORMAL may lose the last commits).
  // The cost is one fsync of the WAL per commit, unnoticeable at a clerk's pace.
  sqlite.pragma('synchronous = FULL');
  // A 100,000-finding ledger is a few hundred MB: keep its hot pages in memory.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 268435456');
  // Keep the planner's statistics current (SQLite's advice for long-lived connections).
  sqlite.pragma('optimize = 0x10002');
}

/**
 * Kysely prepares every query anew; the ledger runs the same few statements over and over, so
 * keep the prepared ones (keyed by SQL text). Safe on one connection: Kysely's driver runs one
 * statement at a time.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Run pending migrations, each in its own transaction; refuse a database from a newer app. */
export async function migrate(db: Db, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const row = await db.selectFrom('schema_migrations').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
  const current = Number(row?.v ?? 0);
  if (current > LATEST_VERSION) {
    throw new AppError(
      'db_too_new',
      `数据库版本（${current}）比本程序支持的版本（${LATEST_VERSION}）更新：它由更新版本的整改台账写入。请安装最新版本后再打开，以免损坏数据。`,
    );
  }
  if (dialect === 'postgres') await ensureRevisionRow(db);
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    await db.transaction().execute(async (trx) => {
      await m.up(trx, dialect);
      await trx
        .insertInto('schema_migrations')
        .values({ version: m.version, name: m.name, applied_at: new Date().toISOString() })
        .execute();
    });
  }
}

/**
 * PostgreSQL: one row counting committed writes (ledger/write.ts bumps it in every write
 * transaction), for caches and for other clerks' screens to notice a change. Created outside the
 * numbered migrations: SQLite asks its own connection instead (sqliteChangeStamp).
 */
async function ensureRevisionRow(db: Db): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS ledger_revision (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)`.execute(db);
  await sql`INSERT INTO ledger_revision (id, n) VALUES (1, 0) ON CONFLICT (id) DO NOTHING`.execute(db);
}

/**
 * The raw SQLite connection of a core, for what only a SQLite file has (copying the file for a
 * backup, its integrity check). On the shared PostgreSQL ledger these are the server's business
 * (the office backs the server up; 导出到本机文件 takes a copy), so the clerk is told so.
 */
export function sqliteOf(core: { sqlite: SQLite.Database | null; where: string }): SQLite.Database {
  if (!core.sqlite) {
    throw new AppError('forbidden', `当前使用的是办公室共享数据库（${core.where}），此功能只用于本机台账文件。共享数据库由服务器统一备份；需要本机副本时，请在“设置 › 办公室共享数据库”中导出到本机文件。`);
  }
  return core.sqlite;
}

/**
 * SQLite's count of commits by OTHER connections (a worker, another program): PRAGMA
 * data_version. Null on PostgreSQL, where every write of the app bumps ledger_revision instead.
 */
export function othersCommitCount(core: { sqlite: SQLite.Database | null }): number | null {
  if (!core.sqlite || !core.sqlite.open) return null;
  return core.sqlite.pragma('data_version', { simple: true }) as number;
}
