import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerQuery, type LedgerQuery } from '../../shared/contract/ledger.ts';
import type { LedgerRow } from '../../shared/contract/ledger-types.ts';
import { ledgerPageIdsQuery } from '../../shared/core/ledger/ledger-query.ts';
import { signalDates } from '../../shared/core/ledger/signal-sql.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { call, tempCore } from '../support/core.ts';
import { onPostgres } from '../support/postgres.ts';

/** SQLite's query plans: on PostgreSQL the same check would read a different planner's words. */
const SQLITE_PLAN_ONLY = onPostgres();
if (SQLITE_PLAN_ONLY) console.log('跳过 EXPLAIN QUERY PLAN 检查：它核对的是 SQLite 的查询计划，在 PostgreSQL 上没有意义');

/** 逾期优先 (sort 'overdue'): red by days overdue, then yellow, then the rest, on an injected today. */
const TODAY = '2026-06-15';
let core: Awaited<ReturnType<typeof tempCore>>;
beforeEach(async () => {
  core = await tempCore(TODAY);
  await seedSynthetic(core, { findings: 400, seed: 11 });
});
afterEach(async () => core.cleanup());

async function allRows(input: Partial<LedgerQuery>, pageSize: number): Promise<LedgerRow[]> {
  const rows: LedgerRow[] = [];
  for (let page = 1; ; page++) {
    const got = await call(core, 'ledger:query', { ...input, page, pageSize });
    rows.push(...got.rows);
    if (page * pageSize >= got.total) return rows;
  }
}

/** The order a clerk expects, worked out from each row's own signal (the domain function's). */
function expectedOrder(rows: LedgerRow[]): number[] {
  const rank = { red: 0, yellow: 1, green: 2 } as const;
  const key = (r: LedgerRow) => r.deadlineDate ?? '9999-12-31';
  return [...rows]
    .sort((a, b) => rank[a.signal] - rank[b.signal] || b.overdueDays - a.overdueDays || key(a).localeCompare(key(b)) || a.findingId - b.findingId || a.measureSeq - b.measureSeq)
    .map((r) => r.measureId);
}

describe('逾期优先', () => {
  it('lists red by days overdue, then yellow, then the rest, across page boundaries', async () => {
    const reference = await allRows({}, 500);
    const counts = { red: 0, yellow: 0, green: 0 };
    for (const r of reference) counts[r.signal]++;
    expect(counts.red).toBeGreaterThan(20);
    expect(counts.yellow).toBeGreaterThan(20);

    // Pages of 37 so that page ends fall inside each run and on their seams.
    const rows = await allRows({ sort: 'overdue' }, 37);
    expect(rows.map((r) => r.measureId)).toEqual(expectedOrder(reference));
    expect(rows[0].signal).toBe('red');
    expect(rows[0].overdueDays).toBe(Math.max(...reference.map((r) => r.overdueDays)));
    expect(rows[counts.red].signal).toBe('yellow');
    expect(rows[counts.red + counts.yellow].signal).toBe('green');
  });

  it('keeps that order under every kind of filter', async () => {
    const unitId = (await call(core, 'units:list', {}))[0].id;
    const filters = [
      { unitId },
      { statuses: ['in_progress' as const] },
      { signals: ['red' as const] },
      { signals: ['yellow' as const, 'green' as const] },
      { q: '资金' },
      { deadlineFrom: '2026-01-01', deadlineTo: '2026-12-31' },
    ];
    for (const filter of filters) {
      const reference = await allRows({ filter }, 500);
      expect(reference.length, JSON.stringify(filter)).toBeGreaterThan(5);
      const rows = await allRows({ filter, sort: 'overdue' }, 23);
      expect(rows.map((r) => r.measureId), JSON.stringify(filter)).toEqual(expectedOrder(reference));
    }
  });

  it.skipIf(SQLITE_PLAN_ONLY)('reads the whole ledger off the deadline index, one range per run (EXPLAIN QUERY PLAN)', async () => {
    core.sqlite!.exec('ANALYZE');
    const d = signalDates(TODAY, { dueSoonDays: 7, stagnantDays: 30 }, core.dialect);
    const plan = (raw: unknown) => {
      const c = ledgerPageIdsQuery(core.db, ledgerQuery.parse(raw), d).compile();
      return (core.sqlite!.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.parameters) as { detail: string }[]).map((r) => r.detail).join(' | ');
    };
    const whole = plan({ sort: 'overdue' });
    // Red: the past of the deadline index, read from the index alone; yellow: its future.
    expect(whole).toMatch(/CO-ROUTINE run0 \| SEARCH m USING COVERING INDEX measures_deadline_sort \(<expr><\?\)/);
    // Yellow dated before today (长期坚持 missing its periodic entry): the status index's 'standing' range below today.
    expect(whole).toMatch(/CO-ROUTINE run1 \| SEARCH m USING INDEX measures_status_deadline \(status=\? AND <expr><\?\)/);
    expect(whole).toMatch(/CO-ROUTINE run2 \| SEARCH m USING INDEX measures_deadline_sort \(<expr>>\?\)/);
    expect(whole).toMatch(/CO-ROUTINE run3 \| SCAN m USING INDEX measures_deadline_sort/);
    // No run sorts the measures table itself: its sorts are of the few rows each run passes on.
    expect(whole).not.toMatch(/SCAN m \|/);
    expect(whole).not.toMatch(/SEARCH m USING INDEX measures_status_deadline \(status=\?\) \| USE TEMP B-TREE/);
    // Red alone is plain deadline order, straight off the index.
    expect(plan({ sort: 'overdue', filter: { signals: ['red'] } })).toMatch(/^SEARCH m USING COVERING INDEX measures_deadline_sort \(<expr><\?\)$/);
  });
});
