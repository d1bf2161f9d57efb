import {
  AlignmentType, LineRuleType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx';
import { chineseDate } from '../../../domain/dates.ts';
import { xmlSafe } from '../../../domain/xml-text.ts';
import type { NoticeItemDto } from '../../../contract/reports.ts';
import { NOTICE_DOC_NAME } from '../../../contract/reports.ts';
import { NOTICE_LEVEL_COLOR, NOTICE_LEVEL_LABEL, type Notice } from '../schema.ts';
import { FONTS, SIZE } from './fonts.ts';
import { GbDocument, LINE, TEXT_WIDTH, gbSection } from './blocks.ts';

export interface NoticeInput {
  /** The notice as issued: its number, level, dates and lateness are fixed then, so a reprint is the same paper. */
  notice: Pick<Notice, 'doc_number' | 'level' | 'unit_name' | 'issued_date' | 'reply_by' | 'note'>;
  /** Its items as printed when issued, in order. */
  items: readonly NoticeItemDto[];
  /** 落款 (发文机关署名). */
  officeName: string;
  /** 联系人 / 联系电话 of the office, printed as the 附注. */
  contactName: string;
  contactPhone: string;
}

/** "民主监督反馈问题整改督办通知单": one line of 2号 (at most 20 characters). */
export const noticeTitle = (level: Notice['level']) => `民主监督反馈问题整改${NOTICE_DOC_NAME[level]}`;

/** 附注 text, without its parentheses. */
export function contactWords(name: string, phone: string): string {
  return [name ? `联系人：${name}` : '', phone ? `联系电话：${phone}` : ''].filter(Boolean).join('，');
}

const CHARS_A_LINE = 28;
const PAGE_LINES = 22;
const INDENT = { firstLineChars: 200, firstLine: 2 * SIZE.san * 10 };
/** Table text: 4号 while the page holds it, else 小四 (never smaller); exact lines so every font lays out alike. */
const TABLE_FONTS = [
  { size: SIZE.si, line: 360, weights: [8, 58, 17, 17] },
  { size: SIZE.xiaosi, line: 310, weights: [8, 64, 14, 14] },
] as const;
type TableFont = (typeof TABLE_FONTS)[number];
/** Column widths in twips: the measure's text takes what the short columns leave. */
const widthsOf = (font: TableFont) => font.weights.map((w) => Math.floor((TEXT_WIDTH.portrait * w) / 100));
const CELL_MARGIN = 40;
/**
 * Up to this many items the table is laid out here (4号 or 小四, exact lines) to keep the notice on
 * one page; a longer list runs over pages anyway and goes in as the reports' fast string table (小四).
 */
const LAYOUT_ITEMS = 12;
const COLUMNS = [
  { header: '编号', key: 'number' },
  { header: '整改措施', key: 'measureText' },
  { header: '整改时限', key: 'deadline' },
  { header: '逾期情况', key: 'reason' },
] as const;

/** "逾期情况" when every item is overdue, else "预警情况" (due soon, stagnant). */
const headerOf = (c: (typeof COLUMNS)[number], items: readonly NoticeItemDto[]) =>
  c.key === 'reason' && items.some((i) => i.overdueDays <= 0) ? '预警情况' : c.header;

/** A cell as printed: the date split after its year, lateness as "逾期30天". */
function cellText(it: NoticeItemDto, key: (typeof COLUMNS)[number]['key']): string {
  if (key === 'deadline') return it.deadline.replace(/^(\d{4}年)(\d{1,2}月\d{1,2}日)$/, '$1\n$2');
  if (key === 'reason') return it.overdueDays > 0 ? `逾期${it.overdueDays}天` : it.reason.replace(/\s+/g, '');
  return it[key];
}

/** Width in full-width characters: Latin letters and digits take half a square. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
}

const linesOf = (text: string, perLine: number) => Math.max(1, Math.ceil(width(text) / perLine));

/** Lines of 3号 a body paragraph takes (two characters of indent). */
const bodyLines = (text: string, indent = true) => linesOf(`${indent ? '　　' : ''}${text}`, CHARS_A_LINE);

/** The table's height in twips at one font size. */
function tableHeight(items: readonly NoticeItemDto[], font: TableFont): number {
  const perLine = widthsOf(font).map((w) => Math.max(1, Math.floor((w - 2 * 60) / (font.size * 10))));
  const row = (cells: string[]) => Math.max(...cells.map((t, i) => t.split('\n').reduce((n, line) => n + linesOf(line, perLine[i]), 0))) * font.line + 2 * CELL_MARGIN;
  return row(COLUMNS.map((c) => c.header)) + items.reduce((s, it) => s + row(COLUMNS.map((c) => cellText(it, c.key))), 0);
}

const run = (text: string, size?: number, font = FONTS.body) => new TextRun({ text: xmlSafe(text), ...(size ? { size, font } : {}) });
/** Body paragraphs after the table keep with the next one, down to the 附注: the 落款 never leaves the last lines. */
const kept = (style: string, text: string, extra: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}) =>
  new Paragraph({ style, keepNext: true, keepLines: true, children: [run(text)], ...extra });

function cell(text: string, widthTw: number, font: TableFont, opts: { head?: boolean; centre?: boolean }) {
  return new TableCell({
    width: { size: widthTw, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: CELL_MARGIN, bottom: CELL_MARGIN, left: 60, right: 60 },
    children: [
      new Paragraph({
        alignment: opts.centre || opts.head ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
        spacing: { line: font.line, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        // Lines broken where a reader expects ("2026年" / "6月30日"), never inside a number.
        children: text.split('\n').map((line, i) => new TextRun({ text: xmlSafe(line), size: font.size, font: opts.head ? FONTS.hei : FONTS.body, ...(i ? { break: 1 } : {}) })),
      }),
    ],
  });
}

function itemsTable(items: readonly NoticeItemDto[], font: TableFont): Table {
  const widths = widthsOf(font);
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: COLUMNS.map((c, i) => cell(headerOf(c, items), widths[i], font, { head: true })) }),
      ...items.map(
        (it) =>
          new TableRow({
            cantSplit: true,
            children: COLUMNS.map((c, i) => cell(cellText(it, c.key), widths[i], font, { centre: c.key !== 'measureText' })),
          }),
      ),
    ],
  });
}

/** The opening: which items, since when late, and the level. */
function opening(input: NoticeInput): string {
  const { notice: n, items } = input;
  const level = NOTICE_LEVEL_LABEL[n.level];
  const asOf = `截至${chineseDate(n.issued_date).replace(/^\d+年/, '')}`;
  const allLate = items.every((i) => i.overdueDays > 0);
  if (items.length === 1) {
    const it = items[0];
    const state = it.overdueDays > 0 ? `已超过整改时限${it.overdueDays}天，尚未完成整改` : `${it.reason.replace(/\s+/g, '')}`;
    return `民主监督反馈的“${it.findingText.replace(/[。；;]$/, '')}”问题，由你单位牵头落实下列整改措施。${asOf}，该项措施${state}。现予以${level}：`;
  }
  const state = allLate ? '已超过整改时限仍未完成' : '逾期未完成、临近时限或进展停滞';
  return `${asOf}，你单位牵头落实的下列${items.length}项整改措施${state}，现予以${level}：`;
}

/** The request: what to do and by when, firmer at each level. */
function request(input: NoticeInput): string {
  const { notice: n } = input;
  const office = input.officeName || '我部';
  const by = chineseDate(n.reply_by);
  if (n.level === 'reminder') return `请你单位对照整改时限抓紧推进，并于${by}前将整改进展情况（附佐证材料）报送${office}。`;
  const base = `请你单位高度重视，切实履行牵头责任，加快推进整改，并于${by}前将整改进展情况（附佐证材料）书面报送${office}。`;
  return n.level === 'warning' ? `${base}逾期仍未完成整改的，将按规定予以通报，并纳入年度绩效考核。` : base;
}

/**
 * 督办通知单 / 提醒函 / 告诫函 on A4 after GB/T 9704: title, number, 主送 (the unit), the items in a
 * compact table, the request with its reply date in Chinese, 落款 and 成文日期 kept with the last
 * lines, and the 附注 (联系人/电话) in parentheses on the line below the date, two characters in.
 * The table's text is 4号 while the page holds it and 小四 otherwise; more items run on to a second
 * page, where the request and the 落款 follow the last row.
 */
export async function writeNotice(input: NoticeInput): Promise<Buffer> {
  const { notice: n, items } = input;
  const level = NOTICE_LEVEL_LABEL[n.level];
  const contact = contactWords(input.contactName, input.contactPhone);
  const intro = opening(input);
  const doc = new GbDocument();
  const ask = request(input);

  const fixedLines = 2 + bodyLines(`${n.unit_name}：`, false) + bodyLines(intro) + bodyLines(ask) + (n.note ? bodyLines(n.note) : 0) + 3 + (contact ? bodyLines(`（${contact}）`) : 0);
  const room = PAGE_LINES * LINE - 720 - fixedLines * LINE;
  const font = TABLE_FONTS.find((f) => tableHeight(items, f) <= room) ?? TABLE_FONTS[TABLE_FONTS.length - 1];

  const children = [
    new Paragraph({ style: 'GwTitle', children: [run(noticeTitle(n.level))] }),
    new Paragraph({ style: 'GwFlush', alignment: AlignmentType.CENTER, children: [run(`${n.doc_number}（${NOTICE_LEVEL_COLOR[n.level]}${level}）`)] }),
    new Paragraph({ style: 'GwFlush', keepNext: true, children: [run(`${n.unit_name}：`)] }),
    new Paragraph({ style: 'GwBody', keepNext: true, keepLines: true, children: [run(intro)] }),
    ...(items.length <= LAYOUT_ITEMS ? [itemsTable(items, font)] : doc.table(COLUMNS.map((c, i) => ({ header: headerOf(c, items), weight: font.weights[i], align: c.key === 'measureText' ? 'left' : 'center' })), items.map((it) => COLUMNS.map((c) => cellText(it, c.key))), { width: TEXT_WIDTH.portrait, large: true })),
    kept('GwBody', ask),
    ...(n.note ? [kept('GwBody', n.note)] : []),
    kept('GwFlush', ''),
    ...(input.officeName ? [kept('GwSign', input.officeName)] : []),
    // The date keeps with the 附注 below it; without one it is the last line.
    contact ? kept('GwSign', chineseDate(n.issued_date)) : new Paragraph({ style: 'GwSign', keepLines: true, children: [run(chineseDate(n.issued_date))] }),
    ...(contact ? [new Paragraph({ style: 'GwFlush', indent: INDENT, keepLines: true, children: [run(`（${contact}）`)] })] : []),
  ];
  return doc.pack([gbSection(children)], {
    title: `${n.doc_number} ${noticeTitle(n.level)}`,
    creator: input.officeName || '整改台账',
  });
}
