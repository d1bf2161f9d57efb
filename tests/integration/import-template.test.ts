import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileOut } from '../../shared/contract/common.ts';
import { parseImport } from '../../shared/core/import/parse.ts';
import { blankTemplate } from '../../shared/core/import/template.ts';

/** The blank ledger template: read back with exceljs as Excel would see it, then filled and read by our own importer. */

const HEADERS = ['序号', '问题类别', '反馈问题', '意见建议', '整改目标', '整改措施', '牵头单位', '配合单位', '责任领导', '责任人', '整改时限', '整改进展情况', '整改状态', '销号时间', '备注'];

let file: FileOut;
let wb: ExcelJS.Workbook;
beforeAll(async () => {
  file = await blankTemplate();
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
});

describe('blank ledger template', () => {
  it('is an .xlsx named for the clerk', () => {
    expect(file.fileName).toBe('整改台账空白模板.xlsx');
    expect(file.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('has the title, the 填报单位 line and our header on row 3, frozen below it', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['整改台账', '填写说明']);
    const ws = wb.getWorksheet('整改台账')!;
    expect(ws.getCell('A1').text).toBe('XX民主监督反馈问题整改台账');
    // The title is merged across every column.
    expect(ws.getCell('O1').isMerged).toBe(true);
    expect(ws.getCell('O1').master.address).toBe('A1');
    expect(ws.getCell('A2').text).toMatch(/^填报单位：\s+填报日期：$/);
    const header = ws.getRow(3).values as unknown[];
    expect(header.slice(1)).toEqual(HEADERS);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    // ~2 width units per Chinese character: the text columns are wide, 序号 narrow.
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(30);
    expect(ws.getColumn(1).width).toBeLessThanOrEqual(8);
    for (let c = 1; c <= HEADERS.length; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(HEADERS[c - 1].length * 2);
  });

  it('prints A3 landscape (fifteen columns at a readable size), fitted to the width, with the header repeated', () => {
    const ws = wb.getWorksheet('整改台账')!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 8, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
  });

  it('offers the status list on rows 4–500 of 整改状态 only', () => {
    const ws = wb.getWorksheet('整改台账')!;
    const validations = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    const ranges = Object.keys(validations);
    // exceljs expands a range into one entry per cell on reading.
    expect(ranges).toContain('M4');
    expect(ranges).toContain('M500');
    expect(ranges).not.toContain('M3');
    expect(ranges).not.toContain('M501');
    expect(ranges.every((a) => /^M\d+$/.test(a))).toBe(true);
    expect(validations.M4).toMatchObject({ type: 'list', formulae: ['"未启动,整改中,待销号,已销号,长期坚持"'] });
  });

  it('explains every column in 填写说明', () => {
    const ws = wb.getWorksheet('填写说明')!;
    const lines: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => lines.push(cell.text)));
    const text = lines.join('\n');
    // One column of sentences: nothing there that the importer could take for a second table.
    expect(ws.actualColumnCount).toBe(1);
    for (const h of HEADERS) expect(text).toContain(`${h}：`);
    expect(text).toContain('立行立改');
    expect(text).toContain('长期坚持');
    expect(text).toContain('2026年6月底前');
    expect(text).toContain('顿号“、”');
    expect(text).toContain('未启动、整改中、待销号、已销号、长期坚持');
    expect(text).toMatch(/每条整改措施占一行/);
    expect(text).toContain('反馈问题单元格可逐行重复填写');
    expect(text).toMatch(/合并/);
  });

  it('is read by our own importer once filled in: 3 findings, their units and deadlines', async () => {
    const ws = wb.getWorksheet('整改台账')!;
    const fill = [
      [1, '产业扶贫', '产业项目同质化严重', '因地制宜发展特色产业', '形成特色产业布局', '编制特色产业发展规划', '县农业农村局', '县发改局、县财政局', '张副县长', '李明', new Date(Date.UTC(2026, 5, 30)), '规划已起草', '整改中', null, null],
      [2, '资金使用', '扶贫资金拨付滞后', null, null, '建立资金拨付台账，按月通报', '县财政局', null, '王副县长', '赵强', '立行立改', null, '已销号', new Date(Date.UTC(2026, 2, 15)), null],
      [3, '作风建设', '部分干部帮扶走过场', null, null, '开展帮扶工作专项督查', '县委组织部', '县扶贫办', null, null, '2026年6月底前', null, '未启动', null, '备注一'],
    ];
    fill.forEach((values, i) => {
      const row = ws.getRow(4 + i);
      values.forEach((v, k) => (row.getCell(k + 1).value = v as ExcelJS.CellValue));
    });
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());

    const parsed = parseImport('填好的台账.xlsx', bytes, { defaultYear: 2026 });
    // Only the ledger sheet is a table: the 填写说明 sheet's prose is not read as a second one.
    expect(parsed.sheets.map((s) => [s.name, s.headerRows])).toEqual([['整改台账', [3, 3]]]);
    expect(parsed.findings.map((f) => [f.seq, f.category, f.text, f.suggestion])).toEqual([
      ['1', '产业扶贫', '产业项目同质化严重', '因地制宜发展特色产业'],
      ['2', '资金使用', '扶贫资金拨付滞后', null],
      ['3', '作风建设', '部分干部帮扶走过场', null],
    ]);
    expect(parsed.findings.map((f) => f.measures.map((m) => [m.text, m.leadUnit, m.coUnits, m.leader, m.deadline.kind, m.deadline.date, m.status]))).toEqual([
      [['编制特色产业发展规划', '县农业农村局', ['县发改局', '县财政局'], '张副县长', 'date', '2026-06-30', 'in_progress']],
      [['建立资金拨付台账，按月通报', '县财政局', [], '王副县长', 'immediate', null, 'closed']],
      [['开展帮扶工作专项督查', '县委组织部', ['县扶贫办'], null, 'date', '2026-06-30', 'not_started']],
    ]);
    expect(parsed.findings[1].measures[0].closedDate).toBe('2026-03-15');
    expect(parsed.findings[0].measures[0].progress).toBe('规划已起草');
    expect(parsed.errors).toEqual([]);
  });
});
