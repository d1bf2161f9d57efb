import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deadlineSignal } from '../../shared/domain/signal.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { isClosedLate, isPeriodMissing, overdueDaysSql, signalDates, signalSql } from '../../shared/core/ledger/signal-sql.ts';
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
    for (const status of ['closed', 'pending'] as const) expect(deadlineSignal({ ...late, status }, '2026-06-15', T).signal).toBe('green');
    // 长期坚持 with nothing reported since March: yellow for the missing periodic entry, not red.
    expect(deadlineSignal({ ...late, status: 'standing' }, '2026-06-15', T)).toMatchObject({ signal: 'yellow', periodMissing: true });
    expect(deadlineSignal({ ...late, status: 'standing', lastProgressDate: '2026-06-01' }, '2026-06-15', T).signal).toBe('green');
    expect(deadlineSignal({ ...late, deadlineKind: 'standing', deadlineDate: null, lastProgressDate: '2026-06-01' }, '2026-06-15', T).signal).toBe('green');
  });

  it('owes a 长期坚持 measure one progress entry per period (设置), yellow when missing, never red', () => {
    const standing = { status: 'standing' as const, deadlineKind: 'standing' as const, deadlineDate: null, lastProgressDate: '2026-01-01', assignedDate: '2025-06-01' };
    const t = { ...T, longTermPeriodDays: 90 };
    expect(deadlineSignal(standing, '2026-03-31', t)).toMatchObject({ signal: 'green', reason: '长期坚持' });
    expect(deadlineSignal(standing, '2026-04-01', t)).toMatchObject({ signal: 'yellow', periodMissing: true, stagnantDays: 90, reason: '长期坚持，90 天未报送进展（每 90 天一报）' });
    for (const today of ['2026-12-31', '2030-01-01']) expect(deadlineSignal(standing, today, t).signal).toBe('yellow');
    // The period follows the office: 30 days make the same measure yellow much sooner.
    expect(deadlineSignal(standing, '2026-01-31', { ...t, longTermPeriodDays: 30 }).signal).toBe('yellow');
    // An open measure whose deadline is 长期坚持 follows the same period, not the stagnant days.
    const open = { ...standing, status: 'in_progress' as const };
    expect(deadlineSignal(open, '2026-03-01', t).signal).toBe('green');
    expect(deadlineSignal(open, '2026-04-01', t).signal).toBe('yellow');
  });

  it('records 逾期完成: closed after the deadline, by how many days', () => {
    const closed = { ...base, status: 'closed' as const, deadlineDate: '2026-06-10' };
    expect(deadlineSignal({ ...closed, closedDate: '2026-06-10' }, '2026-06-15', T)).toMatchObject({ signal: 'green', closedLateDays: 0, reason: '已销号' });
    expect(deadlineSignal({ ...closed, closedDate: '2026-06-14' }, '2026-06-15', T)).toMatchObject({ signal: 'green', closedLateDays: 4, reason: '逾期完成（超期 4 天）' });
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

  it('gives, row by row, the signal deadlineSignal gives, on every day of a moving today and for other thresholds', async () => {
    await seedSynthetic(core, { findings: 300, seed: 11 });
    const rows = await core.db
      .selectFrom('measures')
      .select(['id', 'status', 'deadline_kind', 'deadline_date', 'last_progress_date', 'assigned_date', 'closed_date'])
      .orderBy('id')
      .execute();
    const kinds = { standing: 0, longTermOpen: 0, closedLate: 0 };
    for (const r of rows) {
      if (r.status === 'standing') kinds.standing++;
      if (r.status === 'in_progress' && r.deadline_kind === 'standing') kinds.longTermOpen++;
      if (r.status === 'closed' && r.deadline_date && r.closed_date! > r.deadline_date) kinds.closedLate++;
    }
    expect(kinds.standing, 'the seed holds 长期坚持 measures').toBeGreaterThan(5);
    expect(kinds.longTermOpen).toBeGreaterThan(5);
    expect(kinds.closedLate, 'the seed holds 逾期完成 measures').toBeGreaterThan(5);
    const seen = { red: 0, yellow: 0, green: 0, periodMissing: 0 };
    for (const t of [{ dueSoonDays: 7, stagnantDays: 30, longTermPeriodDays: 90 }, { dueSoonDays: 3, stagnantDays: 60, longTermPeriodDays: 30 }]) {
      for (let today = '2026-01-10'; today <= '2027-03-01'; today = addDays(today, 47)) {
        const d = signalDates(today, t, core.dialect);
        const sqlRows = await core.db
          .selectFrom('measures as m')
          .select((eb) => ['m.id', signalSql(eb, d).as('signal'), overdueDaysSql(eb, d).as('overdue'), eb.case().when(isPeriodMissing(eb, d)).then(1).else(0).end().as('missing'), eb.case().when(isClosedLate(eb)).then(1).else(0).end().as('late')])
          .orderBy('m.id')
          .execute();
        expect(sqlRows).toHaveLength(rows.length);
        rows.forEach((r, i) => {
          const js = deadlineSignal(
            { status: r.status, deadlineKind: r.deadline_kind, deadlineDate: r.deadline_date, lastProgressDate: r.last_progress_date, assignedDate: r.assigned_date, closedDate: r.closed_date },
            today,
            t,
          );
          const got = sqlRows[i]!;
          expect({ id: got.id, signal: got.signal, overdue: Number(got.overdue), missing: Number(got.missing) === 1, late: Number(got.late) === 1 }, `measure ${r.id} on ${today}`).toEqual({
            id: r.id,
            signal: js.signal,
            overdue: js.overdueDays,
            missing: !!js.periodMissing,
            late: (js.closedLateDays ?? 0) > 0,
          });
          seen[js.signal]++;
          if (js.periodMissing) seen.periodMissing++;
        });
      }
    }
    // Every branch was exercised, or the comparison proves little.
    for (const k of ['red', 'yellow', 'green', 'periodMissing'] as const) expect(seen[k], k).toBeGreaterThan(50);
  });
});
