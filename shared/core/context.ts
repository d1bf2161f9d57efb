import { localIsoDate, type IsoDate } from '../domain/dates.ts';
import type { AppInfo } from '../contract/ledger-types.ts';
import { acquireFolderLock, type Door } from './db/folder-lock.ts';
import { openDatabase, type Db, type OpenedDatabase } from './db/open.ts';
import type { Dialect } from './db/dialect.ts';
import { openPostgres } from './db/postgres.ts';
import { OFFICE_FILE, officeDatabaseUrl } from './office/connection-file.ts';
import { AppError } from '../errors.ts';
import type SQLite from 'better-sqlite3';

export interface CoreOptions {
  dataDir: string;
  /** "Now" is injected so tests and later snapshots can fix the day. */
  clock?: () => Date;
  mode?: AppInfo['mode'];
  /**
   * Take the data folder's lock (default). Only a test that deliberately opens one folder twice
   * (two processes writing at once) turns it off.
   */
  lockFolder?: boolean;
  /**
   * The office's shared PostgreSQL ledger (postgres://user:password@host:port/db) instead of the
   * data folder's SQLite file. When absent, the data folder's 办公室共享数据库 setting decides
   * (office/connection-file.ts); `null` forces the local file.
   */
  databaseUrl?: string | null;
  /** Signed in from the start (the command line's database account; tests). The app signs in through auth:sign-in. */
  user?: SignedInUser | null;
}

/** The clerk signed in to a shared ledger (office mode); the single-PC mode has none. */
export interface SignedInUser {
  id: number;
  username: string;
  displayName: string;
  role: 'admin' | 'clerk' | 'leader';
}

const DOORS: Record<AppInfo['mode'], Door> = { electron: '桌面程序', browser: '浏览器模式', cli: '命令行', test: '测试' };

/** The core, opened on one data folder. Every door (Electron, HTTP, CLI, tests) holds one. */
export interface Core {
  db: Db;
  dialect: Dialect;
  /** SQLite only (backups of the file, integrity checks); null on the shared PostgreSQL ledger. */
  sqlite: SQLite.Database | null;
  /** Local files (exports, evidence on the single-PC ledger, settings of this PC). */
  dataDir: string;
  /** Set when the ledger is the office's shared database. */
  databaseUrl: string | null;
  /** Where the ledger lives: a file path, or server:port/database. */
  where: string;
  /** Changes whenever anything was committed (by anyone): caches and screens compare it. */
  changeStamp(): Promise<string>;
  /** Office mode: who is signed in (null until sign-in; always null on the single-PC ledger). */
  user: SignedInUser | null;
  mode: AppInfo['mode'];
  now(): Date;
  today(): IsoDate;
  close(): Promise<void>;
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const mode = options.mode ?? 'cli';
  const databaseUrl = options.databaseUrl === undefined ? officeDatabaseUrl(options.dataDir) : options.databaseUrl;
  // The folder lock guards the SQLite file; a shared ledger is guarded by the server.
  const lock = options.lockFolder === false || databaseUrl ? null : acquireFolderLock(options.dataDir, DOORS[mode]);
  let opened: OpenedDatabase;
  try {
    opened = databaseUrl ? await openPostgres(databaseUrl) : await openDatabase(options.dataDir);
  } catch (err) {
    lock?.release();
    // The shared server chosen in 设置 cannot be reached: say how this PC goes back to its own ledger.
    if (databaseUrl && options.databaseUrl === undefined && err instanceof AppError && err.code === 'db_unavailable') {
      throw new AppError('db_unavailable', `${err.message}\n这台电脑设置为使用办公室共享数据库。如需暂时改用本机台账，请关闭程序，在数据文件夹（${options.dataDir}）中把 ${OFFICE_FILE} 改名或删除，再重新打开。`);
    }
    throw err;
  }
  const clock = options.clock ?? (() => new Date());
  const core: Core = {
    db: opened.db,
    dialect: opened.dialect,
    sqlite: opened.sqlite,
    dataDir: options.dataDir,
    databaseUrl: databaseUrl ?? null,
    where: opened.where,
    changeStamp: () => opened.changeStamp(),
    user: databaseUrl ? (options.user ?? null) : null,
    mode,
    now: clock,
    today: () => localIsoDate(clock()),
    close: async () => {
      try {
        await opened.close();
      } finally {
        lock?.release();
      }
    },
  };
  return core;
}

/** Who writes, and on which day: every write names its operator. */
export interface Actor {
  operator: string;
  today: IsoDate;
  /** ISO moment of the write. */
  at: string;
}
