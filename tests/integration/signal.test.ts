import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deadlineSignal } from '../../shared/domain/signal.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { call, tempCore } from '../support/core.ts';

const T = { dueSoonDays: 7, stagnantDays: 30 };
const base = { status: 'in_progress' as const, deadlineKind: 'date' as const, lastProgressDate: '2026-06-10', assignedDate: '2026-03-01' };

describe('deadlineSignal (today injected)', () => {
  it('is red past the deadline, yellow within N days or after M days without progress, green otherwise', () => {
    const today = '2026-06-15';
    expect(deadlineSignal({ ...base, deadlineDate: '2026-06-14' }, today, T)).toMatchObject({ signal: 'red', overdueDays: 1, reason: '已逾期 1 天' });
    expect(deadlineSignal({ ...base, deadlineDate: '2026-06-15' }, today, T)).toMatchObject({ signal: 'yellow', reason: '今日到期' });
    expect(deadlineSignal({ ...base, deadlineDate: '2026-06-22' }, today, T)).toMatchObject({ signal: 'yellow', dueInDays: 7 });
    expect(deadlineSignal({ ...base, deadlineDate: '2026-06-23' }, today, T)).toMatchObject({ signal: 'green', dueInDays: 8 });
    expect(deadlineSignal({ ...base, deadlineDate: '2026-12-31', lastProgressDate: '2026-05-16' }, today, T)).toMatchObject({ signal: 'yellow', stagnantDays: 30 });
    expect(deadlineSignal({ ...base, deadlineDate: '2026-12-31', lastProgressDate: '2026-05-17' }, today, T).signal).toBe('green');
    expect(deadlineSignal({ ...base, deadlineDate: '2026-12-31', lastProgressDate: null, assignedDate: '2026-01-01' }, today, T).reason).toBe('165 天无进展');
  });

  it('never turns closed, pending or 长期坚持 items red', () => {
    const late = { ...base, deadlineDate: '2020-01-01', lastProgressDate: null };
    for (const status of ['closed', 'standing', 'pending'] as const) expect(deadlineSignal({ ...late, status }, '2026-06-15', T).signal).toBe('green');
    expect(deadlineSignal({ ...late, deadlineKind: 'standing', deadlineDate: null, lastProgressDate: '2026-06-01' }, '2026-06-15', T).signal).toBe('green');
  });

  it('follows the office thresholds', () => {
    const m = { ...base, deadlineDate: '2026-06-25' };
    expect(deadlineSignal(m, '2026-06-15', { dueSoonDays: 7, stagnantDays: 30 }).signal).toBe('green');
    expect(deadlineSignal(m, '2026-06-15', { dueSoonDays: 10, stagnantDays: 30 }).signal).toBe('yellow');
  });
});

describe('the SQL form of the signal', () => {
  let core: Awaited<ReturnType<typeof tempCore>>;
  beforeEach(async () => {
    core = await tempCore('2026-06-15');
  });
  afterEach(async () => core.cleanup());

  it('filters exactly the rows the signal function colours, for every colour', async () => {
    await seedSynthetic(core, { findings: 400, seed: 7 });
    const all = await call(core, 'ledger:query', { pageSize: 500, page: 1 });
    const pages = [all.rows];
    for (let p = 2; (p - 1) * 500 < all.total; p++) pages.push((await call(core, 'ledger:query', { pageSize: 500, page: p })).rows);
    const rows = pages.flat();
    expect(rows).toHaveLength(all.total);
    const stats = await call(core, 'stats:get', {});
    for (const signal of ['red', 'yellow', 'green'] as const) {
      const expected = rows.filter((r) => r.signal === signal).map((r) => r.measureId).sort((a, b) => a - b);
      expect(expected.length).toBeGreaterThan(10);
      const got = await call(core, 'ledger:query', { filter: { signals: [signal] }, pageSize: 500 });
      const gotIds: number[] = [...got.rows.map((r) => r.measureId)];
      for (let p = 2; (p - 1) * 500 < got.total; p++) gotIds.push(...(await call(core, 'ledger:query', { filter: { signals: [signal] }, pageSize: 500, page: p })).rows.map((r) => r.measureId));
      expect(gotIds.sort((a, b) => a - b)).toEqual(expected);
      expect(stats.bySignal[signal]).toBe(expected.length);
    }
  });
});
