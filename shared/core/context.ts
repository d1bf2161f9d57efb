import { localIsoDate, type IsoDate } from '../domain/dates.ts';
import type { AppInfo } from '../contract/ledger-types.ts';
import { acquireFolderLock, type Door } from './db/folder-lock.ts';
import { openDatabase, type Db } from './db/open.ts';
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
}

const DOORS: Record<AppInfo['mode'], Door> = { electron: '桌面程序', browser: '浏览器模式', cli: '命令行', test: '测试' };

/** The core, opened on one data folder. Every door (Electron, HTTP, CLI, tests) holds one. */
export interface Core {
  db: Db;
  sqlite: SQLite.Database;
  dataDir: string;
  mode: AppInfo['mode'];
  now(): Date;
  today(): IsoDate;
  close(): Promise<void>;
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const mode = options.mode ?? 'cli';
  const lock = options.lockFolder === false ? null : acquireFolderLock(options.dataDir, DOORS[mode]);
  let opened;
  try {
    opened = await openDatabase(options.dataDir);
  } catch (err) {
    lock?.release();
    throw err;
  }
  const clock = options.clock ?? (() => new Date());
  return {
    db: opened.db,
    sqlite: opened.sqlite,
    dataDir: options.dataDir,
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
}

/** Who writes, and on which day: every write names its operator. */
export interface Actor {
  operator: string;
  today: IsoDate;
  /** ISO moment of the write. */
  at: string;
}
