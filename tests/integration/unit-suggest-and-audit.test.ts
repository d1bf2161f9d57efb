import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { call, makeBatch, tempLedger, upload } from '../fixtures/import/env.ts';

/**
 * Issue 7 through the app's own channels on a real SQLite file: an imported near-duplicate unit is
 * proposed as the existing one (and committing with it creates none), units count the measures they
 * co-operate on, and the 操作日志 reads as a clerk would say it.
 */

let env: Awaited<ReturnType<typeof tempLedger>>;
let core: Core;
let batchId: number;
beforeEach(async () => {
  env = await tempLedger();
  core = env.core;
  batchId = await makeBatch(core);
});
afterEach(() => env.dispose());

async function sheet(name: string, rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['序号', '反馈问题', '整改措施', '牵头单位', '配合单位', '整改时限']);
  for (const r of rows) ws.addRow(r);
  const file = path.join(env.dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const unit = (name: string) => call(core, 'units:save', { name, contactPerson: null, contactPhone: null, aliases: [] });

describe('near-duplicate units in an import', () => {
  it('proposes 县卫生健康局 for 青山县卫生健康局 and 县发改局 for 县发展改革局; a sub-unit is new', async () => {
    const health = await unit('县卫生健康局');
    const ndrc = await unit('县发改局');
    await unit('县财政局');
    const file = await sheet('反馈问题台账.xlsx', [
      [1, '医疗救助政策落实不到位', '开展医疗救助政策排查', '青山县卫生健康局', '县发展改革局', '2021年12月31日'],
      [2, '扶贫资金拨付滞后', '建立资金拨付台账', '县财政局国库支付中心', '', '2021年12月31日'],
    ]);
    const preview = await call(core, 'import:preview', { file: upload(file), batchId });
    const byName = Object.fromEntries(preview.units.map((u) => [u.name, u]));
    expect(byName['青山县卫生健康局']).toMatchObject({ existing: null, suggested: { id: health.id, name: '县卫生健康局', reason: '去掉“青山县”后与已有单位相同' } });
    expect(byName['县发展改革局'].suggested).toMatchObject({ id: ndrc.id, reason: '“发改局”是“发展改革局”的简称' });
    expect(byName['县财政局国库支付中心']).toMatchObject({ existing: null, suggested: null });

    // Committing with the proposals (as the page sends them) adds only the sub-unit; the names become aliases.
    const unitsBefore = (await call(core, 'units:list', {})).length;
    await call(core, 'import:commit', {
      file: upload(file),
      batchId,
      unitMap: { 青山县卫生健康局: health.id, 县发展改革局: ndrc.id },
      newUnits: ['县财政局国库支付中心'],
    });
    const units = await call(core, 'units:list', {});
    expect(units).toHaveLength(unitsBefore + 1);
    const h = units.find((u) => u.id === health.id)!;
    expect(h.aliases).toContain('青山县卫生健康局');
    // Units count what they lead and what they co-operate on.
    expect(h).toMatchObject({ measureCount: 1, coMeasureCount: 0 });
    expect(units.find((u) => u.id === ndrc.id)).toMatchObject({ measureCount: 0, coMeasureCount: 1, aliases: ['县发展改革局'] });

    // The import reads as one entry in words.
    const log = await call(core, 'audit:list', { limit: 20 });
    const imported = log.find((e) => e.action === 'import')!;
    expect(imported.words.action).toBe('导入');
    expect(imported.words.changes[0]).toBe('导入《反馈问题台账.xlsx》：新增反馈问题 2 个、整改措施 2 项、新建责任单位 1 个');
    expect(imported.words.object).toBe('反馈批次：民革市委 统战〔2021〕5号');
  });
});

describe('操作日志 in words', () => {
  it('a measure’s deadline and unit edited, then transitioned', async () => {
    const finance = await unit('县财政局');
    const audit = await unit('县审计局');
    const finding = await call(core, 'findings:create', {
      batchId,
      seq: '3',
      text: '扶贫资金拨付滞后',
      category: null, suggestion: null, target: null, note: null,
      measures: [{ text: '建立资金拨付台账', leadUnitId: finance.id, coUnitIds: [], leader: null, person: null, deadline: { kind: 'date', date: '2026-06-30', text: null } }],
    });
    const m = finding.measures[0];
    await call(core, 'measures:update', {
      id: m.id,
      version: m.version,
      text: m.text,
      leadUnitId: audit.id,
      coUnitIds: [],
      leader: null,
      person: null,
      deadline: { kind: 'date', date: '2026-09-30', text: null },
    });
    await call(core, 'measures:transition', { id: m.id, action: 'start', date: '2021-11-20', files: [] });
    await call(core, 'findings:update', { id: finding.id, seq: '3', text: '扶贫资金拨付严重滞后', category: null, suggestion: null, target: null, note: null });

    const [findingEdit, started, edited, created] = await call(core, 'audit:list', { limit: 4 });
    expect(edited.words).toEqual({
      action: '修改',
      object: '整改措施：建立资金拨付台账（县审计局）',
      changes: ['牵头单位：县财政局 → 县审计局', '整改时限：2026年6月30日 → 2026年9月30日'],
    });
    expect(started.words.action).toBe('办理（开始整改）');
    expect(started.words.changes).toContain('状态：未启动 → 整改中');
    expect(findingEdit.words).toEqual({
      action: '修改',
      object: '反馈问题 3：扶贫资金拨付严重滞后',
      changes: ['反馈问题：扶贫资金拨付滞后 → 扶贫资金拨付严重滞后'],
    });
    expect(created.words).toMatchObject({ action: '新增', object: '整改措施：建立资金拨付台账（县审计局）' });
    expect(created.words.changes).toEqual(['牵头单位：县财政局', '整改时限：2026年6月30日']);
    // The raw record stays for support.
    expect(edited.after).toMatchObject({ leadUnitId: audit.id });
  });
});
