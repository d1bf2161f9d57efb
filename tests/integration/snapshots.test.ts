import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../shared/core/context.ts';
import { snapshotDeltaSentence } from '../../shared/core/snapshots/delta.ts';
import { basicSetup, call, callFails } from '../support/core.ts';
import { rawSql } from '../support/raw-sql.ts';

/** 快照 and 较上期, on a real ledger whose "today" moves between the snapshots. */
let today = '2026-06-15';
let core: Core;
let dataDir: string;

beforeEach(async () => {
  today = '2026-06-01';
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-d2-snap-'));
  core = await openCore({ dataDir, clock: () => new Date(`${today}T09:00:00`), mode: 'test' });
});
afterEach(async () => {
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const ids = (items: { measureId: number }[]) => items.map((i) => i.measureId).sort((a, b) => a - b);
const close = async (id: number) => {
  await call(core, 'measures:transition', { id, action: 'request_close', resultText: '已完成' });
  await call(core, 'measures:transition', { id, action: 'verify_close', verifiedBy: '赵敏' });
};

async function ledger() {
  const { batch, finance, poverty } = await basicSetup(core);
  const f = await call(core, 'findings:create', {
    batchId: batch.id,
    text: '扶贫资金拨付滞后',
    measures: [
      { text: 'A 按月拨付', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-06-20' } },
      { text: 'B 建立台账', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-07-31' } },
      { text: 'C 清理欠拨', leadUnitId: poverty.id, deadline: { kind: 'date', date: '2026-06-10' } },
      { text: 'D 长效监管', leadUnitId: poverty.id, deadline: { kind: 'standing' } },
    ],
  });
  const [a, b, c, d] = f.measures.map((m) => m.id) as [number, number, number, number];
  return { a, b, c, d, findingId: f.id, finance };
}

describe('snapshots and 较上期', () => {
  it('counts newly closed, newly overdue, still overdue and reopened between two snapshots and against today', async () => {
    const { a, b, c, findingId, finance } = await ledger();
    today = '2026-06-15';
    const s1 = await call(core, 'snapshots:save', { note: '六月中旬' });
    expect(s1).toMatchObject({ takenOn: '2026-06-15', kind: 'manual', note: '六月中旬', measures: 4, closed: 0, red: 1 });
    const stats1 = await call(core, 'stats:get', {});
    expect({ red: s1.red, yellow: s1.yellow, green: s1.green }).toEqual(stats1.bySignal);

    today = '2026-06-25';
    await close(b); // on time
    let delta = await call(core, 'snapshots:compare', { fromId: s1.id });
    expect(delta.counts).toEqual({ newlyClosed: 1, newlyOverdue: 1, stillOverdue: 1, reopened: 0 });
    expect([ids(delta.newlyClosed), ids(delta.newlyOverdue), ids(delta.stillOverdue)]).toEqual([[b], [a], [c]]);
    expect(delta.stillOverdue[0]).toMatchObject({ measureId: c, findingId, measureText: 'C 清理欠拨', unitName: '青山县扶贫开发办公室', overdueDays: 15 });
    expect(delta.sentence).toBe('较上期新增销号 1 项，新增逾期 1 项，仍逾期 1 项');
    const s2 = await call(core, 'snapshots:save', {});

    today = '2026-07-05';
    await call(core, 'measures:transition', { id: b, action: 'reopen', reason: '回头看发现台账不全' });
    await close(c); // 25 days late
    const e = await call(core, 'measures:create', { findingId, text: 'E 补充整改', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-07-01' } });
    delta = await call(core, 'snapshots:compare', { fromId: s2.id });
    expect(delta.counts).toEqual({ newlyClosed: 1, newlyOverdue: 1, stillOverdue: 1, reopened: 1 });
    expect([ids(delta.newlyClosed), ids(delta.newlyOverdue), ids(delta.stillOverdue), ids(delta.reopened), delta.added]).toEqual([[c], [e.id], [a], [b], 1]);
    expect(delta.sentence).toBe('较上期新增销号 1 项，新增逾期 1 项，仍逾期 1 项，回头看重新整改 1 项');
    expect(await snapshotDeltaSentence(core.db, s2.id, '2026-07-05')).toBe(delta.sentence);
    expect(delta).toMatchObject({ to: null, toDate: '2026-07-05', from: { id: s2.id } });

    // Two snapshots, whatever happened since: S1 → S2 is what it was on 06-25.
    const between = await call(core, 'snapshots:compare', { fromId: s1.id, toId: s2.id });
    expect([ids(between.newlyClosed), ids(between.newlyOverdue), ids(between.stillOverdue), ids(between.reopened)]).toEqual([[b], [a], [c], []]);
    expect(between.toDate).toBe('2026-06-25');

    // The stored rows say what the header says (independent count over snapshot_measures).
    const raw = rawSql(core).prepare("SELECT count(*) AS n, sum(signal = 'red') AS red, sum(status = 'closed') AS closed FROM snapshot_measures WHERE snapshot_id = ?").get(s2.id) as { n: number; red: number; closed: number };
    const s2Listed = (await call(core, 'snapshots:list', {})).find((s) => s.id === s2.id)!;
    expect(raw).toEqual({ n: s2Listed.measures, red: s2Listed.red, closed: s2Listed.closed });
  });

  it('lists newest first, deletes with an 操作日志 entry, and says so when a snapshot is gone', async () => {
    await ledger();
    today = '2026-06-10';
    const s1 = await call(core, 'snapshots:save', {});
    today = '2026-06-20';
    const s2 = await call(core, 'snapshots:save', { note: '月度' });
    expect((await call(core, 'snapshots:list', {})).map((s) => s.id)).toEqual([s2.id, s1.id]);
    await call(core, 'snapshots:delete', { id: s1.id });
    expect((await call(core, 'snapshots:list', {})).map((s) => s.id)).toEqual([s2.id]);
    expect(rawSql(core).prepare('SELECT count(*) FROM snapshot_measures WHERE snapshot_id = ?').pluck().get(s1.id)).toBe(0);
    const log = rawSql(core).prepare("SELECT action FROM audit_log WHERE entity = 'snapshot' ORDER BY id").pluck().all();
    expect(log).toEqual(['create', 'create', 'delete']);
    for (const [channel, input] of [['snapshots:delete', { id: s1.id }], ['snapshots:compare', { fromId: s1.id }]] as const) {
      expect(await callFails(core, channel, input)).toMatchObject({ code: 'not_found', message: '找不到该快照，可能已被删除' });
    }
  });

  it('saves one automatic snapshot on the first open of each month (or week), none for an empty ledger or when off', async () => {
    today = '2026-06-03';
    expect(await call(core, 'snapshots:auto', {})).toBeNull(); // empty ledger
    await ledger();
    const june = await call(core, 'snapshots:auto', {});
    expect(june).toMatchObject({ kind: 'monthly', takenOn: '2026-06-03' });
    expect(await call(core, 'snapshots:auto', {})).toBeNull();
    today = '2026-06-30';
    expect(await call(core, 'snapshots:auto', {})).toBeNull();
    today = '2026-07-01';
    expect(await call(core, 'snapshots:auto', {})).toMatchObject({ kind: 'monthly', takenOn: '2026-07-01' });

    await call(core, 'settings:update', { ...(await call(core, 'settings:get', {})), snapshotAuto: 'weekly' });
    today = '2026-07-08'; // a Wednesday
    expect(await call(core, 'snapshots:auto', {})).toMatchObject({ kind: 'weekly' });
    today = '2026-07-12'; // Sunday, same week
    expect(await call(core, 'snapshots:auto', {})).toBeNull();
    today = '2026-07-13'; // Monday
    expect(await call(core, 'snapshots:auto', {})).toMatchObject({ kind: 'weekly', takenOn: '2026-07-13' });

    await call(core, 'settings:update', { ...(await call(core, 'settings:get', {})), snapshotAuto: 'off' });
    today = '2026-08-20';
    expect(await call(core, 'snapshots:auto', {})).toBeNull();
    expect((await call(core, 'snapshots:list', {})).map((s) => s.kind)).toEqual(['weekly', 'weekly', 'monthly', 'monthly']);
    // Nobody asked for these: the 操作日志 does not list them.
    expect(rawSql(core).prepare("SELECT count(*) FROM audit_log WHERE entity = 'snapshot'").pluck().get()).toBe(0);
  });
});

describe('the command line: snapshot, stats --since-snapshot, assessment --out', () => {
  const cli = (...args: string[]) => {
    const run = spawnSync(path.resolve('node_modules/.bin/tsx'), ['shared/cli/main.ts', ...args, '--data-dir', dataDir], { encoding: 'utf8' });
    expect(run.status, `${args.join(' ')}\n${run.stderr}`).toBe(0);
    return run.stdout;
  };

  it('saves a snapshot, reports 较上期 after a closure, and writes the assessment workbook', async () => {
    await core.close();
    cli('seed', '--findings', '40');
    const saved = JSON.parse(cli('snapshot', '--note', '基线', '--json')) as { id: number; red: number; note: string };
    expect(saved).toMatchObject({ note: '基线' });
    expect(saved.red).toBeGreaterThan(1);

    // Close one late measure through the core, as the app would.
    core = await openCore({ dataDir, mode: 'test' });
    const late = (await call(core, 'ledger:query', { filter: { signals: ['red'] }, pageSize: 1 })).rows[0]!;
    await call(core, 'measures:transition', { id: late.measureId, action: 'request_close', resultText: '已完成' });
    await call(core, 'measures:transition', { id: late.measureId, action: 'verify_close', verifiedBy: '赵敏' });
    const table = await call(core, 'assessment:table', {});
    await core.close();

    const stats = JSON.parse(cli('stats', '--json', '--since-snapshot', String(saved.id))) as { sinceSnapshot: { sentence: string; counts: Record<string, number>; newlyClosed: { measureId: number }[] } };
    expect(stats.sinceSnapshot.sentence).toBe(`较上期新增销号 1 项，新增逾期 0 项，仍逾期 ${saved.red - 1} 项`);
    expect(stats.sinceSnapshot.newlyClosed.map((i) => i.measureId)).toEqual([late.measureId]);

    const out = path.join(dataDir, '考核', '单位考核表.xlsx');
    const printed = JSON.parse(cli('assessment', '--out', out, '--json')) as { rows: { unitName: string; openLate: number }[] };
    expect(printed.rows.map((r) => [r.unitName, r.openLate])).toEqual(table.rows.map((r) => [r.unitName, r.openLate]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('单位考核')!.getRow(5).getCell(2).value).toBe(table.rows[0]!.unitName);
    core = await openCore({ dataDir, mode: 'test' });
  }, 120_000);
});
