import type { Range } from 'xlsx';
import { LIMITS, refuse } from '../file-guard.ts';
import type { CellValue, SheetGrid, Workbook } from '../read-workbook.ts';
import { XmlError, decodeXmlText, scanXml, xmlAttr } from './ooxml.ts';
import { readZipEntry } from './zip.ts';

/**
 * A Word document (.docx) read as grids the generic importer understands:
 * - every ledger table → a grid "表格N" (merged cells filled and recorded, a continued table
 *   appended to the one it continues, the caption paragraphs above it as leading one-cell rows);
 * - label–value forms holding one problem each (整改归零表 / 交办单 / 督办单) → one grid "登记表";
 * - a feedback letter without a ledger table → one grid "正文" of the findings its numbered
 *   paragraphs state, with their category heading and the matching suggestion.
 */

export const DOCX_LIMITS = {
  /** word/document.xml after inflation. */
  maxDocumentBytes: 50 * 1024 * 1024,
  /** All rows of all grids together. */
  maxRows: 50_000,
} as const;

const REOPEN = '请用 Word 或 WPS 打开后重新保存再导入。';

// ───────────────────────────── document model ─────────────────────────────

interface WCell {
  paras: string[];
  span: number;
  vMerge: 'restart' | 'continue' | null;
}
interface WRow {
  cells: WCell[];
  before: number;
}
interface WTable {
  rows: WRow[];
  gridCols: number;
  /** The w:w of each grid column (NaN when not stated): LibreOffice writes zero-width ones. */
  gridWidths: number[];
}
type Block = { kind: 'p'; text: string } | { kind: 'table'; table: WTable };

/** Elements whose whole content is not document text (deleted runs, revisions' old properties, drawings, field codes). */
const SKIP = new Set([
  'w:del',
  'w:moveFrom',
  'w:delText',
  'w:delInstrText',
  'w:instrText',
  'w:drawing',
  'w:pict',
  'w:object',
  'mc:Fallback',
  'w:tcPrChange',
  'w:trPrChange',
  'w:tblPrChange',
  'w:tblGridChange',
  'w:pPrChange',
  'w:rPrChange',
  'w:sectPrChange',
  'w:numberingChange',
  'w:fldData',
]);

const OFF = new Set(['0', 'false', 'off']);

function parseDocument(file: string, xml: string): Block[] {
  const blocks: Block[] = [];
  interface Ctx {
    table: WTable;
    row: WRow | null;
    cell: WCell | null;
  }
  const stack: Ctx[] = [];
  let para: string[] | null = null;
  let inT = false;
  let inRun = 0;
  let skip = 0;
  let rowCount = 0;
  const top = () => stack[stack.length - 1];
  const intVal = (attrs: string, min: number, max: number) => {
    const n = parseInt(xmlAttr(attrs, 'w:val') ?? '', 10);
    return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : min;
  };
  const endTable = () => {
    const ctx = stack.pop();
    if (!ctx) return;
    const parent = top();
    if (parent) {
      // A nested table's text is flattened into the cell holding it: one line a row.
      const lines = ctx.table.rows
        .map((r) => r.cells.map(cellText).filter(Boolean).join(' '))
        .filter(Boolean);
      if (parent.cell) parent.cell.paras.push(...lines);
    } else blocks.push({ kind: 'table', table: ctx.table });
  };
  scanXml(xml, {
    open(name, attrs, selfClosing) {
      if (skip) {
        if (!selfClosing) skip++;
        return;
      }
      if (SKIP.has(name)) {
        if (!selfClosing) skip = 1;
        return;
      }
      switch (name) {
        case 'w:tbl':
          if (!selfClosing) stack.push({ table: { rows: [], gridCols: 0, gridWidths: [] }, row: null, cell: null });
          return;
        case 'w:gridCol': {
          const ctx = top();
          if (ctx && !ctx.row) {
            ctx.table.gridCols++;
            ctx.table.gridWidths.push(Number(xmlAttr(attrs, 'w:w') ?? NaN));
          }
          return;
        }
        case 'w:tr': {
          const ctx = top();
          if (!ctx) return;
          if (++rowCount > DOCX_LIMITS.maxRows) {
            throw refuse(file, `文档中的表格超过 ${DOCX_LIMITS.maxRows} 行的导入上限，请拆分后再导入。`);
          }
          ctx.row = { cells: [], before: 0 };
          if (selfClosing) {
            ctx.table.rows.push(ctx.row);
            ctx.row = null;
          }
          return;
        }
        case 'w:gridBefore': {
          const row = top()?.row;
          if (row && !top()?.cell) row.before = intVal(attrs, 0, LIMITS.maxColumns);
          return;
        }
        case 'w:tc': {
          const ctx = top();
          if (!ctx || !ctx.row) return;
          ctx.cell = { paras: [], span: 1, vMerge: null };
          if (selfClosing) {
            ctx.row.cells.push(ctx.cell);
            ctx.cell = null;
          }
          return;
        }
        case 'w:gridSpan': {
          const cell = top()?.cell;
          if (cell && !para) cell.span = intVal(attrs, 1, LIMITS.maxColumns);
          return;
        }
        case 'w:vMerge': {
          const cell = top()?.cell;
          if (cell && !para) cell.vMerge = xmlAttr(attrs, 'w:val') === 'restart' ? 'restart' : 'continue';
          return;
        }
        case 'w:hMerge':
          return;
        case 'w:p':
          para = [];
          if (selfClosing) endParagraph();
          return;
        case 'w:r':
          if (!selfClosing) inRun++;
          return;
        case 'w:t':
          inT = !selfClosing;
          return;
        case 'w:tab':
          if (inRun && para) para.push(' ');
          return;
        case 'w:br':
        case 'w:cr':
          if (inRun && para) para.push('\n');
          return;
        case 'w:noBreakHyphen':
          if (inRun && para) para.push('-');
          return;
        default:
          return;
      }
    },
    close(name) {
      if (skip) {
        skip--;
        return;
      }
      switch (name) {
        case 'w:t':
          inT = false;
          return;
        case 'w:r':
          if (inRun) inRun--;
          return;
        case 'w:p':
          endParagraph();
          return;
        case 'w:tc': {
          const ctx = top();
          if (ctx?.row && ctx.cell) ctx.row.cells.push(ctx.cell);
          if (ctx) ctx.cell = null;
          return;
        }
        case 'w:tr': {
          const ctx = top();
          if (ctx?.row) ctx.table.rows.push(ctx.row);
          if (ctx) ctx.row = null;
          return;
        }
        case 'w:tbl':
          endTable();
          return;
        default:
          return;
      }
    },
    text(raw) {
      if (inT && !skip && para) para.push(decodeXmlText(raw));
    },
  });
  function endParagraph() {
    if (!para) return;
    const text = para.join('').replace(/\r\n?/g, '\n');
    para = null;
    inT = false;
    const ctx = top();
    if (ctx) {
      if (ctx.cell) ctx.cell.paras.push(text);
    } else blocks.push({ kind: 'p', text });
  }
  while (stack.length) endTable();
  return blocks;
}

const trimText = (s: string) => s.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');

function cellText(cell: WCell): string {
  return trimText(cell.paras.map((p) => p.replace(/[ \t\u3000]+$/g, '')).join('\n'));
}

// ───────────────────────────── tables → grids ─────────────────────────────

interface Logical {
  c: number;
  span: number;
  value: CellValue;
}
interface TableGrid {
  rows: CellValue[][];
  logical: Logical[][];
  merges: Range[];
  width: number;
}

/** Each row's cells at their grid columns, zero-width grid columns (an artefact of mismatched cell edges) collapsed away. */
function positioned(t: WTable): { c: number; span: number; cell: WCell }[][] {
  const raw = t.rows.map((row) => {
    let c = row.before;
    return row.cells.map((cell) => {
      const at = { c, span: cell.span, cell };
      c += cell.span;
      return at;
    });
  });
  const zero = t.gridWidths.map((w) => w === 0);
  if (!zero.some(Boolean) || zero.every(Boolean)) return raw;
  const map: number[] = [];
  let next = 0;
  const widest = Math.max(t.gridCols, ...raw.map((cells) => cells.reduce((n, x) => Math.max(n, x.c + x.span), 0)));
  for (let c = 0; c < widest; c++) {
    map[c] = next;
    if (!zero[c]) next++;
  }
  map[widest] = next;
  return raw.map((cells) =>
    cells
      .map(({ c, span, cell }) => ({ c: map[c], span: map[c + span] - map[c], cell }))
      // A cell lying wholly in zero-width columns is invisible in Word as well.
      .filter((x) => x.span > 0),
  );
}

function tableGrid(file: string, t: WTable): TableGrid {
  const rows: CellValue[][] = [];
  const logical: Logical[][] = [];
  const merges: Range[] = [];
  const open = new Map<number, { range: Range; value: CellValue }>();
  const finish = (m: { range: Range }) => {
    if (m.range.e.r > m.range.s.r || m.range.e.c > m.range.s.c) merges.push(m.range);
  };
  let width = 0;
  const placed = positioned(t);
  for (let r = 0; r < placed.length; r++) {
    const out: CellValue[] = [];
    const cells: Logical[] = [];
    const touched = new Set<number>();
    let end = 0;
    for (const { c, span, cell } of placed[r]) {
      let value: CellValue = cellText(cell) || null;
      const prev = open.get(c);
      if (cell.vMerge === 'continue' && prev) {
        // Word and WPS sometimes give the continuing cell another span than the first: take the wider.
        prev.range.e.r = r;
        prev.range.e.c = Math.max(prev.range.e.c, c + span - 1);
        value = prev.value;
      } else {
        if (prev) {
          finish(prev);
          open.delete(c);
        }
        if (cell.vMerge) open.set(c, { range: { s: { r, c }, e: { r, c: c + span - 1 } }, value });
        else if (span > 1) merges.push({ s: { r, c }, e: { r, c: c + span - 1 } });
      }
      touched.add(c);
      for (let k = 0; k < span; k++) out[c + k] = value;
      cells.push({ c, span, value });
      end = c + span;
    }
    for (const [col, m] of open) {
      if (!touched.has(col)) {
        finish(m);
        open.delete(col);
      }
    }
    if (end > width) width = end;
    if (width > LIMITS.maxColumns) throw refuse(file, `文档中的表格有 ${width} 列，超过 ${LIMITS.maxColumns} 列的导入上限。`);
    rows.push(out);
    logical.push(cells);
  }
  for (const m of open.values()) finish(m);
  // A merge widened by a later row fills the earlier rows' extra columns too.
  for (const m of merges) {
    const value = rows[m.s.r]?.[m.s.c] ?? null;
    if (value === null) continue;
    for (let r = m.s.r; r <= m.e.r; r++) for (let c = m.s.c; c <= m.e.c; c++) if (rows[r][c] == null) rows[r][c] = value;
  }
  for (const row of rows) for (let c = 0; c < width; c++) if (row[c] === undefined) row[c] = null;
  return { rows, logical, merges, width };
}

// ───────────────────────────── forms (one problem per table) ─────────────────────────────

const LABEL_WORDS =
  /问题|事项|单位|牵头|配合|时限|期限|措施|进展|责任|编号|序号|来源|类别|状态|销号|名称|领导|日期|时间|目标|备注|内容|联系|督办|交办|意见|建议|情况|结果|验收|材料|成效/;

const normLabel = (s: string) => s.replace(/[\s\u3000]+/g, '').replace(/[：:]+$/, '');

function isLabel(v: CellValue): boolean {
  if (typeof v !== 'string') return false;
  const s = normLabel(v);
  return s.length >= 2 && s.length <= 10 && !/[，。；,;]/.test(s) && LABEL_WORDS.test(s);
}

/** Label → value pairs of a row read as "label | value [| value…] | label | value…". */
function rowPairs(cells: Logical[]): [string, string][] {
  const pairs: [string, string][] = [];
  let i = 0;
  while (i < cells.length) {
    if (!isLabel(cells[i].value)) {
      i++;
      continue;
    }
    const label = normLabel(cells[i].value as string);
    const values: string[] = [];
    i++;
    if (i < cells.length) values.push(String(cells[i].value ?? ''));
    i++;
    while (i < cells.length && !isLabel(cells[i].value)) values.push(String(cells[i++].value ?? ''));
    pairs.push([label, values.filter(Boolean).join('\n')]);
  }
  return pairs;
}

function isForm(t: TableGrid): boolean {
  let filled = 0;
  let labelled = 0;
  for (const cells of t.logical) {
    if (!cells.some((x) => x.value !== null)) continue;
    filled++;
    if (cells.length >= 2 && isLabel(cells[0].value) && rowPairs(cells).length > 0) labelled++;
  }
  return labelled >= 2 && labelled >= filled * 0.6;
}

function formRecord(t: TableGrid): Map<string, string> {
  const record = new Map<string, string>();
  for (const cells of t.logical) {
    if (cells.length < 2 || !isLabel(cells[0].value)) continue;
    for (const [label, value] of rowPairs(cells)) {
      const had = record.get(label);
      if (had === undefined || had === '') record.set(label, value);
      else if (value && !had.split('\n').includes(value)) record.set(label, `${had}\n${value}`);
    }
  }
  return record;
}

// ───────────────────────────── assembling the workbook ─────────────────────────────

const CONTINUED = /^[（(]?\s*(续表|续上表|接上表|续)\s*\d*\s*[)）]?$|^续表/;
const TABLE_TITLE = /附件|台账|清单|一览表|统计表|明细表|汇总表/;
const sameRow = (a: CellValue[] | undefined, b: CellValue[] | undefined) =>
  !!a && !!b && a.length === b.length && a.some((v) => v !== null) && a.every((v, i) => norm(v) === norm(b[i]));
const norm = (v: CellValue) => (v === null ? '' : String(v).replace(/[\s\u3000]+/g, ''));

function emptyGrid(name: string, origin: SheetGrid['origin']): SheetGrid {
  return { name, rows: [], width: 0, hiddenColumns: new Set(), hiddenRows: new Set(), merges: [], origin };
}

/** The short paragraphs right above a table: its title, "附件：", "（截至…）", at most three. */
function captionsAbove(paras: string[]): string[] {
  const out: string[] = [];
  for (let i = paras.length - 1; i >= 0 && out.length < 3; i--) {
    const p = paras[i].replace(/\s*\n\s*/g, ' ');
    if (p.length > 60) break;
    if (out.length > 0 && /[。；]$/.test(p) && !/^[（(]/.test(p)) break;
    out.unshift(p);
  }
  return out;
}

export function readDocx(file: string, bytes: Uint8Array): Workbook {
  const docBytes = readZipEntry(file, bytes, 'word/document.xml', DOCX_LIMITS.maxDocumentBytes);
  if (!docBytes) throw refuse(file, '不是 Word 文档（其中没有 word/document.xml），无法读取。');
  const xml = new TextDecoder('utf-8').decode(docBytes);
  let blocks: Block[];
  try {
    blocks = parseDocument(file, xml);
  } catch (err) {
    if (err instanceof XmlError) throw refuse(file, `文件已损坏（Word 正文内容不完整），无法读取。${REOPEN}`);
    throw err;
  }

  const sheets: SheetGrid[] = [];
  const forms: Map<string, string>[] = [];
  let between: string[] = [];
  let last: { grid: SheetGrid; header: CellValue[][]; width: number } | null = null;
  let tableNo = 0;
  let ledgerTables = 0;
  for (const block of blocks) {
    if (block.kind === 'p') {
      const text = trimText(block.text);
      if (text) between.push(text);
      continue;
    }
    const t = tableGrid(file, block.table);
    const captions = between;
    between = [];
    if (t.rows.length === 0) continue;
    if (isForm(t)) {
      forms.push(formRecord(t));
      last = null;
      continue;
    }
    if (t.width >= 2 && t.rows.length >= 3) ledgerTables++;
    const repeatsHeader = !!last && sameRow(t.rows[0], last.header[0]);
    const continues =
      !!last &&
      t.width === last.width &&
      (captions.length === 0 ||
        (captions.length <= 2 && captions.some((p) => CONTINUED.test(p))) ||
        (repeatsHeader && !captions.some((p) => TABLE_TITLE.test(p))));
    if (last && continues) {
      let k = 0;
      while (k < t.rows.length - 1 && k < last.header.length && sameRow(t.rows[k], last.header[k])) k++;
      const grid = last.grid;
      const offset = grid.rows.length - k;
      for (let r = k; r < t.rows.length; r++) grid.rows.push(t.rows[r]);
      for (const m of t.merges) {
        if (m.e.r < k) continue;
        grid.merges.push({ s: { r: Math.max(m.s.r, k) + offset, c: m.s.c }, e: { r: m.e.r + offset, c: m.e.c } });
      }
      continue;
    }
    const grid = emptyGrid(`表格${++tableNo}`, 'word-table');
    const above = captionsAbove(captions);
    grid.width = t.width;
    for (const p of above) {
      const row: CellValue[] = new Array(t.width).fill(null);
      row[0] = p;
      grid.rows.push(row);
    }
    const offset = grid.rows.length;
    grid.rows.push(...t.rows);
    grid.merges = t.merges.map((m) => ({ s: { r: m.s.r + offset, c: m.s.c }, e: { r: m.e.r + offset, c: m.e.c } }));
    sheets.push(grid);
    last = { grid, header: t.rows.slice(0, 3), width: t.width };
  }

  if (forms.length) {
    const grid = emptyGrid('登记表', 'word-form');
    const header: string[] = [];
    for (const f of forms) for (const label of f.keys()) if (!header.includes(label)) header.push(label);
    grid.rows.push(header);
    for (const f of forms) grid.rows.push(header.map((h) => f.get(h) || null));
    grid.width = header.length;
    sheets.push(grid);
  }

  const paragraphs = blocks.filter((b): b is { kind: 'p'; text: string } => b.kind === 'p').map((b) => trimText(b.text)).filter(Boolean);
  const letter = readLetter(paragraphs);
  if (ledgerTables === 0 && forms.length === 0 && letter.findings.length > 0) {
    const grid = emptyGrid('正文', 'word-paragraphs');
    grid.rows.push(['序号', '问题类别', '反馈问题', '意见建议']);
    letter.findings.forEach((f, i) => grid.rows.push([String(i + 1), f.category, f.text, f.suggestion]));
    grid.width = 4;
    sheets.push(grid);
  }

  const total = sheets.reduce((n, s) => n + s.rows.length, 0);
  if (total > DOCX_LIMITS.maxRows) throw refuse(file, `文档共有 ${total} 行，超过 ${DOCX_LIMITS.maxRows} 行的导入上限，请拆分后再导入。`);

  return { file, sheets, yearHint: yearHint(file, bytes, paragraphs, letter.dateLine) };
}

// ───────────────────────────── the year the document names ─────────────────────────────

const CN_DIGIT: Record<string, string> = { 〇: '0', '○': '0', 零: '0', O: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
const DATE_LINE = /^(20\d{2}|二[〇○零O][〇○零O一二三四五六七八九]{2})\s*年\s*[0-9一二三四五六七八九十]{1,3}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*日$/;

function yearOf(s: string): number | null {
  const arabic = /(20\d{2})\s*年/.exec(s);
  if (arabic) return Number(arabic[1]);
  const cn = /(二[〇○零O][〇○零O一二三四五六七八九]{2})\s*年/.exec(s);
  if (cn) return Number([...cn[1]].map((ch) => CN_DIGIT[ch] ?? '').join(''));
  return null;
}

function yearHint(file: string, bytes: Uint8Array, paragraphs: string[], dateLine: string | null): Workbook['yearHint'] {
  for (const p of paragraphs.slice(0, 3)) {
    const y = yearOf(p);
    if (y) return { value: y, from: '标题' };
  }
  const date = dateLine ?? [...paragraphs.slice(-12)].reverse().find((p) => DATE_LINE.test(p.replace(/[\s\u3000]+/g, ''))) ?? null;
  const y = date ? yearOf(date) : null;
  if (y) return { value: y, from: '落款日期' };
  let core: Uint8Array | null = null;
  try {
    core = readZipEntry(file, bytes, 'docProps/core.xml', 1024 * 1024);
  } catch {
    core = null;
  }
  if (core) {
    const xml = new TextDecoder().decode(core);
    const m = /<dcterms:created[^>]*>\s*(\d{4})-/.exec(xml) ?? /<dcterms:modified[^>]*>\s*(\d{4})-/.exec(xml);
    if (m && Number(m[1]) >= 1990 && Number(m[1]) <= 2100) return { value: Number(m[1]), from: '文件日期' };
  }
  return null;
}

// ───────────────────────────── feedback letters as numbered paragraphs ─────────────────────────────

interface Finding {
  category: string | null;
  text: string;
  suggestion: string | null;
}
interface Cat {
  name: string | null;
  heading: string;
  items: { raw: string; text: string }[];
  plain: string[];
}
interface Sec {
  kind: 'problems' | 'suggestions' | 'other';
  cats: Cat[];
}

const L1 = /^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|第[一二三四五六七八九十]{1,3}(?:部分|章)[、，,：:\s]?)\s*/;
const L2 = /^[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*[、.．]?\s*/;
const L3 = /^(?:\d{1,3}\s*[.．、](?!\d)|[（(]\s*\d{1,3}\s*[)）]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*/;
const SHI = /(?:^|[。；;，,：:]\s*)([一二三四五六七八九十]{1,2})是/g;
const CLOSING = /^(特此|此致|敬礼|附件[：:\s\d]|抄送|抄报)/;

function classify(heading: string): Sec['kind'] {
  if (/建议|对策/.test(heading) && !/存在|发现/.test(heading)) return 'suggestions';
  if (/问题|不足|短板|困难|差距|薄弱/.test(heading)) return 'problems';
  return 'other';
}

/** "一是…；二是…；三是…" split into its items (none when the paragraph has fewer than two). */
function splitShi(text: string): string[] {
  const marks = [...text.matchAll(SHI)];
  if (marks.length < 2 || marks[0][1] !== '一') return [];
  const items: string[] = [];
  for (let i = 0; i < marks.length; i++) {
    const start = (marks[i].index ?? 0) + marks[i][0].length;
    const end = i + 1 < marks.length ? (marks[i + 1].index ?? text.length) : text.length;
    const item = text.slice(start, end).replace(/^[，,：:\s]+|[；;。，,\s]+$/g, '');
    if (item) items.push(item);
  }
  return items;
}

/** A heading "（一）产业扶贫方面。余下的文字" → its name and the rest. */
function splitHeading(rest: string): { name: string; after: string } {
  const m = /^(.*?)[。：:；;]\s*(.*)$/s.exec(rest);
  if (m && m[1].length <= 40) return { name: m[1].trim(), after: m[2].trim() };
  return { name: rest.replace(/[。；;]$/, '').trim(), after: '' };
}

function readLetter(paragraphs: string[]): { findings: Finding[]; dateLine: string | null } {
  const sections: Sec[] = [];
  let dateLine: string | null = null;
  const hasL1 = paragraphs.some((p) => L1.test(p) && p.length <= 40);
  let sec: Sec | null = hasL1 ? null : { kind: 'problems', cats: [] };
  if (sec) sections.push(sec);
  let cat: Cat | null = null;
  const newCat = (name: string | null, heading: string): Cat => {
    const c: Cat = { name, heading, items: [], plain: [] };
    sec?.cats.push(c);
    return c;
  };
  const content = (text: string) => {
    if (!sec || !text) return;
    if (!cat) cat = newCat(null, '');
    const parts = splitShi(text);
    if (parts.length) for (const p of parts) cat.items.push({ raw: p, text: p });
    else cat.plain.push(text);
  };
  for (const raw of paragraphs) {
    const p = raw.replace(/\s*\n\s*/g, '');
    const compact = p.replace(/[\s\u3000]+/g, '');
    if (DATE_LINE.test(compact)) {
      dateLine = compact;
      if (sections.some((x) => x.cats.length)) break;
      continue;
    }
    if (CLOSING.test(compact) && sections.some((x) => x.cats.length)) break;
    const l1 = L1.exec(p);
    if (l1 && (p.length <= 40 || /[。：:]/.test(p.slice(0, 40)))) {
      const { name, after } = splitHeading(p.slice(l1[0].length));
      sec = { kind: classify(name), cats: [] };
      sections.push(sec);
      cat = null;
      content(after);
      continue;
    }
    if (!sec) continue;
    const l2 = L2.exec(p);
    if (l2) {
      const { name, after } = splitHeading(p.slice(l2[0].length));
      cat = newCat(name, p.slice(l2[0].length));
      content(after);
      continue;
    }
    const l3 = L3.exec(p);
    if (l3) {
      if (!cat) cat = newCat(null, '');
      cat.items.push({ raw: p, text: p.slice(l3[0].length).trim() });
      continue;
    }
    content(p);
  }

  const isStatement = (s: string) => /[，,。；;、]/.test(s) && !/[：:]$/.test(s) && s.length >= 6;
  interface Unit {
    cat: Cat;
    text: string;
    /** A bare "（二）…" heading with nothing under it: it states the finding itself, it is not a category. */
    bare: boolean;
  }
  const units = (s: Sec): Unit[] => {
    const out: Unit[] = [];
    const anyItems = s.cats.some((c) => c.items.length > 0);
    const anyNamed = s.cats.some((c) => c.name !== null);
    for (const c of s.cats) {
      if (c.items.length) {
        for (const it of c.items) out.push({ cat: c, text: it.text, bare: false });
      } else if (c.name !== null) {
        const statements = c.plain.filter(isStatement);
        if (statements.length) for (const p of statements) out.push({ cat: c, text: p, bare: false });
        else if (c.plain.length === 0 && !/方面$/.test(c.name)) out.push({ cat: c, text: c.heading.replace(/[；;。]$/, ''), bare: true });
      } else if (hasL1 && !anyItems && !anyNamed) {
        // A section of plain paragraphs only: each statement is one item.
        for (const p of c.plain.filter(isStatement)) out.push({ cat: c, text: p, bare: false });
      }
    }
    return out;
  };

  const findingsUnits = sections.filter((s) => s.kind === 'problems').flatMap(units);
  const findings: Finding[] = findingsUnits.map((u) => ({ category: u.bare ? null : u.cat.name, text: u.text, suggestion: null }));

  const suggestionSecs = sections.filter((s) => s.kind === 'suggestions');
  const sugCats = suggestionSecs.flatMap((s) => s.cats);
  const key = (s: string | null) => (s ?? '').replace(/[\s。．.，,；;：:、“”"]/g, '').replace(/方面|问题|建议|关于|进一步|工作|的/g, '');
  const catText = (c: Cat) => {
    const lines = [...c.plain, ...c.items.map((i) => i.raw)];
    return lines.length ? lines.join('\n') : c.heading;
  };
  const matchByName = (name: string | null) => {
    const k = key(name);
    if (k.length < 2) return null;
    return sugCats.find((c) => {
      const s = key(c.name);
      return s.length >= 2 && (s === k || s.includes(k) || k.includes(s));
    });
  };
  const byName = findingsUnits.some((u) => !u.bare && u.cat.name !== null && matchByName(u.cat.name));
  if (byName) {
    findingsUnits.forEach((u, i) => {
      const c = u.bare ? null : matchByName(u.cat.name);
      if (c) findings[i].suggestion = catText(c);
    });
  } else {
    const sug = suggestionSecs.flatMap(units);
    if (sug.length > 0 && sug.length === findings.length) sug.forEach((s, i) => (findings[i].suggestion = s.text));
  }
  return { findings, dateLine };
}
