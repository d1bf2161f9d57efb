import ExcelJS from 'exceljs';
import type { AssessmentRow, AssessmentTable } from '../../contract/assessment.ts';
import { chineseDate } from '../../domain/dates.ts';
import { xmlSafe } from '../../domain/xml-text.ts';
import { CAPTION_LEFT, CAPTION_RIGHT, CELL_CENTER, CELL_LEFT, HEADER, NOTE, PAGE_FOOTER, PERCENT, TITLE, TOTAL_LEFT, TOTAL_PERCENT, rowHeight } from '../reports/xlsx/styles.ts';

/**
 * 单位考核表 as a workbook to print: A4 landscape at a scale that keeps body text at 10 pt × scale
 * (≥ 9 pt), the two header rows repeated on every page, the definitions and the score formula
 * under the table, page numbers in the footer.
 */
export const ASSESSMENT_SHEET = '单位考核';
const NUMBER_HEADERS = ['措施数', '长期坚持', '按期销号', '逾期销号', '逾期未完成', '平均逾期天数'] as const;
const NOTICE_HEADERS = ['提醒', '督办', '告诫'] as const;
const RATE_HEADERS = ['完成率', '按期完成率', '得分'] as const;
const HEADER_ROW = 3;

export function assessmentColumns(ranked: boolean): string[] {
  return ['序号', '责任单位', ...NUMBER_HEADERS, ...NOTICE_HEADERS.map((h) => `收到通知单·${h}`), ...RATE_HEADERS, ...(ranked ? ['名次'] : [])];
}

export async function assessmentWorkbook(t: AssessmentTable, officeName: string): Promise<Buffer> {
  const widths = [6, 30, 8, 9, 9, 9, 10, 11, 6, 6, 6, 10, 11, 8, ...(t.ranked ? [6] : [])];
  const n = widths.length;
  const wb = new ExcelJS.Workbook();
  wb.creator = '整改台账';
  const ws = wb.addWorksheet(ASSESSMENT_SHEET, {
    // Passed here, not set later: exceljs works fitToPage out only from addWorksheet's page setup.
    // The columns fit A4 landscape at 100%, so fitting to the width never shrinks the 10 pt body.
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW + 1}`,
    },
    headerFooter: { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER },
    views: [{ state: 'frozen', ySplit: HEADER_ROW + 1, showGridLines: false }],
  });
  ws.columns = widths.map((width) => ({ width }));

  const merged = (at: number, text: string, style: Partial<ExcelJS.Style>, height: number, from = 1, to = n) => {
    const row = ws.getRow(at);
    row.getCell(from).value = xmlSafe(text);
    for (let c = from; c <= to; c++) row.getCell(c).style = style;
    row.height = height;
    ws.mergeCells(at, from, at, to);
  };
  merged(1, `${officeName ? `${officeName}` : ''}民主监督反馈问题整改单位考核表`, TITLE, 34);
  merged(2, `考核期间：${chineseDate(t.from)}至${chineseDate(t.to)}`, CAPTION_LEFT, 20, 1, Math.floor(n / 2));
  merged(2, `统计截至：${chineseDate(t.asOf)}`, CAPTION_RIGHT, 20, Math.floor(n / 2) + 1, n);

  // Two header rows: 收到通知单 over 提醒 / 督办 / 告诫; every other heading spans both.
  const top = ws.getRow(HEADER_ROW);
  const sub = ws.getRow(HEADER_ROW + 1);
  const heads = ['序号', '责任单位', ...NUMBER_HEADERS, null, null, null, ...RATE_HEADERS, ...(t.ranked ? ['名次'] : [])];
  heads.forEach((h, i) => {
    const c = i + 1;
    top.getCell(c).style = HEADER;
    sub.getCell(c).style = HEADER;
    if (h !== null) {
      top.getCell(c).value = h;
      ws.mergeCells(HEADER_ROW, c, HEADER_ROW + 1, c);
    }
  });
  const noticeCol = 3 + NUMBER_HEADERS.length;
  top.getCell(noticeCol).value = '收到通知单（份）';
  ws.mergeCells(HEADER_ROW, noticeCol, HEADER_ROW, noticeCol + 2);
  NOTICE_HEADERS.forEach((h, i) => (sub.getCell(noticeCol + i).value = h));
  top.height = 20;
  sub.height = 20;

  let at = HEADER_ROW + 2;
  const write = (label: string, r: Omit<AssessmentRow, 'unitId' | 'unitName' | 'rank' | 'score'> & { score: number | null; rank?: number | null }, name: string, total: boolean) => {
    const row = ws.getRow(at++);
    const values: (string | number | null)[] = [
      label, name, r.measures, r.longTerm, r.closedOnTime, r.closedLate, r.openLate, r.avgDaysLate,
      r.notices.reminder, r.notices.supervise, r.notices.warning, r.completionRate, r.onTimeRate, r.score,
      ...(t.ranked ? [r.rank ?? null] : []),
    ];
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v === null ? '—' : v;
      const rate = i === 11 || i === 12;
      cell.style = rate && v !== null ? (total ? TOTAL_PERCENT : PERCENT) : total ? TOTAL_LEFT : i === 1 ? CELL_LEFT : CELL_CENTER;
      // 平均逾期天数 and 得分 with two decimals, so a column reads evenly (50.00 beside 45.56).
      if ((i === 7 || i === 13) && typeof v === 'number') cell.style = { ...cell.style, numFmt: '0.00' };
    });
    row.height = rowHeight([label, name], widths.slice(0, 2), 13.5);
  };
  t.rows.forEach((r, i) => write(String(i + 1), r, r.unitName, false));
  write('', t.total, '合计', true);

  at++;
  merged(at++, '说明：', NOTE, 16);
  t.formulas.forEach((line) => merged(at++, line, NOTE, rowHeight([line], [widths.reduce((s, w) => s + w, 0)], 12) + 2));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
