import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import { AppError } from '../../errors.ts';
import { LedgerSqliteDialect } from './driver.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { refuseNewerDatabase } from './version-check.ts';
import { backupBeforeMigration } from '../backup/automatic.ts';

export type Db = Kysely<Database>;

export interface OpenedDatabase {
  db: Db;
  /** The raw connection, for the search module's FTS5 statements and for benchmarks. */
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

export const DB_FILE = 'ledger.sqlite3';

/** Open (creating when missing) the ledger database in a data folder and bring it up to date. */
export async function openDatabase(dataDir: string): Promise<OpenedDatabase> {
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
    await migrate(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return {
    db,
    sqlite,
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
export async function migrate(db: Db): Promise<void> {
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
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    await db.transaction().execute(async (trx) => {
      await m.up(trx);
      await trx
        .insertInto('schema_migrations')
        .values({ version: m.version, name: m.name, applied_at: new Date().toISOString() })
        .execute();
    });
  }
}
