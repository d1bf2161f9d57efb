import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../shared/core/context.ts';
import type { Signal } from '../../shared/domain/vocabulary.ts';
import { basicSetup, call } from '../support/core.ts';

/**
 * One ledger, a "today" that moves (the core's injected clock), and the signal read the two ways
 * a clerk sees it: the row's own colour (deadlineSignal) and the ledger's signal filter (SQL).
 */
let today = '2026-06-01';
let core: Core;
let dataDir: string;

beforeEach(async () => {
  today = '2026-06-01';
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-d2-today-'));
  core = await openCore({ dataDir, clock: () => new Date(`${today}T12:00:00`), mode: 'test' });
});
afterEach(async () => {
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function signalOn(day: string, measureId: number): Promise<{ signal: Signal; reason: string; filtered: Signal }> {
  today = day;
  const all = await call(core, 'ledger:query', { pageSize: 500 });
  const row = all.rows.find((r) => r.measureId === measureId)!;
  const filtered: Signal[] = [];
  for (const s of ['red', 'yellow', 'green'] as const) {
    const page = await call(core, 'ledger:query', { filter: { signals: [s] }, pageSize: 500 });
    if (page.rows.some((r) => r.measureId === measureId)) filtered.push(s);
  }
  expect(filtered, `${day}: the measure is under exactly one signal filter`).toHaveLength(1);
  return { signal: row.signal, reason: row.signalReason, filtered: filtered[0]! };
}

async function setup() {
  const { batch, finance, poverty } = await basicSetup(core);
  const finding = await call(core, 'findings:create', {
    batchId: batch.id,
    text: '扶贫资金拨付滞后',
    measures: [
      { text: '按月拨付扶贫资金', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-07-31' } },
      { text: '建立资金监管长效机制', leadUnitId: poverty.id, deadline: { kind: 'standing' } },
      { text: '清理历史欠拨资金', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-06-20' } },
    ],
  });
  const [dated, standing, shortTerm] = finding.measures;
  return { dated: dated!, standing: standing!, shortTerm: shortTerm! };
}

describe('the signal as today moves', () => {
  it('goes green → yellow (stagnant) → green (progress) → yellow (due soon) → red, the row and the filter agreeing', async () => {
    const { dated } = await setup();
    await call(core, 'progress:add', { measureId: dated.id, date: '2026-06-01', text: '已制定拨付计划' });
    const steps: [string, Signal, string][] = [
      ['2026-06-15', 'green', '剩余 46 天'],
      ['2026-07-01', 'yellow', '30 天无进展'],
    ];
    for (const [day, signal, reason] of steps) expect(await signalOn(day, dated.id)).toEqual({ signal, reason, filtered: signal });
    await call(core, 'progress:add', { measureId: dated.id, date: '2026-07-01', text: '已拨付第一批' });
    expect(await signalOn('2026-07-02', dated.id)).toEqual({ signal: 'green', reason: '剩余 29 天', filtered: 'green' });
    expect(await signalOn('2026-07-24', dated.id)).toEqual({ signal: 'yellow', reason: '7 天后到期', filtered: 'yellow' });
    expect(await signalOn('2026-07-31', dated.id)).toEqual({ signal: 'yellow', reason: '今日到期', filtered: 'yellow' });
    expect(await signalOn('2026-08-01', dated.id)).toEqual({ signal: 'red', reason: '已逾期 1 天', filtered: 'red' });
    expect((await call(core, 'stats:get', {})).bySignal.red).toBe(2); // and the short-term one, late since 06-21
  });

  it('turns a 长期坚持 measure yellow when its periodic entry is missing, and never red', async () => {
    const { standing } = await setup();
    await call(core, 'settings:update', { ...(await call(core, 'settings:get', {})), longTermPeriodDays: 60 });
    expect(await signalOn('2026-07-30', standing.id)).toMatchObject({ signal: 'green', filtered: 'green' });
    expect(await signalOn('2026-07-31', standing.id)).toEqual({ signal: 'yellow', reason: '长期坚持，60 天未报送进展（每 60 天一报）', filtered: 'yellow' });
    await call(core, 'progress:add', { measureId: standing.id, date: '2026-07-31', text: '本季度监管情况' });
    expect(await signalOn('2026-08-01', standing.id)).toMatchObject({ signal: 'green', filtered: 'green' });
    // Declared 长期坚持 by the workflow too: still owes its entries, still never red, years on.
    today = '2026-08-01';
    await call(core, 'measures:transition', { id: standing.id, action: 'set_standing' });
    expect(await signalOn('2026-09-28', standing.id)).toMatchObject({ signal: 'green' });
    for (const day of ['2026-09-29', '2027-06-30', '2031-01-01']) expect(await signalOn(day, standing.id)).toMatchObject({ signal: 'yellow', filtered: 'yellow' });
  });

  it('records a measure closed after its deadline as 逾期完成, and one closed in time as 已销号', async () => {
    const { shortTerm, dated } = await setup();
    today = '2026-06-25';
    await call(core, 'measures:transition', { id: shortTerm.id, action: 'request_close', resultText: '已清理完毕' });
    await call(core, 'measures:transition', { id: shortTerm.id, action: 'verify_close', verifiedBy: '赵敏' });
    await call(core, 'measures:transition', { id: dated.id, action: 'request_close', resultText: '已按月拨付' });
    await call(core, 'measures:transition', { id: dated.id, action: 'verify_close', verifiedBy: '赵敏' });
    expect(await signalOn('2026-06-26', shortTerm.id)).toEqual({ signal: 'green', reason: '逾期完成（超期 5 天）', filtered: 'green' });
    expect(await signalOn('2026-06-26', dated.id)).toEqual({ signal: 'green', reason: '已销号', filtered: 'green' });
    const detail = await call(core, 'findings:get', { id: dated.findingId });
    expect(detail.measures.find((m) => m.id === shortTerm.id)!.signal.reason).toBe('逾期完成（超期 5 天）');
  });
});
