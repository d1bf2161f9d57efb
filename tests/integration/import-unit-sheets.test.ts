import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { useFixtureFiles } from '../fixtures/import/use-fixture-files.ts';
import { call, callError, makeBatch, tableCounts, tempLedger, upload } from '../fixtures/import/env.ts';

/** The round trip with units: fill-in workbooks out, filled in as a unit would, read back and merged. */

const files = useFixtureFiles();

let env: Awaited<ReturnType<typeof tempLedger>>;
let core: Core;
beforeEach(async () => {
  env = await tempLedger();
  core = env.core;
  const batchId = await makeBatch(core);
  const file = upload(files['02-two-row-header.xlsx']);
  const preview = await call(core, 'import:preview', { file, batchId });
  await call(core, 'import:commit', { file, batchId, newUnits: preview.units.map((u) => u.name) });
});
afterEach(() => env.dispose());

const fromBase64 = (b64: string) => Buffer.from(b64, 'base64');

async function load(b64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fromBase64(b64) as never);
  return wb;
}

async function save(wb: ExcelJS.Workbook, name: string) {
  return { name, base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

/** The data row of a measure on a unit's sheet, by its visible text. */
function rowOf(ws: ExcelJS.Worksheet, measureText: string): ExcelJS.Row {
  for (let r = 4; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(3).text === measureText) return ws.getRow(r);
  throw new Error(`no row for ${measureText}`);
}

describe('unit fill-in sheets', () => {
  it('writes one printable, locked workbook per unit with its open measures', async () => {
    const out = await call(core, 'unitSheets:export', {});
    // Open measures (not closed, not pending) by lead unit: 县商务局, 县扶贫办, 县财政局 (standing).
    expect(out.files.map((f) => f.fileName).sort()).toEqual(
      ['县商务局', '县扶贫办', '县财政局'].map((u) => `${u}-整改进展填报表-2021-11-20.xlsx`).sort(),
    );
    const wb = await load(out.files.find((f) => f.fileName.startsWith('县商务局'))!.base64);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').text).toBe('县商务局整改措施进展填报表');
    expect(ws.getRow(3).values).toEqual([undefined, '序号', '反馈问题', '整改措施', '整改时限', '当前状态', '最近进展', '本期进展', '完成情况', '状态', '数据库标识', '措施编号', '校验码']);
    const row = ws.getRow(4);
    expect(row.getCell(3).text).toBe('建立产销对接机制');
    expect(row.getCell(6).text).toContain('已对接3家企业');
    // Locked except the three fill-in columns; identifier columns hidden; sheet protected.
    expect(row.getCell(2).protection?.locked).not.toBe(false);
    expect([7, 8, 9].map((c) => row.getCell(c).protection?.locked)).toEqual([false, false, false]);
    expect([10, 11, 12].map((c) => ws.getColumn(c).hidden)).toEqual([true, true, true]);
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    // A drop-down on the 状态 cells that exist, not the whole column.
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    expect(Object.keys(dv)).toEqual(['I4']);
    expect(dv.I4).toMatchObject({ type: 'list', formulae: ['"正在整改,已完成,长期坚持"'] });
    // Printable: A4 landscape, fitted to width, header row repeated.
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
  });

  it('one file with a sheet per unit when the clerk chooses it', async () => {
    const out = await call(core, 'unitSheets:export', { singleFile: true });
    expect(out.files).toHaveLength(1);
    const wb = await load(out.files[0].base64);
    expect(wb.worksheets.map((w) => w.name).sort()).toEqual(['县商务局', '县扶贫办', '县财政局'].sort());
  });

  it('reads two returned files, shows old → new, and merges through the workflow in one go', async () => {
    const out = await call(core, 'unitSheets:export', {});
    const shang = await load(out.files.find((f) => f.fileName.startsWith('县商务局'))!.base64);
    rowOf(shang.worksheets[0], '建立产销对接机制').getCell(7).value = '已与5家企业签订产销协议';
    rowOf(shang.worksheets[0], '建立产销对接机制').getCell(8).value = '产销对接机制已建立';
    rowOf(shang.worksheets[0], '建立产销对接机制').getCell(9).value = '已完成';
    const fupin = await load(out.files.find((f) => f.fileName.startsWith('县扶贫办'))!.base64);
    rowOf(fupin.worksheets[0], '制定扶贫项目资产管理办法').getCell(7).value = '办法已起草，正在征求意见';
    rowOf(fupin.worksheets[0], '制定扶贫项目资产管理办法').getCell(9).value = '正在整改';
    const returned = [await save(shang, '县商务局-交回.xlsx'), await save(fupin, '县扶贫办-交回.xlsx')];

    const before = await tableCounts(core);
    const preview = await call(core, 'unitSheets:preview', { files: returned });
    expect(await tableCounts(core)).toEqual(before);
    expect(preview.problems).toEqual([]);
    expect(preview.changes.map((c) => [c.unit, c.measureText, c.progress?.new, c.status && [c.status.old, c.status.new]])).toEqual([
      ['县商务局', '建立产销对接机制', '已与5家企业签订产销协议', ['in_progress', 'pending']],
      ['县扶贫办', '制定扶贫项目资产管理办法', '办法已起草，正在征求意见', ['not_started', 'in_progress']],
    ]);
    expect(preview.changes[0].progress?.old).toContain('已对接3家企业');

    const result = await call(core, 'unitSheets:commit', { files: returned });
    expect(result).toMatchObject({ progressAdded: 2, statusChanged: 1, measures: 2 });
    const rows = (await call(core, 'ledger:query', { filter: {}, pageSize: 50 })).rows;
    const shangRow = rows.find((r) => r.measureText === '建立产销对接机制')!;
    expect(shangRow).toMatchObject({ status: 'pending', lastProgressText: '已与5家企业签订产销协议' });
    const detail = await call(core, 'findings:get', { id: shangRow.findingId });
    expect(detail.measures.find((m) => m.id === shangRow.measureId)!.resultText).toBe('产销对接机制已建立');
    expect(rows.find((r) => r.measureText === '制定扶贫项目资产管理办法')!.status).toBe('in_progress');
  });

  it('reports, and does not merge, a file from another database, an edited identifier and a changed locked cell', async () => {
    const out = await call(core, 'unitSheets:export', {});
    const b64 = out.files.find((f) => f.fileName.startsWith('县商务局'))!.base64;

    const foreign = await load(b64);
    rowOf(foreign.worksheets[0], '建立产销对接机制').getCell(10).value = '00000000-0000-4000-8000-000000000000';
    rowOf(foreign.worksheets[0], '建立产销对接机制').getCell(7).value = '进展';

    const editedId = await load(b64);
    const idRow = rowOf(editedId.worksheets[0], '建立产销对接机制');
    idRow.getCell(11).value = Number(idRow.getCell(11).value) + 1;
    idRow.getCell(7).value = '进展';

    const editedLocked = await load(b64);
    const lockedRow = rowOf(editedLocked.worksheets[0], '建立产销对接机制');
    lockedRow.getCell(4).value = '2022-12-31';
    lockedRow.getCell(7).value = '进展';

    const returned = [await save(foreign, '别的台账.xlsx'), await save(editedId, '改了编号.xlsx'), await save(editedLocked, '改了时限.xlsx')];
    const preview = await call(core, 'unitSheets:preview', { files: returned });
    expect(preview.changes).toEqual([]);
    expect(preview.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/文件“别的台账.xlsx”工作表“县商务局”：来自另一个台账数据库/),
      expect.stringMatching(/文件“改了编号.xlsx”工作表“县商务局”第 4 行：隐藏的标识或校验码被改动/),
      expect.stringMatching(/文件“改了时限.xlsx”工作表“县商务局”第 4 行：锁定单元格被改动（D 列“整改时限”）/),
    ]);
    const before = await tableCounts(core);
    const err = await callError(core, 'unitSheets:commit', { files: returned });
    expect(err.message).toContain('没有可合并的变更');
    expect(await tableCounts(core)).toEqual(before);
  });
});
