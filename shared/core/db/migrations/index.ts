import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_reports.ts';
import * as m0003 from './0003_recycle_bin.ts';
import * as m0004 from './0004_record_versions.ts';
import * as m0005 from './0005_search_names.ts';
import * as m0006 from './0006_snapshots.ts';
import * as m0007 from './0007_notice_items.ts';
import * as m0008 from './0008_supervision.ts';
import * as m0009 from './0009_similar_findings.ts';
import * as m0010 from './0010_dashboard_indexes.ts';
import * as m0011 from './0011_users.ts';
import * as m0012 from './0012_file_store.ts';
import * as m0013 from './0013_work_list_indexes.ts';
import * as m0014 from './0014_postgres_covering.ts';

export interface Migration {
  version: number;
  name: string;
  /** One list for both databases: each migration is told which one it runs on. */
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

/** Registered by static import (a directory scan breaks under a bundler). Append only. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: m0001.up },
  { version: 2, name: 'reports', up: m0002.up },
  { version: 3, name: 'recycle_bin', up: m0003.up },
  { version: 4, name: 'record_versions', up: m0004.up },
  { version: 5, name: 'search_names', up: m0005.up },
  { version: 6, name: 'snapshots', up: m0006.up },
  { version: 7, name: 'notice_items', up: m0007.up },
  { version: 8, name: 'supervision', up: m0008.up },
  { version: 9, name: 'similar_findings', up: m0009.up },
  { version: 10, name: 'dashboard_indexes', up: m0010.up },
  { version: 11, name: 'users', up: m0011.up },
  { version: 12, name: 'file_store', up: m0012.up },
  { version: 13, name: 'work_list_indexes', up: m0013.up },
  { version: 14, name: 'postgres_covering', up: m0014.up },
];
