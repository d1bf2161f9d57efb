import ExcelJS from 'exceljs';
import {
  ACTIVITY_KIND_LABEL, BRIEFING_KIND_LABEL, SATISFACTION_LABEL, SUPERVISION_KINDS, SUPPORT_KINDS, SUPERVISOR_KIND_LABEL, SUPERVISOR_STATUS_LABEL,
  WINDOW_LEVEL_LABEL, BRIEFING_KINDS, SATISFACTION_GRADES, WINDOW_LEVELS,
  type SupervisionStatsDto, type SupervisionStatsRow, type SupervisorDetailDto,
} from '../../contract/supervision.ts';
import type { FileOut } from '../../contract/common.ts';
import { chineseDate } from '../../domain/dates.ts';
import { xmlSafe } from '../../domain/xml-text.ts';
import { body, gbSection, GbDocument, signature, title } from '../reports/docx/blocks.ts';
import { docxFile, xlsxFile } from '../reports/files.ts';
import { CELL_CENTER, CELL_LEFT, HEADER, NOTE, PAGE_FOOTER, PERCENT, TITLE, TOTAL_LEFT, TOTAL_PERCENT, printSetup } from '../reports/xlsx/styles.ts';

/** 监督统计 as an A4 landscape sheet, the paragraph as a GB/T 9704 Word page, the 特邀监督员 register as a sheet. */

interface Column {
  group: string;
  head: string;
  width: number;
  value: (r: SupervisionStatsRow) => number | string | null;
  percent?: boolean;
}

const COLUMNS: Column[] = [
  { group: '党派', head: '党派', width: 20, value: (r) => r.organizationName },
  ...SUPERVISION_KINDS.map((k): Column => ({ group: '监督活动（次）', head: ACTIVITY_KIND_LABEL[k], width: 6, value: (r) => r.activities[k] })),
  { group: '参与人次', head: '参与人次', width: 7, value: (r) => r.participants },
  { group: '报告或意见（篇次）', head: '报告或意见（篇次）', width: 9, value: (r) => r.reports },
  ...SUPPORT_KINDS.map((k): Column => ({ group: '统战部配合（次）', head: ACTIVITY_KIND_LABEL[k], width: k === 'invitation' ? 10 : 6, value: (r) => r.activities[k] })),
  { group: '监督员（名）', head: '特邀监督员', width: 7, value: (r) => r.supervisors.supervisor },
  { group: '监督员（名）', head: '扶贫调查员', width: 7, value: (r) => r.supervisors.investigator },
  ...WINDOW_LEVELS.map((l): Column => ({ group: '观察窗口（个）', head: WINDOW_LEVEL_LABEL[l], width: 6, value: (r) => r.windows[l] })),
  { group: '观察户数', head: '观察户数', width: 7, value: (r) => r.households },
  ...BRIEFING_KINDS.map((k): Column => ({ group: '通报（次）', head: BRIEFING_KIND_LABEL[k], width: 6, value: (r) => r.briefings[k] })),
  { group: '反馈批次', head: '反馈批次', width: 6, value: (r) => r.batches },
  { group: '反馈问题', head: '反馈问题', width: 6, value: (r) => r.findings },
  { group: '完成整改', head: '完成整改', width: 6, value: (r) => r.closedFindings },
  { group: '完成率', head: '完成率', width: 8, value: (r) => r.completionRate, percent: true },
  ...SATISFACTION_GRADES.map((g): Column => ({ group: '满意度（批）', head: SATISFACTION_LABEL[g], width: 6, value: (r) => r.satisfaction[g] })),
];

export async function statsWorkbook(stats: SupervisionStatsDto, office: string): Promise<FileOut> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '整改台账';
  const n = COLUMNS.length;
  const ws = wb.addWorksheet('监督统计', {
    pageSetup: printSetup('landscape', '2:3'),
    headerFooter: { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER },
    views: [{ showGridLines: false, state: 'frozen', ySplit: 3, xSplit: 1 }],
  });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  const titleRow = ws.getRow(1);
  titleRow.getCell(1).value = xmlSafe(`${office}${stats.year}年民主监督工作统计表`);
  titleRow.height = 30;
  for (let c = 1; c <= n; c++) titleRow.getCell(c).style = TITLE;
  ws.mergeCells(1, 1, 1, n);

  // Two header rows: a group over its columns, a single column spanning both rows.
  const [g, h] = [ws.getRow(2), ws.getRow(3)];
  g.height = 22;
  h.height = 44;
  let c = 1;
  while (c <= n) {
    const group = COLUMNS[c - 1].group;
    let end = c;
    while (end < n && COLUMNS[end].group === group) end++;
    for (let i = c; i <= end; i++) {
      g.getCell(i).value = group;
      h.getCell(i).value = COLUMNS[i - 1].head;
      g.getCell(i).style = HEADER;
      h.getCell(i).style = HEADER;
    }
    if (end > c) ws.mergeCells(2, c, 2, end);
    else ws.mergeCells(2, c, 3, c);
    c = end + 1;
  }

  let at = 4;
  for (const r of [...stats.rows, stats.total]) {
    const row = ws.getRow(at++);
    const isTotal = r === stats.total;
    COLUMNS.forEach((col, i) => {
      const cell = row.getCell(i + 1);
      cell.value = col.value(r) ?? '—';
      cell.style = col.percent ? (isTotal ? TOTAL_PERCENT : PERCENT) : isTotal ? TOTAL_LEFT : i === 0 ? CELL_LEFT : CELL_CENTER;
    });
    row.height = 20;
  }
  at++;
  const note = ws.getRow(at);
  note.getCell(1).value = xmlSafe(`说明：${stats.paragraph}`);
  for (let i = 1; i <= n; i++) note.getCell(i).style = NOTE;
  note.height = Math.max(30, Math.ceil(stats.paragraph.length / 90) * 14);
  ws.mergeCells(at, 1, at, n);
  const defs = ws.getRow(at + 1);
  defs.getCell(1).value =
    '口径：监督活动、参与人次、报告或意见按活动日期计入当年，参与人次和报告只计党派的监督活动；监督员为当年在任过的；观察窗口为当年年底前设立的；反馈批次按收文日期；完成整改为已销号的问题；满意度按评价日期。';
  for (let i = 1; i <= n; i++) defs.getCell(i).style = NOTE;
  defs.height = 30;
  ws.mergeCells(at + 1, 1, at + 1, n);
  return xlsxFile(`${stats.year}年民主监督工作统计.xlsx`, Buffer.from(await wb.xlsx.writeBuffer()));
}

export async function paragraphDocument(stats: SupervisionStatsDto, office: string, today: string): Promise<FileOut> {
  const doc = new GbDocument();
  const heading = `${stats.year}年协助各民主党派开展民主监督工作情况`;
  const bytes = await doc.pack([gbSection([...title(heading), body(stats.paragraph), ...signature(office, chineseDate(today))])], { title: heading, creator: office || '整改台账' });
  return docxFile(`${stats.year}年民主监督工作情况.docx`, bytes);
}

const SUPERVISOR_HEADERS = ['序号', '类别', '姓名', '党派', '工作单位', '聘任日期', '任期届满', '状态'];

export async function supervisorsWorkbook(list: readonly SupervisorDetailDto[], includeContact: boolean, office: string): Promise<FileOut> {
  const headers = includeContact ? [...SUPERVISOR_HEADERS, '联系电话'] : SUPERVISOR_HEADERS;
  const widths = [6, 12, 10, 22, 30, 14, 14, 8, 16];
  const wb = new ExcelJS.Workbook();
  wb.creator = '整改台账';
  const ws = wb.addWorksheet('特邀监督员', { pageSetup: printSetup('portrait', '2:2'), headerFooter: { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER } });
  ws.columns = headers.map((_, i) => ({ width: widths[i] }));
  const t = ws.getRow(1);
  t.getCell(1).value = xmlSafe(`${office}特邀监督员、扶贫调查员名册`);
  for (let i = 1; i <= headers.length; i++) t.getCell(i).style = TITLE;
  t.height = 30;
  ws.mergeCells(1, 1, 1, headers.length);
  const h = ws.getRow(2);
  headers.forEach((v, i) => Object.assign(h.getCell(i + 1), { value: v, style: HEADER }));
  list.forEach((s, i) => {
    const values = [
      i + 1, SUPERVISOR_KIND_LABEL[s.kind], s.name, s.organizationName, s.workUnit ?? '', chineseDate(s.appointedDate),
      s.termEnd ? chineseDate(s.termEnd) : '', SUPERVISOR_STATUS_LABEL[s.status], ...(includeContact ? [s.phone ?? ''] : []),
    ];
    const row = ws.getRow(i + 3);
    values.forEach((v, c) => Object.assign(row.getCell(c + 1), { value: typeof v === 'string' ? xmlSafe(v) : v, style: c === 4 ? CELL_LEFT : CELL_CENTER }));
  });
  return xlsxFile(includeContact ? '特邀监督员名册（含联系方式）.xlsx' : '特邀监督员名册.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
}
