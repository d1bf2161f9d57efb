import type ExcelJS from 'exceljs';
import { chineseDate, type IsoDate } from '../../../domain/dates.ts';
import { xmlSafe } from '../../../domain/xml-text.ts';
import type { ReportRow } from '../model.ts';
import type { SheetHost } from './ledger-workbook.ts';
import {
  COMPLETION_RATE_NOTE, ON_TIME_RATE_NOTE, UNIT_COUNT_NOTE, byBatch, byOrganization, byUnit, findingStatusesOf,
  summarizeFindings, summarySentence, type MeasureStats,
} from '../stats.ts';
import { CELL_CENTER, CELL_LEFT, GROUP, HEADER, NOTE, PAGE_FOOTER, PERCENT, TITLE, TOTAL_LEFT, TOTAL_PERCENT, printSetup } from './styles.ts';

export const STATISTICS_SHEET = '统计';
export const STAT_HEADERS = ['序号', '名称', '措施数', '已销号', '待销号', '整改中', '长期坚持', '逾期', '完成率', '按期完成率'] as const;
/** Sized for A4 portrait: fitted to the width, the 10 pt figures print at 9 pt or more. */
const WIDTHS = [6, 26, 8, 8, 8, 8, 9, 7, 9, 11];

/** Per unit, per party and per batch figures (stats.ts defines each), with the definitions printed under them. */
export function addStatisticsSheet(wb: SheetHost, rows: readonly ReportRow[], asOf: IsoDate, title: string): ExcelJS.Worksheet {
  const n = STAT_HEADERS.length;
  const ws = wb.addWorksheet(STATISTICS_SHEET, {
    pageSetup: printSetup('portrait'),
    headerFooter: { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER },
    views: [{ showGridLines: false }],
  });
  ws.columns = WIDTHS.map((width) => ({ width }));

  let at = 1;
  const merged = (text: string, style: Partial<ExcelJS.Style>, height: number) => {
    const row = ws.getRow(at);
    row.getCell(1).value = xmlSafe(text);
    for (let c = 1; c <= n; c++) row.getCell(c).style = style;
    row.height = height;
    ws.mergeCells(at, 1, at, n);
    at++;
  };

  merged(`${title.replace(/台账$/, '')}统计`, TITLE, 32);
  const summary = summarizeFindings(findingStatusesOf(rows));
  const sentence = `截至${chineseDate(asOf)}，${summarySentence(summary)}。共有整改措施${rows.length}条。`;
  merged(sentence, NOTE, noteHeight(sentence));
  at++;

  const section = (heading: string, stats: { groups: MeasureStats[]; total: MeasureStats }) => {
    merged(heading, GROUP, 20);
    const header = ws.getRow(at++);
    STAT_HEADERS.forEach((h, i) => {
      header.getCell(i + 1).value = h;
      header.getCell(i + 1).style = HEADER;
    });
    stats.groups.forEach((s, i) => writeStats(ws.getRow(at++), String(i + 1), s, false));
    writeStats(ws.getRow(at++), '', stats.total, true);
    at++;
  };
  section('一、按牵头单位统计', byUnit(rows));
  section('二、按监督主体统计', byOrganization(rows));
  section('三、按反馈批次统计', byBatch(rows));

  merged('说明：', NOTE, 16);
  for (const note of [UNIT_COUNT_NOTE, COMPLETION_RATE_NOTE, ON_TIME_RATE_NOTE]) merged(note, NOTE, noteHeight(note));
  return ws;
}

/** A note's rows: about 42 characters a line across the sheet at 10 pt, 15 points a line. */
function noteHeight(text: string): number {
  return 15 * Math.ceil(text.length / 42) + 4;
}

function writeStats(row: ExcelJS.Row, seq: string, s: MeasureStats, total: boolean): void {
  const values: (string | number)[] = [
    seq, s.label, s.measures, s.closed, s.pending, s.inProgress, s.standing, s.overdue,
    s.completionRate ?? '—', s.onTimeRate ?? '—',
  ];
  values.forEach((v, i) => {
    const cell = row.getCell(i + 1);
    cell.value = typeof v === 'string' ? xmlSafe(v) : v;
    const rate = i >= 8 && typeof v === 'number';
    cell.style = total ? (rate ? TOTAL_PERCENT : TOTAL_LEFT) : rate ? PERCENT : i === 1 ? CELL_LEFT : CELL_CENTER;
  });
  if (total) row.getCell(2).value = '合计';
  row.height = s.label.length > 12 ? 28 : 18;
}
