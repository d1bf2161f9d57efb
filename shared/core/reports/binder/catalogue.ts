import ExcelJS from 'exceljs';
import { chineseDate, type IsoDate } from '../../../domain/dates.ts';
import { xmlSafe } from '../../../domain/xml-text.ts';
import { GbDocument, caption, gbSection, note, title, TEXT_WIDTH, type TableColumn } from '../docx/blocks.ts';
import { CELL_CENTER, CELL_LEFT, HEADER, NOTE, PAGE_FOOTER, TITLE, printSetup, rowHeight } from '../xlsx/styles.ts';

/**
 * The binder's 材料清单, as .xlsx and .docx, with the columns of DA/T 22-2015's 归档文件目录:
 * 序号, 文号, 责任者, 题名, 日期 (eight digits, 20260630, as the standard writes it), 页数, 备注.
 * 备注 names the file in the binder, so each row leads to exactly one file.
 */
export const CATALOGUE_HEADERS = ['序号', '文号', '责任者', '题名', '日期', '页数', '备注'] as const;
export const CATALOGUE_NAME = '材料清单';

export interface CatalogueRow {
  seq: number;
  docNumber: string;
  author: string;
  title: string;
  date: string;
  pages: number | null;
  note: string;
}

export interface CatalogueHead {
  /** "民盟市委〔2026〕1号反馈意见整改佐证材料" or the like. */
  heading: string;
  /** "范围：…；生成日期：2026年11月25日". */
  scope: string;
  asOf: IsoDate;
}

const cells = (r: CatalogueRow) => [String(r.seq), r.docNumber, r.author, r.title, r.date, r.pages === null ? '' : String(r.pages), r.note];

const WIDTHS = [6, 14, 16, 34, 10, 6, 26];
const ALIGN_CENTER = [true, true, false, false, true, true, false];

export async function catalogueXlsx(head: CatalogueHead, rows: readonly CatalogueRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '整改台账';
  const ws = wb.addWorksheet(CATALOGUE_NAME, {
    pageSetup: printSetup('portrait', '3:3'),
    headerFooter: { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER },
    views: [{ state: 'frozen', ySplit: 3, showGridLines: false }],
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const n = WIDTHS.length;
  const merged = (at: number, text: string, style: Partial<ExcelJS.Style>, height: number) => {
    const row = ws.getRow(at);
    row.getCell(1).value = xmlSafe(text);
    for (let c = 1; c <= n; c++) row.getCell(c).style = style;
    row.height = height;
    ws.mergeCells(at, 1, at, n);
  };
  merged(1, head.heading, TITLE, 32);
  merged(2, head.scope, NOTE, 18);
  const header = ws.getRow(3);
  CATALOGUE_HEADERS.forEach((h, i) => {
    header.getCell(i + 1).value = h;
    header.getCell(i + 1).style = HEADER;
  });
  header.height = 20;
  rows.forEach((r, k) => {
    const values = cells(r);
    const row = ws.getRow(4 + k);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      // 页数 and 序号 as numbers (they sum and sort); 日期 stays text so 20260630 is never read as a number.
      cell.value = (i === 0 || i === 5) && v !== '' ? Number(v) : xmlSafe(v);
      cell.style = ALIGN_CENTER[i] ? CELL_CENTER : CELL_LEFT;
    });
    row.height = rowHeight(values, WIDTHS);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const DOCX_COLUMNS: TableColumn[] = [
  { header: '序号', weight: 5, align: 'center' },
  { header: '文号', weight: 15 },
  { header: '责任者', weight: 13 },
  { header: '题名', weight: 24 },
  { header: '日期', weight: 11, align: 'center' },
  { header: '页数', weight: 6, align: 'center' },
  { header: '备注', weight: 26 },
];

export async function catalogueDocx(head: CatalogueHead, rows: readonly CatalogueRow[]): Promise<Buffer> {
  const doc = new GbDocument();
  const children = [
    ...title(head.heading),
    caption(head.scope),
    ...doc.table(DOCX_COLUMNS, rows.map(cells), { width: TEXT_WIDTH.portrait }),
    note(`共 ${rows.length} 件。日期按 DA/T 22-2015 以 8 位数字标注年月日；页数为空的，请按纸质件填写。生成日期：${chineseDate(head.asOf)}。`),
  ];
  return doc.pack([gbSection(children, 'portrait')], { title: head.heading, creator: '整改台账' });
}
