import type { DashboardData } from '../../contract/dashboard.ts';
import type { Core } from '../context.ts';

/**
 * 分析 is opened again and again while the ledger stays the same; its figures (a walk over every
 * measure) are kept until anything is written. "Anything written" is read from SQLite itself:
 * `total_changes()` counts every row this connection inserted, updated or deleted, and
 * `PRAGMA data_version` changes when another connection (a worker, another program) commits.
 * A restore reopens the database, which is a new connection and so a new cache.
 */
const cache = new WeakMap<object, { key: string; data: DashboardData }>();

function stamp(core: Core): string {
  const changes = core.sqlite.prepare('SELECT total_changes()').pluck().get() as number;
  const version = core.sqlite.pragma('data_version', { simple: true }) as number;
  return `${changes}:${version}`;
}

export async function cachedFigures(core: Core, params: string, compute: () => Promise<DashboardData>): Promise<DashboardData> {
  const key = `${params}|${stamp(core)}`;
  const hit = cache.get(core.sqlite);
  if (hit && hit.key === key) return hit.data;
  const data = await compute();
  // Stamped after computing too: a write that slipped in meanwhile must not be hidden.
  if (`${params}|${stamp(core)}` === key) cache.set(core.sqlite, { key, data });
  return data;
}
