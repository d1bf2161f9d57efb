import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentRow } from '../../shared/contract/assessment.ts';
import { openCore, type Core } from '../../shared/core/context.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { basicSetup, call, callFails } from '../support/core.ts';
import { removeDataDir, tempDataDir, TEST_CLERK } from '../support/core.ts';

/** 单位考核: what lands in each column, checked against SQL written here independently, and the printed workbook. */
let today = '2026-03-01';
let core: Core;
let dataDir: string;

beforeEach(async () => {
  today = '2025-12-01';
  dataDir = await tempDataDir();
  core = await openCore({ dataDir, clock: () => new Date(`${today}T10:00:00`), mode: 'test', user: TEST_CLERK });
});
afterEach(async () => {
  await core.close();
  await removeDataDir(dataDir);
});

async function closeOn(day: string, id: number) {
  today = day;
  await call(core, 'measures:transition', { id, action: 'request_close', resultText: '已完成' });
  await call(core, 'measures:transition', { id, action: 'verify_close', verifiedBy: '赵敏' });
}

async function scenario() {
  const { batch, finance, poverty } = await basicSetup(core);
  const make = async (unitId: number, text: string, deadline: { kind: 'date'; date: string } | { kind: 'standing' }) => {
    const f = await call(core, 'findings:create', { batchId: batch.id, text, measures: [{ text, leadUnitId: unitId, deadline }] });
    return f.measures[0]!.id;
  };
  // Closed before the period: not assessed in 2026.
  const p2 = await make(poverty.id, 'P2 去年已销号', { kind: 'date', date: '2025-12-31' });
  await closeOn('2025-12-10', p2);
  today = '2026-03-01';
  const f1 = await make(finance.id, 'F1 按期销号', { kind: 'date', date: '2026-05-31' });
  const f2 = await make(finance.id, 'F2 逾期销号', { kind: 'date', date: '2026-04-30' });
  const f3 = await make(finance.id, 'F3 逾期未完成', { kind: 'date', date: '2026-06-30' });
  await make(finance.id, 'F4 未到期', { kind: 'date', date: '2026-12-31' });
  await make(finance.id, 'F5 长期坚持', { kind: 'standing' });
  const p1 = await make(poverty.id, 'P1 待销号', { kind: 'date', date: '2026-06-30' });
  const p3 = await make(poverty.id, 'P3 逾期销号', { kind: 'date', date: '2026-08-31' });
  await closeOn('2026-05-20', f1);
  await closeOn('2026-05-10', f2);
  today = '2026-06-20';
  await call(core, 'measures:transition', { id: p1, action: 'request_close', resultText: '已完成' });
  await closeOn('2026-09-05', p3);
  today = '2026-07-10';
  await call(core, 'notice:create', { measureId: f3, level: 'reminder' });
  today = '2026-08-10';
  await call(core, 'notice:create', { measureId: f3, level: 'supervise' });
  today = '2026-09-30';
  return { finance, poverty };
}

/** The same definitions, written again in plain code over the tables' rows (runs on SQLite and PostgreSQL alike). */
async function independent(from: string, to: string, asOf: string) {
  const rows = await core.db
    .selectFrom('measures as m')
    .innerJoin('units as u', 'u.id', 'm.lead_unit_id')
    .select(['u.id as unitId', 'u.name as unitName', 'm.status', 'm.deadline_kind', 'm.deadline_date', 'm.closed_date', 'm.requested_date', 'm.assigned_date'])
    .execute();
  const open = (st: string) => st === 'not_started' || st === 'in_progress';
  const out = new Map<number, { unitName: string; measures: number; longTerm: number; closedOnTime: number; closedLate: number; openLate: number }>();
  for (const m of rows) {
    // As SQL reads NOT (closed AND closed_date < from): a closed measure without a 销号时间 is left out too.
    if (!(m.assigned_date <= to) || (m.status === 'closed' && (m.closed_date === null || m.closed_date < from))) continue;
    const r = out.get(m.unitId) ?? { unitName: m.unitName, measures: 0, longTerm: 0, closedOnTime: 0, closedLate: 0, openLate: 0 };
    out.set(m.unitId, r);
    const dated = m.deadline_date !== null && m.deadline_kind !== 'standing';
    const closedIn = m.status === 'closed' && m.closed_date !== null && m.closed_date >= from && m.closed_date <= asOf;
    const late = dated && m.closed_date !== null && m.closed_date > m.deadline_date!;
    r.measures++;
    if (m.status === 'standing' || (open(m.status) && m.deadline_kind === 'standing')) r.longTerm++;
    if (closedIn && !late) r.closedOnTime++;
    if (closedIn && late) r.closedLate++;
    if (
      m.deadline_kind !== 'standing' && m.deadline_date !== null && m.deadline_date < asOf &&
      (open(m.status) || (m.status === 'closed' && m.closed_date !== null && m.closed_date > asOf) || (m.status === 'pending' && m.requested_date !== null && m.requested_date > asOf))
    )
      r.openLate++;
  }
  return [...out.values()];
}
const counts = (r: AssessmentRow) => ({ unitName: r.unitName, measures: r.measures, longTerm: r.longTerm, closedOnTime: r.closedOnTime, closedLate: r.closedLate, openLate: r.openLate });
const byName = <T extends Record<string, unknown>>(xs: T[]) => [...xs].sort((a, b) => String(a.unitName).localeCompare(String(b.unitName)));

describe('assessment:table', () => {
  it('puts measures closed on time, closed late, still open and late, 长期坚持 and notices in their columns', async () => {
    await scenario();
    const t = await call(core, 'assessment:table', { from: '2026-01-01', to: '2026-12-31' });
    expect(t).toMatchObject({ from: '2026-01-01', to: '2026-12-31', asOf: '2026-09-30', ranked: false });
    const [finance, poverty] = [t.rows.find((r) => r.unitName === '青山县财政局')!, t.rows.find((r) => r.unitName === '青山县扶贫开发办公室')!];
    expect(finance).toMatchObject({
      measures: 5, longTerm: 1, closedOnTime: 1, closedLate: 1, openLate: 1,
      avgDaysLate: 51, // (10 days F2 + 92 days F3 to 09-30) ÷ 2
      notices: { reminder: 1, supervise: 1, warning: 0 },
      completionRate: 0.5, // 2 ÷ (5 − 1)
      rank: null,
    });
    expect(finance.onTimeRate).toBeCloseTo(1 / 3, 10);
    expect(finance.score).toBe(41.67); // 0.5 × 50 + 0.3333 × 50
    expect(poverty).toMatchObject({ measures: 2, longTerm: 0, closedOnTime: 0, closedLate: 1, openLate: 0, avgDaysLate: 5, completionRate: 0.5, onTimeRate: 0, score: 25 });
    expect(t.total).toMatchObject({ measures: 7, closedOnTime: 1, closedLate: 2, openLate: 1, notices: { reminder: 1, supervise: 1, warning: 0 } });
    expect(byName(t.rows.map(counts))).toEqual(byName((await independent('2026-01-01', '2026-12-31', '2026-09-30')).map((r) => ({ ...r, longTerm: Number(r.longTerm) }))));
    expect(t.formulas.join('\n')).toContain('按期完成率 = 按期销号 ÷（按期销号 + 逾期销号 + 逾期未完成）');
    expect(t.formulas.join('\n')).toContain('得分 = 完成率×50 + 按期完成率×50');

    // A period in the past is judged on its own last day: in June F3 was not yet late, F2 and F1 closed before it.
    const june = await call(core, 'assessment:table', { from: '2026-06-01', to: '2026-06-30' });
    expect(june.asOf).toBe('2026-06-30');
    expect(june.rows.find((r) => r.unitName === '青山县财政局')).toMatchObject({ measures: 3, closedOnTime: 0, closedLate: 0, openLate: 0 });
    expect(june.rows.find((r) => r.unitName === '青山县扶贫开发办公室')).toMatchObject({ measures: 2, openLate: 0, closedLate: 0 });
  });

  it('weights the score as the office sets it, and ranks units only when 设置 turns ranking on', async () => {
    await scenario();
    const s = await call(core, 'settings:get', {});
    await call(core, 'settings:update', { ...s, assessmentWeights: { completionRate: 40, onTimeRate: 60, openLate: 5, reminder: 1, supervise: 2, warning: 3 } });
    let t = await call(core, 'assessment:table', { from: '2026-01-01', to: '2026-12-31' });
    const finance = t.rows.find((r) => r.unitName === '青山县财政局')!;
    expect(finance.score).toBe(Math.round((0.5 * 40 + (1 / 3) * 60 - 5 - 1 - 2) * 100) / 100);
    expect(t.formulas).toContain('得分 = 完成率×40 + 按期完成率×60 − 逾期未完成项数×5 − 提醒份数×1 − 督办份数×2 − 告诫份数×3（完成率、按期完成率以小数计，如 95% 计 0.95；无分母时按 100% 计）');
    expect(t.rows.map((r) => r.rank)).toEqual([null, null]);
    await call(core, 'settings:update', { ...(await call(core, 'settings:get', {})), rankUnits: true });
    t = await call(core, 'assessment:table', { from: '2026-01-01', to: '2026-12-31' });
    expect(t.ranked).toBe(true);
    expect(t.rows.map((r) => [r.unitName, r.rank])).toEqual([['青山县财政局', 1], ['青山县扶贫开发办公室', 2]]); // 32 points before 20
  });

  it('agrees with independent SQL on a seeded ledger, and its 逾期未完成 up to today is the ledger\'s red count', async () => {
    today = '2026-06-15';
    await seedSynthetic(core, { findings: 400, seed: 5 });
    const t = await call(core, 'assessment:table', { from: '2020-01-01', to: '2026-06-15' });
    expect(t.rows.length).toBeGreaterThan(5);
    expect(byName(t.rows.map(counts))).toEqual(byName((await independent('2020-01-01', '2026-06-15', '2026-06-15')).map((r) => ({ ...r, longTerm: Number(r.longTerm) }))));
    expect(t.total.openLate).toBe((await call(core, 'stats:get', {})).bySignal.red);
    for (const [from, to] of [['2026-01-01', '2026-03-31'], ['2025-07-01', '2026-12-31']] as const) {
      const p = await call(core, 'assessment:table', { from, to });
      expect(byName(p.rows.map(counts))).toEqual(byName((await independent(from, to, p.asOf)).map((r) => ({ ...r, longTerm: Number(r.longTerm) }))));
    }
    // Units in name order (pinyin), not ranked.
    const names = t.rows.map((r) => r.unitName);
    expect(names).toEqual([...names].sort(new Intl.Collator('zh-CN').compare));
  });

  it('refuses a period that ends before it begins', async () => {
    expect(await callFails(core, 'assessment:table', { from: '2026-06-01', to: '2026-05-01' })).toMatchObject({ code: 'invalid_input', message: '考核期间的开始日期不能晚于结束日期' });
  });
});

describe('assessment:export', () => {
  it('writes an A4 landscape workbook with the header repeated, the same numbers and the formula under the table', async () => {
    await scenario();
    const t = await call(core, 'assessment:table', { from: '2026-01-01', to: '2026-12-31' });
    const file = await call(core, 'assessment:export', { from: '2026-01-01', to: '2026-12-31' });
    expect(file.fileName).toBe('单位考核表-20260101-20261231.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('单位考核')!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '3:4', fitToWidth: 1 });
    expect(ws.getRow(3).getCell(2).value).toBe('责任单位');
    expect(ws.getRow(4).getCell(10).value).toBe('督办');
    const body = [5, 6].map((r) => ws.getRow(r));
    for (const [i, row] of body.entries()) {
      const r = t.rows[i]!;
      expect([row.getCell(2).value, row.getCell(3).value, row.getCell(5).value, row.getCell(6).value, row.getCell(7).value, row.getCell(8).value, row.getCell(9).value, row.getCell(10).value, row.getCell(12).value, row.getCell(14).value]).toEqual([
        r.unitName, r.measures, r.closedOnTime, r.closedLate, r.openLate, r.avgDaysLate ?? '—', r.notices.reminder, r.notices.supervise, r.completionRate ?? '—', r.score,
      ]);
    }
    expect(ws.getRow(7).getCell(2).value).toBe('合计');
    const texts: string[] = [];
    ws.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
    for (const line of t.formulas) expect(texts).toContain(line);
    // Nothing prints under 9 pt: every font in the used range.
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.font?.size ?? 11, `${cell.address}`).toBeGreaterThanOrEqual(9)));
  });
});
