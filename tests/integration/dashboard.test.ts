import type { AssessmentTable } from '../../shared/contract/assessment.ts';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DashboardData } from '../../shared/contract/dashboard.ts';
import type { LedgerFilter } from '../../shared/contract/index.ts';
import { openCore, type Core } from '../../shared/core/context.ts';
import { unitSignalQuery, unitStatusQuery } from '../../shared/core/dashboard/figures.ts';
import { redCellsQuery, tallyQuery } from '../../shared/core/dashboard/tally.ts';
import { changesSinceQueries, WORK_LIST_KINDS, workListQueries, workbench } from '../../shared/core/dashboard/workbench.ts';
import { workListLink } from '../../shared/contract/dashboard.ts';
import { signalDates } from '../../shared/core/ledger/signal-sql.ts';
import { deadlineSignal } from '../../shared/domain/signal.ts';
import { ledgerQueryOf, viewFromQuery } from '../../renderer/pages/ledger/ledger-url.ts';
import { call } from '../support/core.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';

/**
 * 工作台 and 分析 on a small ledger with known dates, "today" moved day by day: each list holds
 * exactly its items, each figure equals the ledger filtered by its link, the numbers equal the
 * one signal function row by row and `stats --json`, and the reminder tells what went red.
 */

let dataDir: string;
let today = '2026-03-01';
let core: Core;

async function open(day: string) {
  today = day;
  core = await openCore({ dataDir, clock: () => new Date(`${today}T12:00:00`), mode: 'test' });
}
async function reopen(day: string) {
  await core.close();
  await open(day);
}

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-dashboard-'));
  await open('2026-03-01');
});
afterEach(async () => {
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const date = (d: string) => ({ kind: 'date' as const, date: d, text: null });

/** Nine measures whose signals on 2026-06-15 are known (see each line). */
async function seedKnown() {
  const orgs = await call(core, 'orgs:list', {});
  const mm = orgs.find((o) => o.party === '民盟')!;
  const mj = orgs.find((o) => o.party === '民建')!;
  const b1 = await call(core, 'batches:save', { organizationId: mm.id, area: '脱贫攻坚', docNumber: '民盟〔2026〕1号', receivedDate: '2026-02-20', topic: '脱贫攻坚民主监督反馈意见', mode: '专项监督' });
  const b2 = await call(core, 'batches:save', { organizationId: mj.id, area: '营商环境', docNumber: '民建〔2026〕2号', receivedDate: '2026-02-25', topic: '营商环境专项监督', mode: '专项监督' });
  const fin = await call(core, 'units:save', { name: '青山县财政局', aliases: [], contactPerson: '王芳', contactPhone: '6202345' });
  const pov = await call(core, 'units:save', { name: '青山县扶贫开发办公室', aliases: [], contactPerson: '李明', contactPhone: '6201234' });
  const m = (text: string, unit: number, deadline: ReturnType<typeof date> | { kind: 'standing'; date: null; text: null }, co: number[] = []) => ({ text, leadUnitId: unit, coUnitIds: co, deadline });
  const f1 = await call(core, 'findings:create', {
    batchId: b1.id,
    category: '资金使用',
    text: '扶贫资金拨付滞后',
    measures: [
      m('M1 逾期：6月10日到期', fin.id, date('2026-06-10')),
      m('M2 临期：6月18日到期', pov.id, date('2026-06-18')),
      m('M3 停滞：年底到期，无进展', fin.id, date('2026-12-31')),
      m('M4 正常：年底到期，有进展', pov.id, date('2026-12-31'), [fin.id]),
    ],
  });
  const f2 = await call(core, 'findings:create', {
    batchId: b2.id,
    category: '作风建设',
    text: '窗口服务效率不高',
    measures: [m('M5 按时销号', fin.id, date('2026-06-30')), m('M6 逾期销号', pov.id, date('2026-04-30')), m('M7 待销号', pov.id, date('2026-09-30'))],
  });
  const f3 = await call(core, 'findings:create', { batchId: b2.id, text: '长效机制不健全', measures: [m('M8 长期坚持，久未报送', fin.id, { kind: 'standing', date: null, text: null })] });
  const ids = [...f1.measures, ...f2.measures, ...f3.measures].map((x) => x.id);
  const [M1, M2, M3, M4, M5, M6, M7, M8] = ids;
  await reopen('2026-05-20');
  await call(core, 'measures:transition', { id: M8, action: 'set_standing' });
  for (const id of [M5, M6]) {
    await call(core, 'measures:transition', { id, action: 'request_close', resultText: '已整改到位' });
    await call(core, 'measures:transition', { id, action: 'verify_close', verifiedBy: '赵敏' });
  }
  await reopen('2026-06-10');
  await call(core, 'progress:add', { measureId: M2, date: '2026-06-10', text: '已拨付第一批资金' });
  await call(core, 'progress:add', { measureId: M4, date: '2026-06-10', text: '已完成方案' });
  await call(core, 'measures:transition', { id: M7, action: 'request_close', resultText: '已建立制度' });
  await reopen('2026-06-15');
  return { ids: { M1, M2, M3, M4, M5, M6, M7, M8 }, units: { fin: fin.id, pov: pov.id }, batches: { b1: b1.id, b2: b2.id }, orgs: { mm: mm.id, mj: mj.id } };
}

async function ledgerIds(filter: LedgerFilter): Promise<number[]> {
  const page = await call(core, 'ledger:query', { filter, pageSize: 500 });
  expect(page.total).toBe(page.rows.length);
  return page.rows.map((r) => r.measureId).sort((a, b) => a - b);
}

/** The ledger filter behind a '#/ledger?…' link, read as the ledger page reads it. */
const filterOfLink = (q: Record<string, string>) => ledgerQueryOf(viewFromQuery(new URLSearchParams(q))).filter as LedgerFilter;

describe('分析 (dashboard:get)', () => {
  it('counts each measure by the one signal function, and each figure opens exactly its measures in the ledger', async () => {
    const { ids, units, batches, orgs } = await seedKnown();
    const dash = await call(core, 'dashboard:get', {});
    expect(dash).toMatchObject({ today: '2026-06-15', findings: 3, measures: 8 });
    expect(dash.byStatus).toEqual({ not_started: 2, in_progress: 2, pending: 1, closed: 2, standing: 1 });
    // Red: M1. Yellow: M2 (due in 3 days), M3 (no progress since 1 March), M8 (长期坚持, no entry for 90 days).
    expect(dash.bySignal).toEqual({ red: 1, yellow: 3, green: 4 });
    expect(dash.completion).toEqual({ closed: 2, measures: 8, rate: 0.25 });
    // 按期完成率: M5 closed on time; M6 closed after its deadline and M1 open past it are late.
    expect(dash.onTime).toEqual({ onTime: 1, late: 2, counted: 3, rate: 1 / 3 });
    // One definition of the rate: the 报表 page and the Word/Excel reports give the same.
    const summary = await call(core, 'report:summary', { filter: {} });
    expect({ onTime: summary.total.onTimeClosed, counted: summary.total.onTimeBase }).toEqual({ onTime: 1, counted: 3 });

    // The same numbers from the signal function, measure by measure.
    const rows = (await call(core, 'ledger:query', { pageSize: 500 })).rows;
    const t = { dueSoonDays: 7, stagnantDays: 30 };
    const bySignal = { red: 0, yellow: 0, green: 0 };
    for (const r of rows) {
      const m = await core.db.selectFrom('measures').selectAll().where('id', '=', r.measureId).executeTakeFirstOrThrow();
      bySignal[deadlineSignal({ status: m.status, deadlineKind: m.deadline_kind, deadlineDate: m.deadline_date, lastProgressDate: m.last_progress_date, assignedDate: m.assigned_date }, today, t).signal]++;
    }
    expect(dash.bySignal).toEqual(bySignal);

    // Units by name; 牵头 only: M4 (配合 青山县财政局) is counted under its lead unit alone.
    expect(dash.ranked).toBe(false);
    expect(dash.byUnit.map((u) => [u.unit, u.measures, u.closed, u.overdue, u.yellow])).toEqual([
      ['青山县财政局', 4, 1, 1, 2],
      ['青山县扶贫开发办公室', 4, 1, 0, 1],
    ]);
    expect(await ledgerIds({ leadUnitId: units.fin })).toEqual([ids.M1, ids.M3, ids.M5, ids.M8]);
    expect(await ledgerIds({ unitId: units.fin })).toContain(ids.M4);

    for (const u of dash.byUnit) {
      expect((await ledgerIds({ leadUnitId: u.unitId })).length, u.unit).toBe(u.measures);
      expect((await ledgerIds({ leadUnitId: u.unitId, statuses: ['closed'] })).length, u.unit).toBe(u.closed);
      expect((await ledgerIds({ leadUnitId: u.unitId, signals: ['red'] })).length, u.unit).toBe(u.overdue);
      expect((await ledgerIds({ leadUnitId: u.unitId, signals: ['yellow'] })).length, u.unit).toBe(u.yellow);
    }
    for (const [status, n] of Object.entries(dash.byStatus)) expect((await ledgerIds({ statuses: [status as 'closed'] })).length, status).toBe(n);
    for (const [signal, n] of Object.entries(dash.bySignal)) expect((await ledgerIds({ signals: [signal as 'red'] })).length, signal).toBe(n);
    expect(dash.byBatch.map((b) => [b.batchId, b.measures, b.closed, b.overdue])).toEqual([
      [batches.b2, 4, 2, 0],
      [batches.b1, 4, 0, 1],
    ]);
    for (const b of dash.byBatch) {
      expect((await ledgerIds({ batchId: b.batchId })).length).toBe(b.measures);
      expect((await ledgerIds({ batchId: b.batchId, signals: ['red'] })).length).toBe(b.overdue);
    }
    expect(dash.byOrganization.map((o) => [o.organizationId, o.measures])).toEqual(
      expect.arrayContaining([
        [orgs.mm, 4],
        [orgs.mj, 4],
      ]),
    );
    for (const o of dash.byOrganization) expect((await ledgerIds({ organizationId: o.organizationId })).length).toBe(o.measures);
    expect(dash.byCategory.map((c) => [c.category, c.measures, c.closed, c.overdue])).toEqual([
      ['资金使用', 4, 0, 1],
      ['作风建设', 3, 2, 0],
      [null, 1, 0, 0],
    ]);
    for (const c of dash.byCategory.filter((x) => x.category)) expect((await ledgerIds({ category: c.category! })).length).toBe(c.measures);
  });

  it('answers again from memory while nothing is written, and never hides a write, ours or another connection\'s', async () => {
    const { ids } = await seedKnown();
    const first = await call(core, 'dashboard:get', {});
    expect(await call(core, 'dashboard:get', {})).toBe(first); // the same object: kept
    await call(core, 'measures:transition', { id: ids.M7, action: 'verify_close', verifiedBy: '赵敏' });
    const second = await call(core, 'dashboard:get', {});
    expect(second.byStatus.closed).toBe(first.byStatus.closed + 1);
    // Another program's connection (a worker, a repair tool) writes behind our back.
    const other = new Database(path.join(dataDir, 'ledger.sqlite3'));
    other.prepare("UPDATE measures SET status = 'closed', closed_date = '2026-06-15' WHERE id = ?").run(ids.M3);
    other.close();
    const third = await call(core, 'dashboard:get', {});
    expect(third.byStatus.closed).toBe(second.byStatus.closed + 1);
    // Another day, other figures, even with nothing written.
    await reopen('2026-06-19');
    expect((await call(core, 'dashboard:get', {})).bySignal.red).toBe(third.bySignal.red + 1);
  });

  it('ranks units by completion only when the office turns it on', async () => {
    await seedKnown();
    const settings = await call(core, 'settings:get', {});
    await call(core, 'settings:update', { ...settings, rankUnits: true });
    const dash = await call(core, 'dashboard:get', {});
    expect(dash.ranked).toBe(true);
    // Both closed 1 of 4; the one with fewer overdue comes first.
    expect(dash.byUnit.map((u) => u.unit)).toEqual(['青山县扶贫开发办公室', '青山县财政局']);
  });

  it('reads covering indexes, never the measure rows; recent changes off their own indexes', async () => {
    // A ledger of realistic shape, with the planner's statistics (seedSynthetic runs ANALYZE, as
    // the app's PRAGMA optimize does on a grown file): on an empty one any plan is as good.
    await seedSynthetic(core, { findings: 3000, seed: 7 });
    const d = signalDates('2026-06-15', { dueSoonDays: 7, stagnantDays: 30 }, core.dialect);
    const plan = (q: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
      const c = q.compile();
      return core.sqlite!.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[])).map((r) => (r as { detail: string }).detail).join(' | ');
    };
    expect(plan(unitStatusQuery(core.db))).toContain('COVERING INDEX measures_lead_unit');
    expect(plan(unitSignalQuery(core.db, d))).toContain('COVERING INDEX measures_unit_signal');
    const cells = plan(tallyQuery(core.db, d));
    expect(cells).toContain('COVERING INDEX findings_batch_category');
    expect(cells).toContain('COVERING INDEX measures_finding_status');
    // Grouped in the order the indexes are walked: no sort of 250,000 rows.
    expect(cells).not.toContain('TEMP B-TREE');
    // Red by batch: the open measures past their deadline, an index range.
    expect(plan(redCellsQuery(core.db, d))).toMatch(/SEARCH m USING (COVERING )?INDEX measures_status_deadline/);
    // 工作台: each list counted off a covering index and its first items read off one in order
    // (the row is read only for those items), so no list reads every open measure's row.
    for (const kind of WORK_LIST_KINDS) {
      const q = workListQueries(core.db, kind, d, 10);
      expect(plan(q.count), `${kind} count`).toMatch(/^SEARCH m USING COVERING INDEX [a-z_]+ \(status=\?/);
      const first = plan(q.rows).split(' | SCAN t')[0];
      expect(first, `${kind} rows`).toMatch(/SEARCH m USING COVERING INDEX measures_(deadline_sort|status_requested|status_activity)/);
      expect(first, `${kind} rows`).not.toContain('MULTI-INDEX');
    }
    // "Since my last visit" reads recent rows only.
    const changes = changesSinceQueries(core.db, '2026-06-08T04:00:00.000Z', d, 10).map(plan).join(' || ');
    expect(changes).toContain('progress_entries_created');
    expect(changes).toContain('status_changes_created');
    // …whatever the statistics say. These are a 100,000-finding ledger's after an import (every
    // progress entry written in the same second, so "since" seems to hold the whole table) and
    // PRAGMA optimize's sampled counts: left to the planner, new progress was read unit by unit
    // through every measure (0.7 s). Each list's first ids come off its own index, then the join.
    const stats: [string, string, string][] = [
      ['units', 'sqlite_autoindex_units_1', '40 1'],
      ['progress_entries', 'progress_entries_created', '480299 480299'],
      ['progress_entries', 'progress_measure', '480299 2 1'],
      ['status_changes', 'status_changes_created', '17 1 1'],
      ['measures', 'measures_finding_status', '249580 3 2 2 1 1'],
      ['measures', 'measures_status_requested', '249580 2001 20 2 1'],
      ['measures', 'measures_status_activity', '249580 2001 7 4 1 1'],
      ['measures', 'measures_unit_signal', '249580 2001 2001 2001 4 1'],
      ['measures', 'measures_status_deadline', '249580 2001 14 9'],
      ['measures', 'measures_deadline_sort', '249580 44 1 1 1 1'],
      ['measures', 'measures_lead_unit', '249580 2001 2001 1 1'],
      ['measures', 'measures_finding_seq', '249580 3 1'],
    ];
    for (const [tbl, idx, stat] of stats) {
      core.sqlite!.prepare('DELETE FROM sqlite_stat1 WHERE tbl = ? AND idx = ?').run(tbl, idx);
      core.sqlite!.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)').run(tbl, idx, stat);
    }
    core.sqlite!.exec('ANALYZE sqlite_schema'); // reload the statistics
    const [, redRows, , closedRows, , progressRows] = changesSinceQueries(core.db, '2026-06-08T04:00:00.000Z', d, 10).map(plan);
    expect(progressRows).toMatch(/^CO-ROUTINE pe \| SEARCH p USING INDEX progress_entries_created/);
    expect(redRows).toMatch(/^CO-ROUTINE t \| SEARCH m USING (COVERING )?INDEX measures_(status_deadline|deadline_sort)/);
    expect(closedRows).toMatch(/^CO-ROUTINE t \| SEARCH m USING INTEGER PRIMARY KEY .*status_changes_created/);
    for (const p of [redRows, closedRows, progressRows]) expect(p).not.toContain('SCAN u');
  });

  it('`stats --json --today` prints the same figures as the dashboard', async () => {
    await seedKnown();
    await reopen('2026-06-19');
    const dash = await call(core, 'dashboard:get', {});
    await core.close();
    const run = spawnSync(path.resolve('node_modules/.bin/tsx'), ['shared/cli/main.ts', 'stats', '--json', '--today', '2026-06-19', '--data-dir', dataDir], { encoding: 'utf8' });
    await open('2026-06-19');
    expect(run.status, run.stderr).toBe(0);
    const { assessment, ...cli } = JSON.parse(run.stdout) as DashboardData & { assessment: AssessmentTable };
    expect(cli).toEqual(dash);
    // With the 单位考核 rows of the year, as the 单位考核 page gives them.
    expect(assessment).toEqual(await call(core, 'assessment:table', {}));
    expect(assessment.rows.map((r) => r.unitName).sort()).toEqual(['青山县扶贫开发办公室', '青山县财政局'].sort());
    // 6月19日: M2 (due 18 June) has gone red.
    expect(cli.bySignal.red).toBe(2);
    const bad = spawnSync(path.resolve('node_modules/.bin/tsx'), ['shared/cli/main.ts', 'stats', '--json', '--today', '2026-6-19', '--data-dir', dataDir], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--today 应为 年-月-日');
  });
});

describe('工作台 (workbench:get)', () => {
  it('lists exactly the overdue, due-soon, pending, stagnant and 长期坚持-missing items, each list equal to its ledger link', async () => {
    const { ids } = await seedKnown();
    const wb = await call(core, 'workbench:get', {});
    const listIds = (k: keyof typeof wb.lists) => wb.lists[k].items.map((i) => i.measureId).sort((a, b) => a - b);
    expect(listIds('overdue')).toEqual([ids.M1]);
    expect(wb.lists.overdue.items[0]).toMatchObject({ reason: '已逾期 5 天', unit: '青山县财政局', deadline: '2026-06-10' });
    expect(listIds('dueSoon')).toEqual([ids.M2]);
    expect(wb.lists.dueSoon.items[0].reason).toBe('3 天后到期');
    expect(listIds('pending')).toEqual([ids.M7]);
    // M1 is overdue and silent since 1 March: it is on both lists. M8 (长期坚持) owes a periodic entry instead.
    expect(listIds('stagnant')).toEqual([ids.M1, ids.M3]);
    expect(wb.lists.stagnant.items.find((i) => i.measureId === ids.M3)!.reason).toBe('106 天无进展');
    expect(listIds('standingDue')).toEqual([ids.M8]);
    for (const kind of ['overdue', 'dueSoon', 'pending', 'stagnant', 'standingDue'] as const) {
      expect(await ledgerIds(filterOfLink(workListLink(kind, today, 7))), kind).toEqual(listIds(kind));
      expect(wb.lists[kind].total).toBe(wb.lists[kind].items.length);
    }
  });

  it('moves with today: green → yellow → red, and tells what went red, closed or progressed since the last visit', async () => {
    const { ids } = await seedKnown();
    const t = { dueSoonDays: 7, stagnantDays: 30 };
    const listsOn = async (day: string) => (await workbench(core.db, day, t, null, 10)).lists;
    const has = (l: { items: { measureId: number }[] }) => l.items.some((i) => i.measureId === ids.M2);
    // M2, due 18 June: nowhere on 1 June, due soon on 15 June, overdue on 19 June.
    for (const [day, dueSoon, overdue] of [['2026-06-01', false, false], ['2026-06-15', true, false], ['2026-06-19', false, true]] as const) {
      const lists = await listsOn(day);
      expect([has(lists.dueSoon), has(lists.overdue)], day).toEqual([dueSoon, overdue]);
    }

    expect(await call(core, 'workbench:opened', {})).toMatchObject({ since: null, overdue: 1, dueSoon: 1, message: '' });
    let wb = await call(core, 'workbench:get', {});
    expect(wb.changes.since).toBeNull();

    await reopen('2026-06-16');
    expect(await call(core, 'workbench:opened', {})).toMatchObject({ since: new Date('2026-06-15T12:00:00').toISOString(), turnedRed: 0 });
    await call(core, 'progress:add', { measureId: ids.M3, date: '2026-06-16', text: '已召开专题会' });
    await call(core, 'measures:transition', { id: ids.M7, action: 'verify_close', verifiedBy: '赵敏' });
    wb = await call(core, 'workbench:get', {});
    expect(wb.changes.turnedRed.total).toBe(0);
    expect(wb.changes.newlyClosed.items.map((i) => i.measureId)).toEqual([ids.M7]);
    expect(wb.changes.newProgress.items.map((i) => [i.measureId, i.entryText])).toEqual([[ids.M3, '已召开专题会']]);
    expect(wb.lists.stagnant.items.map((i) => i.measureId)).toEqual([ids.M1]);
    // A reload in the same sitting neither reminds again nor forgets what changed.
    expect((await call(core, 'workbench:opened', {})).message).toBe('');
    expect((await call(core, 'workbench:get', {})).changes.newlyClosed.total).toBe(1);

    await reopen('2026-06-19');
    const reminder = await call(core, 'workbench:opened', {});
    expect(reminder).toMatchObject({ turnedRed: 1, overdue: 2, dueSoon: 0 });
    expect(reminder.message).toBe('自上次打开（6月16日）以来 1 项措施转为逾期；目前共逾期 2 项。');
    wb = await call(core, 'workbench:get', {});
    expect(wb.lists.overdue.items.map((i) => i.measureId)).toEqual([ids.M1, ids.M2]);
    expect(wb.changes.turnedRed.items.map((i) => i.measureId)).toEqual([ids.M2]);
    expect(wb.changes.newlyClosed.total).toBe(0);
  });
});
