import { localIsoDate, type IsoDate } from '../domain/dates.ts';
import type { AppInfo } from '../contract/ledger-types.ts';
import { openDatabase, type Db } from './db/open.ts';
import type SQLite from 'better-sqlite3';

export interface CoreOptions {
  dataDir: string;
  /** "Now" is injected so tests and later snapshots can fix the day. */
  clock?: () => Date;
  mode?: AppInfo['mode'];
}

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
  const opened = await openDatabase(options.dataDir);
  const clock = options.clock ?? (() => new Date());
  return {
    db: opened.db,
    sqlite: opened.sqlite,
    dataDir: options.dataDir,
    mode: options.mode ?? 'cli',
    now: clock,
    today: () => localIsoDate(clock()),
    close: opened.close,
  };
}

/** Who writes, and on which day: every write names its operator. */
export interface Actor {
  operator: string;
  today: IsoDate;
  /** ISO moment of the write. */
  at: string;
}
