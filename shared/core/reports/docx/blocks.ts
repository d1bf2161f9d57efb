import {
  AlignmentType, Document, DocumentGridType, Footer, LineRuleType, Packer, PageNumber, PageOrientation, Paragraph, TextRun,
  type IParagraphStyleOptions, type IRunOptions, type ISectionOptions,
} from 'docx';
import * as XLSX from 'xlsx';
import { xmlSafe } from '../../../domain/xml-text.ts';
import { FONTS, SIZE, fontTableXml } from './fonts.ts';
import { tableXml, type TableColumn, type TableRow } from './table-xml.ts';

export type { TableColumn, TableRow };

/**
 * Paragraphs, tables and pages of a GB/T 9704-2012 公文: A4, margins 37/35/28/26 mm, body 3号 仿宋
 * at a fixed 28.95 pt line (22 lines a page), headings 一、黑体 /（一）楷体 / 1. 仿宋 bold,
 * page numbers "— N —" 4号 宋体 on the outside edge. Formatting lives in named paragraph styles
 * (a clerk can adjust them in Word, and a 1,000-finding report stays fast and small).
 */

const mm = (v: number) => Math.round((v * 1440) / 25.4);
export const A4 = { width: 11906, height: 16838 } as const;
export const MARGINS = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;
/** The text block's width in twips: portrait 156 mm, landscape 225 mm. */
export const TEXT_WIDTH = { portrait: A4.width - MARGINS.left - MARGINS.right, landscape: A4.height - MARGINS.top - MARGINS.bottom } as const;
/** 22 lines in the 225 mm text block: 28.95 pt a line. */
export const LINE = 579;
/** 28 characters in the 156 mm (8845 twips) line: 3号 condensed by 0.25 pt, 15.75 pt a character (GB/T 9704 5.2.1). */
export const CHAR_CONDENSE = -5;
const EXACT = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;
/** Two characters: Word reads firstLineChars, LibreOffice and WPS the twips. */
const INDENT = { firstLineChars: 200, firstLine: 2 * SIZE.san * 10 } as const;

const style = (id: string, name: string, run: IParagraphStyleOptions['run'], paragraph: IParagraphStyleOptions['paragraph']): IParagraphStyleOptions => ({
  id, name, basedOn: 'Normal', quickFormat: true, run, paragraph,
});

export const STYLES: IParagraphStyleOptions[] = [
  // Normal carries the 3号 size itself (Word and LibreOffice take grid pitches from it), condensed to 28 a line.
  { id: 'Normal', name: 'Normal', quickFormat: true, run: { font: FONTS.body, size: SIZE.san, characterSpacing: CHAR_CONDENSE } },
  style('GwTitle', '公文标题', { font: FONTS.title, size: SIZE.er }, { alignment: AlignmentType.CENTER, spacing: { line: 720, lineRule: LineRuleType.EXACT } }),
  style('GwBody', '公文正文', { font: FONTS.body, size: SIZE.san }, { alignment: AlignmentType.JUSTIFIED, spacing: EXACT, indent: INDENT }),
  style('GwFlush', '公文顶格', { font: FONTS.body, size: SIZE.san }, { alignment: AlignmentType.LEFT, spacing: EXACT }),
  style('GwH1', '一级标题', { font: FONTS.hei, size: SIZE.san }, { spacing: EXACT, indent: INDENT, keepNext: true }),
  style('GwH2', '二级标题', { font: FONTS.kai, size: SIZE.san }, { spacing: EXACT, indent: INDENT, keepNext: true }),
  style('GwSign', '署名日期', { font: FONTS.body, size: SIZE.san }, { alignment: AlignmentType.RIGHT, spacing: EXACT, indent: { right: 4 * SIZE.san * 10 } }),
  style('GwCaption', '表题', { font: FONTS.hei, size: SIZE.xiaosi }, { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 60 } }),
  style('GwNote', '表注', { font: FONTS.body, size: SIZE.wu }, { spacing: { before: 60, after: 120 } }),
  style('GwAnnexTitle', '附件标题', { font: FONTS.title, size: SIZE.er }, { alignment: AlignmentType.CENTER, spacing: { after: 240 } }),
  style('GwCell', '表格文字', { font: FONTS.body, size: SIZE.wu }, { alignment: AlignmentType.LEFT, spacing: { line: 276, lineRule: LineRuleType.AT_LEAST } }),
  style('GwCellCenter', '表格文字居中', { font: FONTS.body, size: SIZE.wu }, { alignment: AlignmentType.CENTER, spacing: { line: 276, lineRule: LineRuleType.AT_LEAST } }),
  style('GwCellHead', '表头', { font: FONTS.hei, size: SIZE.wu }, { alignment: AlignmentType.CENTER, spacing: { line: 276, lineRule: LineRuleType.AT_LEAST } }),
  style('GwCellLarge', '表格文字（小四）', { font: FONTS.body, size: SIZE.xiaosi }, { alignment: AlignmentType.LEFT, spacing: { line: 312, lineRule: LineRuleType.AT_LEAST } }),
  style('GwCellLargeCenter', '表格文字居中（小四）', { font: FONTS.body, size: SIZE.xiaosi }, { alignment: AlignmentType.CENTER, spacing: { line: 312, lineRule: LineRuleType.AT_LEAST } }),
  style('GwCellLargeHead', '表头（小四）', { font: FONTS.hei, size: SIZE.xiaosi }, { alignment: AlignmentType.CENTER, spacing: { line: 312, lineRule: LineRuleType.AT_LEAST } }),
  // The digits too are 宋体 (GB/T 9704 7.5): the ascii font of the run is 宋体, not the Latin body font.
  style('GwPageNumber', '页码', { font: FONTS.pageNumber, size: SIZE.si }, {}),
  style('GwAnnexLabel', '附件标识', { font: FONTS.hei, size: SIZE.san }, { alignment: AlignmentType.LEFT, spacing: EXACT }),
  style('GwAttach', '附件说明', { font: FONTS.body, size: SIZE.san }, { alignment: AlignmentType.LEFT, spacing: EXACT }),
];

// Every text of a report enters through these runs: the last guard against characters XML cannot hold.
const run = (text: string, options: Omit<IRunOptions, 'text' | 'children'> = {}) => new TextRun({ ...options, text: xmlSafe(text) });
const para = (style: string, text: string) => new Paragraph({ style, children: [run(text)] });

/** 标题: 2号 方正小标宋简体, centred, broken into lines at word boundaries, one blank line after. */
export function title(text: string, maxChars = 20): Paragraph[] {
  return [...titleLines(text, maxChars).map((line) => para('GwTitle', line)), blank()];
}

/** Where a long 公文 title may break: after these words, never inside them. */
const TITLE_BREAKS = ['关于', '民主监督', '反馈问题', '问题中', '反馈意见', '整改', '情况', '办理', '牵头的', '事项', '、'];
/** A line never begins with these. */
const NO_LINE_START = '、，。：；）》”';

/** A title longer than one line, split at the break nearest the middle (a line never exceeds maxChars). */
export function titleLines(text: string, maxChars = 20): string[] {
  if (text.length <= maxChars) return [text];
  const cuts = new Set<number>();
  for (const w of TITLE_BREAKS) for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) cuts.add(i + w.length);
  const mid = text.length / 2;
  const best = [...cuts]
    .filter((c) => c > 0 && c < text.length && c <= maxChars && text.length - c <= maxChars && !NO_LINE_START.includes(text[c]))
    .sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid))[0];
  const cut = best ?? Math.ceil(mid);
  return [text.slice(0, cut), ...titleLines(text.slice(cut), maxChars)];
}

export const blank = () => para('GwFlush', '');
/** 正文: first line indented two characters, justified. */
export const body = (text: string) => para('GwBody', text);
/** A line with no indent (主送机关 "XX单位：", 附件 label). */
export const flush = (text: string) => para('GwFlush', text);
/** The 发文字号 line under a title, centred. */
export const centred = (text: string) => new Paragraph({ style: 'GwFlush', alignment: AlignmentType.CENTER, children: [run(text)] });
export const flushHei = (text: string) => new Paragraph({ style: 'GwFlush', children: [run(text, { font: FONTS.hei })] });
/** 一、 黑体 */
export const h1 = (text: string) => para('GwH1', text);
/** （一） 楷体_GB2312 */
export const h2 = (text: string) => para('GwH2', text);
/** 1. 仿宋 bold, with the rest of the paragraph in plain 仿宋. */
export const h3 = (lead: string, rest = '') =>
  new Paragraph({ style: 'GwBody', children: [run(lead, { bold: true }), ...(rest ? [run(rest)] : [])] });
export const caption = (text: string) => para('GwCaption', text);
export const note = (text: string) => para('GwNote', text);
export const annexTitle = (text: string) => para('GwAnnexTitle', text);

/** Width of a line of 3号 text in characters: CJK one, Latin digits and letters half. */
export function charWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\x00-\xff]/.test(ch) ? 0.5 : 1;
  return n;
}

const CHAR = SIZE.san * 10;

/**
 * 发文机关署名 and 成文日期 of a document without a seal (GB/T 9704 7.3.5.2): one blank line under
 * the text, the office right-aligned two characters in from the margin, the date on the next line
 * starting two characters right of the office's first character (or, when the date is the longer,
 * the date two in and the office moved left to keep that offset). Every line is kept with the next,
 * so the signature never stands alone on a page.
 */
export function signature(office: string, date: string): Paragraph[] {
  const o = charWidth(office);
  const d = charWidth(date);
  const dateRight = o - d >= 2 ? o - d : 2;
  const officeRight = o - d >= 2 ? 2 : d + 4 - o;
  const line = (text: string, right: number, keepNext: boolean) =>
    new Paragraph({ style: 'GwSign', indent: { right: Math.round(right * CHAR) }, keepNext, keepLines: true, children: [run(text)] });
  return [
    new Paragraph({ style: 'GwFlush', keepNext: true, children: [] }),
    ...(office ? [line(office, officeRight, true)] : []),
    line(date, dateRight, false),
  ];
}

/** 正文 kept whole on the page of the next paragraph (特此报告 with the 附件说明 and the signature). */
export const bodyKept = (text: string) => new Paragraph({ style: 'GwBody', keepNext: true, keepLines: true, children: [run(text)] });

/**
 * 附件说明 (GB/T 9704 7.3.4): one blank line under the text, "附件：" two characters in, the annexes
 * numbered "1. " with a long name wrapping under its first character. Kept with the signature.
 */
export function attachmentNote(names: readonly string[]): Paragraph[] {
  if (names.length === 0) return [];
  const label = 3; // 附件：
  const num = names.length > 1 ? 1.5 : 0; // "1. "
  return [
    new Paragraph({ style: 'GwFlush', keepNext: true, children: [] }),
    ...names.map(
      (name, i) =>
        new Paragraph({
          style: 'GwAttach',
          keepNext: true,
          keepLines: true,
          indent: { left: Math.round((2 + label + num) * CHAR), hanging: Math.round((i === 0 ? label + num : num) * CHAR) },
          children: [run(`${i === 0 ? '附件：' : ''}${names.length > 1 ? `${i + 1}. ` : ''}${name}`)],
        }),
    ),
  ];
}

/** "附件1" in 黑体 at the top left of the annex's first page (a page of its own when `newPage`). */
export const annexLabel = (text: string, newPage = false) => new Paragraph({ style: 'GwAnnexLabel', pageBreakBefore: newPage, children: [run(text)] });

/** "— N —", 4号 宋体; odd pages right, even pages left, one character in from the edge. */
function pageNumber(side: 'odd' | 'even'): Footer {
  const odd = side === 'odd';
  return new Footer({
    children: [
      new Paragraph({
        style: 'GwPageNumber',
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: SIZE.si * 10 } : { left: SIZE.si * 10 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

/** A section on A4 portrait, or landscape (portrait size + orientation: docx swaps the sides itself). */
export function gbSection(
  children: ISectionOptions['children'],
  orientation: 'portrait' | 'landscape' = 'portrait',
  opts: { charGrid?: boolean } = {},
): ISectionOptions {
  const landscape = orientation === 'landscape';
  /*
   * GB/T 9704's 22 lines of 28 characters: a line grid of 22 lines, and 3号 characters condensed by
   * 0.25 pt (the Normal style) so that 28 fill the 156 mm line. A linesAndChars grid with charSpace
   * -842 gives 28 in Word, but LibreOffice then gives every 3号 character two cells (14 a line), so
   * the grid is kept to lines, which both lay out the same (opt-in: documents with 五号 tables in
   * the body keep the plain pitch).
   */
  const grid = landscape ? undefined : opts.charGrid ? { linePitch: LINE, type: DocumentGridType.LINES } : { linePitch: LINE };
  return {
    properties: {
      page: {
        size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        // Landscape pages keep the portrait margins turned with the paper.
        margin: landscape
          ? { top: MARGINS.left, bottom: MARGINS.right, left: MARGINS.top, right: MARGINS.bottom, footer: mm(18), header: mm(15) }
          : { ...MARGINS, footer: mm(25), header: mm(15) },
      },
      grid,
    },
    footers: { default: pageNumber('odd'), even: pageNumber('even') },
    children,
  };
}

/**
 * One document being written: tables go in as placeholders (table-xml.ts explains why) and are
 * spliced into word/document.xml when it is packed.
 */
export class GbDocument {
  private readonly tables = new Map<string, string>();
  private readonly token = `GWTABLE${Math.random().toString(36).slice(2, 10)}`;

  /** A bordered table whose header row repeats on every page; large = 小四 text instead of 五号. */
  table(columns: readonly TableColumn[], rows: readonly TableRow[], opts: { width: number; large?: boolean }): Paragraph[] {
    const styles = opts.large
      ? { plain: 'GwCellLarge', centre: 'GwCellLargeCenter', head: 'GwCellLargeHead' }
      : { plain: 'GwCell', centre: 'GwCellCenter', head: 'GwCellHead' };
    const key = `${this.token}-${this.tables.size}`;
    this.tables.set(key, tableXml(columns, rows, { width: opts.width, styles }));
    // Word needs a paragraph after a table; it also keeps the placeholder from holding a section break.
    return [new Paragraph({ children: [new TextRun(key)] }), new Paragraph({ style: 'GwNote', children: [] })];
  }

  /**
   * A long table as consecutive tables of at most `chunkRows` rows each, every one with the header
   * row, split only where no merged cell runs on. Printed, it reads as one table whose header repeats
   * on every page; LibreOffice lays out a few thousand rows in seconds this way, where one table of
   * the same rows takes it many minutes (it re-flows the whole table as each page fills).
   */
  longTable(columns: readonly TableColumn[], rows: readonly TableRow[], opts: { width: number; chunkRows: number }): Paragraph[] {
    const styles = { plain: 'GwCell', centre: 'GwCellCenter', head: 'GwCellHead' };
    const chunks: TableRow[][] = [];
    let current: TableRow[] = [];
    for (const r of rows) {
      const continues = Array.isArray(r) && (r as readonly unknown[]).some((c) => c === null);
      if (current.length >= opts.chunkRows && !continues) {
        chunks.push(current);
        current = [];
      }
      current.push(r);
    }
    if (current.length || chunks.length === 0) chunks.push(current);
    const joint = '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>';
    const key = `${this.token}-${this.tables.size}`;
    this.tables.set(key, chunks.map((c) => tableXml(columns, c, { width: opts.width, styles })).join(joint));
    return [new Paragraph({ children: [new TextRun(key)] }), new Paragraph({ style: 'GwNote', children: [] })];
  }

  /** Sections in order, odd/even page numbers, GB/T styles, the font table with fallbacks. */
  async pack(sections: ISectionOptions[], meta: { title: string; creator: string }): Promise<Buffer> {
    const doc = new Document({
      title: xmlSafe(meta.title),
      creator: xmlSafe(meta.creator),
      evenAndOddHeaderAndFooters: true,
      styles: {
        default: { document: { run: { font: FONTS.body, size: SIZE.san } } },
        paragraphStyles: STYLES,
      },
      sections,
    });
    const packed = await Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
    if (this.tables.size === 0) return packed;
    const placeholder = new RegExp(`<w:p>(?:(?!<w:p>).)*?(${this.token}-\\d+)(?:(?!<w:p>).)*?</w:p>`, 'g');
    return replaceZipEntry(packed, 'word/document.xml', (xml) => xml.replace(placeholder, (_m, key: string) => this.tables.get(key) ?? ''));
  }
}

/** Rewrite one part of a zip package (SheetJS's container reader/writer, a dependency already). */
function replaceZipEntry(zip: Buffer, name: string, edit: (text: string) => string): Buffer {
  const cfb = XLSX.CFB.read(zip, { type: 'buffer' });
  const entry = XLSX.CFB.find(cfb, `/${name}`);
  if (!entry?.content) throw new Error(`${name} missing from the package`);
  entry.content = Buffer.from(edit(Buffer.from(entry.content as Uint8Array).toString('utf8')), 'utf8') as never;
  entry.size = (entry.content as Buffer).length;
  return Buffer.from(XLSX.CFB.write(cfb, { fileType: 'zip', type: 'buffer', compression: true }) as Uint8Array);
}
