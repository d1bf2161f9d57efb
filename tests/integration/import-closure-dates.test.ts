import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { statusFromWords } from '../../shared/core/import/values/status-words.ts';
import { ON_TIME_RATE_NOTE } from '../../shared/core/reports/stats.ts';
import { LEDGER_COLUMNS } from '../../shared/contract/reports.ts';
import { call, makeBatch, tempLedger, TODAY } from '../fixtures/import/env.ts';
import { zipEntry } from './report-fixtures.ts';

/**
 * Figures that do not mislead, from an imported ledger: an imported 已销号 keeps the 销号时间 its
 * file gives, or has none (never the import day); the on-time rate counts only what has both
 * dates; 待销号 is never 已销号; and no note of the importer's own reaches a printed document.
 */

let env: Awaited<ReturnType<typeof tempLedger>>;
let core: Core;
let batchId: number;

const ROWS = [
  // 序号, 反馈问题, 整改措施, 责任单位, 整改时限, 整改状态, 销号时间, 整改进展情况
  ['1', '扶贫资金拨付滞后', '清理结转结余资金', '县财政局', '2021-06-30', '已销号', '2021-06-20', '已完成资金清理并全部拨付'],
  ['2', '项目资产管理不规范', '建立项目资产台账', '县财政局', '2021-06-30', '已销号', '', ''],
  ['3', '产业项目带贫效果不明显', '完善带贫益贫机制', '县农业农村局', '2021-05-31', '已销号', '2021-07-15', ''],
  ['4', '技能培训针对性不强', '开展订单式培训', '县农业农村局', '2021-12-31', '待销号', '', '已完成三期培训，申请销号'],
  ['5', '帮扶干部作风不实', '开展作风专项整治', '县财政局', '2021-12-31', '完成整改，待销号', '', ''],
  ['6', '易地搬迁后续扶持不足', '落实后续扶持措施', '县财政局', '2021-06-30', '正在整改', '', '已制定方案'],
];

async function ledgerFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('整改台账');
  ws.addRow(['序号', '反馈问题', '整改措施', '责任单位', '整改时限', '整改状态', '销号时间', '整改进展情况']);
  for (const r of ROWS) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  env = await tempLedger();
  core = env.core;
  await call(core, 'settings:update', { ...(await call(core, 'settings:get', {})), officeName: '中共清河县委统战部' });
  batchId = await makeBatch(core);
  const file = { name: '整改台账.xlsx', base64: (await ledgerFile()).toString('base64') };
  const preview = await call(core, 'import:preview', { file, batchId });
  await call(core, 'import:commit', { file, batchId, newUnits: preview.units.map((u) => u.name) });
});
afterAll(() => env.dispose());

function measure(text: string) {
  return core.db.selectFrom('measures').select(['status', 'closed_date', 'result_text']).where('text', '=', text).executeTakeFirstOrThrow();
}

describe('an imported ledger', () => {
  it('keeps the 销号时间 the file gives, or none — never the import day', async () => {
    expect(await measure('清理结转结余资金')).toMatchObject({ status: 'closed', closed_date: '2021-06-20' });
    expect(await measure('建立项目资产台账')).toMatchObject({ status: 'closed', closed_date: null });
    expect(await measure('完善带贫益贫机制')).toMatchObject({ status: 'closed', closed_date: '2021-07-15' });
    const importDay = await core.db.selectFrom('measures').select((eb) => eb.fn.countAll<number>().as('n')).where('closed_date', '=', TODAY).executeTakeFirstOrThrow();
    expect(Number(importDay.n)).toBe(0);
  });

  it('reads 待销号 as awaiting verification, never as 已销号', async () => {
    expect((await measure('开展订单式培训')).status).toBe('pending');
    expect((await measure('开展作风专项整治')).status).toBe('pending');
    for (const word of ['待销号', '完成整改，待销号', '已完成，申请销号', '拟销号', '待验收']) expect(statusFromWords(word), word).toBe('pending');
    for (const word of ['未销号', '暂不销号']) expect(statusFromWords(word), word).toBe('in_progress');
    expect(statusFromWords('已销号')).toBe('closed');
  });

  it('writes only the file\'s own words into 整改结果, and keeps where a status came from in the audit log', async () => {
    expect((await measure('清理结转结余资金')).result_text).toBe('已完成资金清理并全部拨付');
    expect((await measure('建立项目资产台账')).result_text).toBeNull();
    const printed = await core.db.selectFrom('measures').select((eb) => eb.fn.countAll<number>().as('n')).where('result_text', 'like', '%导入时%').executeTakeFirstOrThrow();
    expect(Number(printed.n)).toBe(0);
    const audit = (await core.db.selectFrom('audit_log').select('after_json').where('action', '=', 'import').where('entity', '=', 'finding').execute()).map((r) => r.after_json);
    expect(audit.join('\n')).toContain('已销号（文件未写销号时间）');
    expect(audit.join('\n')).toContain('已销号（销号时间2021-06-20）');
  });

  it('counts 待销号 apart from 已销号, and the on-time rate only over measures with both dates (and the overdue)', async () => {
    const summary = await call(core, 'report:summary', { filter: { batchId } });
    expect(summary.findings).toMatchObject({ total: 6, completed: 3, continuing: 2, notDone: 1 });
    // On time: 资金 (06-20 ≤ 06-30). Late: 带贫 (07-15 > 05-31) and the overdue 搬迁. 资产台账 has no 销号时间: left out.
    expect(summary.total).toMatchObject({ closed: 3, pending: 2, overdue: 1, onTimeClosed: 1, onTimeBase: 3 });
    expect(summary.total.onTimeRate).toBeCloseTo(1 / 3, 12);
  });

  it('prints no importer note, no invented 销号时间, and says how the on-time rate is counted', async () => {
    const file = await call(core, 'report:ledger-xlsx', { filter: { batchId }, columns: [...LEDGER_COLUMNS], groupBy: 'none' });
    const bytes = Buffer.from(file.base64, 'base64');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    const ws = wb.getWorksheet('整改台账')!;
    const headers = (ws.getRow(3).values as unknown[]).slice(1);
    const closedAt = headers.indexOf('销号时间') + 1;
    const measureAt = headers.indexOf('整改措施') + 1;
    const closedDates = new Map<string, string>();
    ws.eachRow((row, i) => {
      if (i > 3) closedDates.set(row.getCell(measureAt).text, row.getCell(closedAt).text);
    });
    expect(closedDates.get('清理结转结余资金')).toBe('2021-06-20');
    expect(closedDates.get('建立项目资产台账')).toBe('');
    const sheetText = zipEntry(bytes, 'xl/sharedStrings.xml');
    expect(sheetText).not.toContain('导入时');
    expect(sheetText).not.toContain('记载为');
    const stats = wb.getWorksheet('统计')!.getSheetValues().flat().join('\n');
    expect(stats).toContain(ON_TIME_RATE_NOTE);
    expect(ON_TIME_RATE_NOTE).toContain('已销号但无销号时间');

    const letter = await call(core, 'report:reply-letter', { batchId });
    const letterText = zipEntry(Buffer.from(letter.base64, 'base64'), 'word/document.xml');
    expect(letterText).not.toContain('导入时');
    expect(letterText).toContain('完成整改3个');

    const sheets = await call(core, 'unitSheets:export', { singleFile: true });
    const sheetsText = zipEntry(Buffer.from(sheets.files[0].base64, 'base64'), 'xl/sharedStrings.xml');
    expect(sheetsText).not.toContain('导入时');
  });
});
