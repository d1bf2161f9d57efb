import type { DashboardData } from '../../contract/dashboard.ts';
import type { Core } from '../context.ts';
import { othersCommitCount } from '../db/open.ts';
import { forgetTally } from './tally.ts';

/**
 * 分析 is opened again and again while the ledger stays the same; its figures (a walk over every
 * measure) are kept until anything is written. "Anything written" is the database port's change
 * stamp (db/open.ts sqliteChangeStamp; on PostgreSQL the ledger_revision every write bumps).
 * A restore reopens the database, which is a new connection and so a new cache.
 */
const cache = new WeakMap<object, { key: string; data: DashboardData }>();


const seenVersion = new WeakMap<object, number>();

/**
 * SQLite: another connection (a worker, another program) committed since we last looked. Its
 * writes may carry no audit entry, so the kept batch tally is counted afresh (tally.ts).
 */
function forgetIfOthersWrote(core: Core): void {
  const version = othersCommitCount(core);
  if (version === null) return;
  const seen = seenVersion.get(core.db);
  if (seen !== undefined && seen !== version) forgetTally(core.db);
  seenVersion.set(core.db, version);
}

/** The database port's change stamp (backup/reopen.ts puts the reopened connection's in place). */
const stampOf = (core: Core) => core.changeStamp();

export async function cachedFigures(core: Core, params: string, compute: () => Promise<DashboardData>): Promise<DashboardData> {
  forgetIfOthersWrote(core);
  const key = `${params}|${await stampOf(core)}`;
  const hit = cache.get(core.db);
  if (hit && hit.key === key) return hit.data;
  const data = await compute();
  // Stamped after computing too: a write that slipped in meanwhile must not be hidden.
  if (`${params}|${await stampOf(core)}` === key) cache.set(core.db, { key, data });
  return data;
}
