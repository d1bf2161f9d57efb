import { sql, type Compilable } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changesSinceQueries, workListQueries } from '../../shared/core/dashboard/workbench.ts';
import { getSettings, thresholdsOf } from '../../shared/core/ledger/settings.ts';
import { signalDates } from '../../shared/core/ledger/signal-sql.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { tempCore } from '../support/core.ts';
import { onPostgres } from '../support/postgres.ts';

/**
 * The shared ledger's 工作台 lists read their indexes alone (migration 0014). A small test ledger
 * would be scanned whole by a planner weighing costs, so sequential and bitmap scans are switched
 * off for the statement: what is left shows whether an index can answer it by itself.
 */
const SQLITE = !onPostgres();
if (SQLITE) console.log('跳过 PostgreSQL 查询计划检查：本轮没有 PostgreSQL（SQLite 的计划由 dashboard.test.ts 检查）');

let core: Awaited<ReturnType<typeof tempCore>>;
beforeEach(async () => {
  if (!SQLITE) core = await tempCore('2026-06-15');
});
afterEach(async () => {
  if (!SQLITE) await core.cleanup();
});

async function plan(q: Compilable): Promise<string> {
  const c = q.compile();
  return core.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    await sql`SET LOCAL enable_bitmapscan = off`.execute(trx);
    const r = await sql<{ 'QUERY PLAN': string }>`EXPLAIN ${sql.raw(c.sql.replace(/\$(\d+)/g, (_, i) => literal(c.parameters[Number(i) - 1])))}`.execute(trx);
    return r.rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

const literal = (v: unknown): string => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

describe.skipIf(SQLITE)('PostgreSQL: the 工作台 reads its indexes alone', () => {
  it('停滞, 长期坚持·未按期报送 and 逾期 are counted, and the first two listed, off index-only scans; new progress needs no sort', async () => {
    await seedSynthetic(core, { findings: 300, seed: 5 });
    await sql`VACUUM ANALYZE`.execute(core.db);
    const d = signalDates('2026-06-15', thresholdsOf(await getSettings(core.db)), 'postgres');
    for (const kind of ['stagnant', 'standingDue', 'overdue'] as const) {
      const q = workListQueries(core.db, kind, d, 10);
      const counted = await plan(q.count!);
      expect(counted, `${kind} count:\n${counted}`).toMatch(/Index Only Scan using measures_status_(activity|deadline)/);
      // 逾期's first ten are an ordered walk of measures_deadline_sort that stops after ten (0001).
      if (kind === 'overdue') continue;
      const listed = await plan(q.rows);
      expect(listed, `${kind} rows:\n${listed}`).toMatch(/Index Only Scan using measures_status_activity/);
    }
    // 自上次访问以来的新进展: the first ten in (created_at, id) order straight off the index.
    const progressRows = changesSinceQueries(core.db, '2026-06-08T00:00:00.000Z', d, 10)[5];
    const listed = await plan(progressRows);
    const inner = listed.slice(listed.indexOf('Limit'));
    expect(inner, listed).toMatch(/Index (Only )?Scan Backward using progress_entries_created/);
    expect(inner.split('\n').slice(0, 3).join('\n'), listed).not.toMatch(/Sort/);
  });
});
