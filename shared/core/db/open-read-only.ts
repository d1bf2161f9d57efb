import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import { AppError } from '../../errors.ts';
import { LedgerSqliteDialect } from './driver.ts';
import { DB_FILE, sqliteChangeStamp, type Db, type OpenedDatabase } from './open.ts';

/**
 * A second, read-only connection to a ledger another connection of this process has open (the
 * report worker's). No folder lock — openCore holds it and would refuse a second one — and no
 * migrations: the writer already brought the file up to date. WAL lets this reader run beside
 * the writer without either waiting.
 */
export function openReadOnlyDatabase(dataDir: string): OpenedDatabase {
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file)) throw new AppError('not_found', `数据文件夹中没有台账数据库：${file}`);
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('mmap_size = 268435456');
  } catch (err) {
    sqlite.close();
    throw err;
  }
  const db: Db = new Kysely({ dialect: new LedgerSqliteDialect({ database: sqlite }, sqlite) });
  return { db, dialect: 'sqlite', where: file, sqlite, changeStamp: async () => sqliteChangeStamp(sqlite), close: () => db.destroy() };
}
