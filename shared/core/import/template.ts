import ExcelJS from 'exceljs';
import { PAGE_FOOTER, chooseLandscapePaper, printSetup } from '../reports/xlsx/styles.ts';
import type { FileOut } from '../../contract/common.ts';
import { MEASURE_STATUSES, MEASURE_STATUS_LABEL } from '../../domain/vocabulary.ts';

/**
 * A blank ledger workbook for an office designing a new ledger: title, 填报单位 line, our own header
 * (every word of it one the importer knows), a 填写说明 sheet, a status list on the fill-in rows,
 * A4 landscape with the header repeated on each printed page. What the office fills in reads back
 * through the importer without any mapping.
 */

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FONT = 'SimSun';
const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export const TEMPLATE_TITLE_ROW = 1;
export const TEMPLATE_INFO_ROW = 2;
export const TEMPLATE_HEADER_ROW = 3;
export const TEMPLATE_FIRST_ROW = 4;
/** The status list covers these rows only: a whole-column validation makes reading the file back crawl. */
export const TEMPLATE_LAST_ROW = 500;

/**
 * Header, width (about 2 units per Chinese character, LIBRARY-NOTES) and what the clerk writes there.
 * Fifteen columns do not fit A4 at a readable size: the widths are sized for A3 landscape, where the
 * 10 pt rows print at 9 pt or more (chooseLandscapePaper picks the paper).
 */
export const TEMPLATE_COLUMNS: { header: string; width: number; help: string }[] = [
  { header: '序号', width: 6, help: '问题的序号，如 1、2、3；问题下分小项可写 1.1、1.2。同一问题的多条措施可不重复填写序号。' },
  { header: '问题类别', width: 10, help: '问题所属方面，如“产业扶贫”“资金使用”；也可在问题行之间单独一行写“一、产业扶贫方面”作分类行。' },
  { header: '反馈问题', width: 30, help: '民主党派反馈的问题原文。一个问题有几条整改措施，就写几行：每行一条措施，反馈问题单元格可逐行重复填写，也可合并。' },
  { header: '意见建议', width: 20, help: '反馈意见中针对该问题提出的意见建议（可空）。' },
  { header: '整改目标', width: 16, help: '该问题整改要达到的目标（可空）。' },
  { header: '整改措施', width: 30, help: '一行写一条整改措施。' },
  { header: '牵头单位', width: 12, help: '负责该条措施的牵头单位，写一个单位的全称，如“县财政局”。' },
  { header: '配合单位', width: 14, help: '配合单位，可写多个，用顿号“、”分隔，如“县扶贫办、县民政局”。' },
  { header: '责任领导', width: 8, help: '分管该项整改的责任领导姓名（可带职务）。' },
  { header: '责任人', width: 8, help: '具体负责的责任人姓名。' },
  { header: '整改时限', width: 11, help: '可以填日期（如 2026-06-30），也可以写“立行立改”“长期坚持”或“2026年6月底前”。' },
  { header: '整改进展情况', width: 24, help: '目前的整改进展（可空），导入后记为一条进展。' },
  { header: '整改状态', width: 8, help: `从下拉列表中选择：${MEASURE_STATUSES.map((s) => MEASURE_STATUS_LABEL[s]).join('、')}。` },
  { header: '销号时间', width: 11, help: '已销号的措施填写销号日期，如 2026-06-30。' },
  { header: '备注', width: 12, help: '其他需要说明的情况。' },
];

export async function blankTemplate(): Promise<FileOut> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '整改台账';
  wb.created = new Date();
  addLedgerSheet(wb);
  addHelpSheet(wb);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: '整改台账空白模板.xlsx', base64: buffer.toString('base64'), mime: XLSX_MIME };
}

function addLedgerSheet(wb: ExcelJS.Workbook): void {
  const last = TEMPLATE_COLUMNS.length;
  const ws = wb.addWorksheet('整改台账', {
    // Page setup must be given here for Excel to honour fit-to-width (LIBRARY-NOTES).
    pageSetup: printSetup('landscape', `${TEMPLATE_HEADER_ROW}:${TEMPLATE_HEADER_ROW}`, {
      paper: chooseLandscapePaper(TEMPLATE_COLUMNS.map((c) => c.width), 10).paper,
    }),
    headerFooter: { oddFooter: PAGE_FOOTER },
    views: [{ state: 'frozen', ySplit: TEMPLATE_HEADER_ROW }],
  });
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({ width: c.width }));

  ws.mergeCells(TEMPLATE_TITLE_ROW, 1, TEMPLATE_TITLE_ROW, last);
  const title = ws.getCell(TEMPLATE_TITLE_ROW, 1);
  title.value = 'XX民主监督反馈问题整改台账';
  title.font = { name: FONT, size: 18, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(TEMPLATE_TITLE_ROW).height = 34;

  ws.mergeCells(TEMPLATE_INFO_ROW, 1, TEMPLATE_INFO_ROW, last);
  const info = ws.getCell(TEMPLATE_INFO_ROW, 1);
  info.value = '填报单位：　　　　　　　　　　　　填报日期：';
  info.font = { name: FONT, size: 11 };
  info.alignment = { vertical: 'middle' };
  ws.getRow(TEMPLATE_INFO_ROW).height = 22;

  const header = ws.getRow(TEMPLATE_HEADER_ROW);
  TEMPLATE_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  });
  header.height = 30;

  // A few bordered, wrapping rows to start from; the list below reaches further.
  for (let r = TEMPLATE_FIRST_ROW; r < TEMPLATE_FIRST_ROW + 20; r++) {
    const row = ws.getRow(r);
    for (let k = 1; k <= last; k++) {
      const cell = row.getCell(k);
      cell.border = BORDER;
      cell.font = { name: FONT, size: 10 };
      cell.alignment = { vertical: 'top', wrapText: true };
    }
  }

  const statusLetter = ws.getColumn(TEMPLATE_COLUMNS.findIndex((c) => c.header === '整改状态') + 1).letter;
  const words = MEASURE_STATUSES.map((s) => MEASURE_STATUS_LABEL[s]);
  // dataValidations is missing from exceljs's types (LIBRARY-NOTES).
  (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations.add(
    `${statusLetter}${TEMPLATE_FIRST_ROW}:${statusLetter}${TEMPLATE_LAST_ROW}`,
    {
      type: 'list',
      allowBlank: true,
      formulae: [`"${words.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '整改状态',
      error: `请从下拉列表中选择：${words.join('、')}`,
    },
  );
}

/**
 * One column of sentences, no table: laid out as 列名 | 说明 it would itself look like a ledger
 * header to the importer (and to a clerk's own tools) when the filled template comes back.
 */
function addHelpSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('填写说明', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 100 }];
  const put = (r: number, value: ExcelJS.CellValue, opts: { size?: number; bold?: boolean; height?: number } = {}) => {
    const cell = ws.getCell(r, 1);
    cell.value = value;
    cell.font = { name: FONT, size: opts.size ?? 11, bold: opts.bold };
    cell.alignment = { wrapText: true, vertical: 'middle' };
    if (opts.height) ws.getRow(r).height = opts.height;
  };
  let r = 1;
  put(r++, '整改台账填写说明', { size: 16, bold: true, height: 30 });
  const general = [
    '一、每条整改措施占一行：一个反馈问题有几条措施就写几行，反馈问题单元格可逐行重复填写，也可上下合并。',
    '二、请勿修改“整改台账”表第 3 行的列名，也不要在列名行上方插入行；标题和“填报单位”行可以改写内容。',
    '三、反馈问题尚未分解整改措施的，整改措施及以后各列可以先空着，导入后在台账中分解。',
    '四、各列怎么填：',
  ];
  for (const line of general) put(r++, line, { height: line.length > 50 ? 32 : 20 });
  for (const c of TEMPLATE_COLUMNS) {
    put(r++, { richText: [{ text: `${c.header}：`, font: { name: FONT, size: 11, bold: true } }, { text: c.help, font: { name: FONT, size: 11 } }] }, {
      height: c.help.length > 45 ? 32 : 20,
    });
  }
}
