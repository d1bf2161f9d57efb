import type { Kysely } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_reports.ts';
import * as m0003 from './0003_recycle_bin.ts';
import * as m0004 from './0004_record_versions.ts';
import * as m0005 from './0005_search_names.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<any>): Promise<void>;
}

/** Registered by static import (a directory scan breaks under a bundler). Append only. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: m0001.up },
  { version: 2, name: 'reports', up: m0002.up },
  { version: 3, name: 'recycle_bin', up: m0003.up },
  { version: 4, name: 'record_versions', up: m0004.up },
  { version: 5, name: 'search_names', up: m0005.up },
];
