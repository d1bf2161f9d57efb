import { createHash } from 'node:crypto';
import { cellText } from './cell-text.ts';
import { classifyColumns, type ColumnInput } from './columns/classify.ts';
import { profileColumn } from './columns/evidence.ts';
import { headerText, normalizeHeader } from './columns/header-text.ts';
import { readHeaderWords } from './columns/header-rules.ts';
import { statusFromWords } from './values/status-words.ts';
import { columnLetter, type SheetGrid } from './read-workbook.ts';
import type { ColumnRole, LedgerField } from './types.ts';

/**
 * Where the tables are on a sheet. Title rows, "填报单位/填报日期" lines and "（截至…）" captions sit
 * above a header of one or two rows (a group cell merged over its parts: 责任单位 over 牵头单位 /
 * 配合单位, 整改情况 over 进展 / 状态). A compiled 汇总表 stacks several blocks, each with its own
 * caption and header; a ledger pasted together from printed pages repeats its header row.
 */

export interface LocatedColumn {
  index: number;
  letter: string;
  header: string;
  role: ColumnRole;
  also: LedgerField | null;
  hidden: boolean;
  reason: string;
}

export interface LocatedTable {
  block: number;
  /** 0-based first and last header row, and the row after the block's last data row. */
  headerFirst: number;
  headerLast: number;
  dataEnd: number;
  columns: LocatedColumn[];
  caption: string[];
  /** Key of the clerk's column choices (the header's texts). */
  signature: string;
  /** Key of a header row the clerk pointed at (its own texts), remembered for the next file. */
  rowSignature: string;
  headerChosen: boolean;
  /** Rows inside the block that repeat its header (printed pages pasted together). */
  repeatedHeaders: Set<number>;
  captionGives: { source: string | null; category: string | null };
  /** A year the caption names (标题, 填报日期, 截至…), and which line named it. */
  captionYear: { value: number; from: string } | null;
}

export interface LocateContext {
  /** The office's own header words. */
  own: Map<string, LedgerField>;
  knownUnit: (name: string) => boolean;
  /** A header row the clerk pointed at (0-based). */
  chosenRow?: number;
  /** Row signatures of headers clerks pointed at before. */
  rememberedRows?: ReadonlySet<string>;
}

const FIRST_SCAN = 60;
const ITEM_ROLES: ReadonlySet<ColumnRole> = new Set<ColumnRole>(['finding', 'measure', 'suggestion']);

interface RowScore {
  roles: number;
  item: boolean;
}

/** How much a row looks like a header: the fields its words name; data rows (numbers, dates, prose) score nothing. */
function headerScore(grid: SheetGrid, r: number, own: Map<string, LedgerField>, cache: Map<string, ColumnRole | null>): RowScore {
  const row = grid.rows[r];
  const none = { roles: 0, item: false };
  if (!row || row.length === 0) return none;
  const roles = new Set<ColumnRole>();
  let cells = 0;
  let known = 0;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (v === null || v === undefined || grid.hiddenColumns.has(c)) continue;
    if (typeof v !== 'string') return none;
    const key = v.length > 40 ? '' : normalizeHeader(v);
    if (!key) {
      if (v.trim()) return none;
      continue;
    }
    if (key.length > 24) return none;
    cells++;
    let role = cache.get(key);
    if (role === undefined) {
      const status = key.length <= 6 && !/状态|情况|是否|进度|结果/.test(key) ? statusFromWords(key) : null;
      role = status ? (`status:${status}` as ColumnRole) : (readHeaderWords(key, headerText(v).remarks, own)?.role ?? null);
      cache.set(key, role);
    }
    if (role) {
      known++;
      if (role !== 'extra') roles.add(role.startsWith('status:') ? 'status' : role);
    }
  }
  // Merged cells repeat one header word across columns; count the distinct texts' share.
  if (cells === 0 || known / cells < 0.5) return none;
  return { roles: roles.size, item: [...roles].some((x) => ITEM_ROLES.has(x)) };
}

const isHeader = (s: RowScore) => (s.roles >= 2 && s.item) || s.roles >= 3;

export function rowSignature(grid: SheetGrid, r: number): string {
  return hash((grid.rows[r] ?? []).map((v) => normalizeHeader(cellText(v))).join('|'));
}

const hash = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 16);

export function locateTables(grid: SheetGrid, ctx: LocateContext): LocatedTable[] {
  const cache = new Map<string, ColumnRole | null>();
  const limit = Math.min(grid.rows.length, FIRST_SCAN);
  let first = -1;
  let chosen = false;
  if (ctx.chosenRow !== undefined && ctx.chosenRow < grid.rows.length) {
    first = ctx.chosenRow;
    chosen = true;
  }
  if (first < 0 && ctx.rememberedRows?.size) {
    for (let r = 0; r < limit && first < 0; r++) if (ctx.rememberedRows.has(rowSignature(grid, r))) [first, chosen] = [r, true];
  }
  let firstScore: RowScore = { roles: 0, item: false };
  if (first < 0) {
    for (let r = 0; r < limit; r++) {
      const s = headerScore(grid, r, ctx.own, cache);
      if (isHeader(s) && s.roles > firstScore.roles) [first, firstScore] = [r, s];
    }
    // A two-row header may name its item only on the second row ("整改情况" over 进展/状态 …).
    if (first < 0) {
      for (let r = 0; r + 1 < limit && first < 0; r++) {
        if (!isGroupedHeader(grid, r)) continue;
        const a = headerScore(grid, r, ctx.own, cache);
        const b = headerScore(grid, r + 1, ctx.own, cache);
        if (a.roles + b.roles >= 3 && (a.item || b.item)) [first, firstScore] = [r, { roles: a.roles + b.roles, item: true }];
      }
    }
    if (first < 0) return [];
    // The chosen row may be the lower half of a two-row header (its cells filled from merges above).
    if (first > 0 && grid.merges.some((m) => m.s.r === first - 1 && m.e.r >= first) && headerScore(grid, first - 1, ctx.own, cache).roles > 0) first -= 1;
  } else {
    firstScore = headerScore(grid, first, ctx.own, cache);
  }

  // Later header rows: a repeat of the first (pasted pages) or the header of another block.
  const firstSig = rowSignature(grid, first);
  const starts: { row: number; repeat: boolean }[] = [{ row: first, repeat: false }];
  const bar = Math.max(2, firstScore.roles - 2);
  for (let r = headerLastOf(grid, first, ctx, cache) + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (!row || row.length === 0 || typeof row.find((v) => v !== null) !== 'string') continue;
    const s = headerScore(grid, r, ctx.own, cache);
    if (!(s.item && s.roles >= bar) && !(s.roles >= 2 && rowSignature(grid, r) === firstSig)) continue;
    starts.push({ row: r, repeat: rowSignature(grid, r) === firstSig });
    r = headerLastOf(grid, r, ctx, cache);
  }

  const tables: LocatedTable[] = [];
  for (let k = 0; k < starts.length; k++) {
    const { row, repeat } = starts[k];
    const captionStart = k === 0 ? 0 : captionAbove(grid, row, tables[tables.length - 1].headerLast + 1);
    if (k > 0 && repeat && captionStart === row) {
      // The same header again with nothing above it: the same table, continued.
      const last = tables[tables.length - 1];
      for (let r = row; r <= headerLastOf(grid, row, ctx, cache); r++) last.repeatedHeaders.add(r);
      continue;
    }
    if (k > 0) tables[tables.length - 1].dataEnd = captionStart;
    const headerLast = headerLastOf(grid, row, ctx, cache);
    const caption: string[] = [];
    for (let r = captionStart; r < row; r++) {
      const texts = [...new Set((grid.rows[r] ?? []).map(cellText).filter(Boolean))];
      if (texts.length) caption.push(texts.join('  '));
    }
    tables.push({
      block: tables.length,
      headerFirst: row,
      headerLast,
      dataEnd: grid.rows.length,
      columns: [],
      caption,
      signature: '',
      rowSignature: rowSignature(grid, row),
      headerChosen: k === 0 && chosen,
      repeatedHeaders: new Set(),
      captionGives: captionMeaning(k === 0 ? caption : caption),
      captionYear: yearIn(caption),
    });
  }
  for (const t of tables) describeColumns(grid, t, ctx);
  return tables;
}

function headerLastOf(grid: SheetGrid, r: number, ctx: LocateContext, cache: Map<string, ColumnRole | null>): number {
  if (r + 1 >= grid.rows.length) return r;
  if (isGroupedHeader(grid, r) && looksLikeHeaderRow(grid, r + 1, ctx, cache)) return r + 1;
  return r;
}

/** Caption lines directly above a later block's header: one text a row (a merged title), at most three. */
function captionAbove(grid: SheetGrid, header: number, floor: number): number {
  let r = header;
  while (r - 1 >= floor && header - (r - 1) <= 3) {
    const texts = [...new Set((grid.rows[r - 1] ?? []).map(cellText).filter(Boolean))];
    if (texts.length !== 1 || texts[0].length > 80) break;
    r--;
  }
  return r;
}

/** A merge starting on the row that spans rows (序号 over two rows) or columns (责任单位 over two). */
function isGroupedHeader(grid: SheetGrid, r: number): boolean {
  return grid.merges.some((m) => m.s.r === r && (m.e.r > r || m.e.c > m.s.c));
}

function looksLikeHeaderRow(grid: SheetGrid, r: number, ctx: LocateContext, cache: Map<string, ColumnRole | null>): boolean {
  const row = grid.rows[r] ?? [];
  if (row.some((v) => typeof v === 'number' || v instanceof Date)) return false;
  return headerScore(grid, r, ctx.own, cache).roles >= 1 && row.every((v) => cellText(v).length <= 24);
}

function describeColumns(grid: SheetGrid, t: LocatedTable, ctx: LocateContext): void {
  const twoRows = t.headerLast > t.headerFirst;
  const width = Math.max(grid.rows[t.headerFirst]?.length ?? 0, grid.rows[t.headerLast]?.length ?? 0, Math.min(grid.width, 60));
  const inputs: (ColumnInput & { header: string })[] = [];
  for (let c = 0; c < width; c++) {
    const top = cellText(grid.rows[t.headerFirst]?.[c]);
    const bottom = twoRows ? cellText(grid.rows[t.headerLast]?.[c]) : '';
    const header = bottom && bottom !== top ? (top ? `${top}/${bottom}` : bottom) : top;
    const profile = profileColumn(grid, c, t.headerLast + 1, t.dataEnd, ctx.knownUnit);
    if (!header && profile.n === 0) continue;
    inputs.push({ index: c, top, bottom: bottom !== top ? bottom : '', hidden: grid.hiddenColumns.has(c), profile, header });
  }
  const classified = classifyColumns(inputs, ctx.own);
  t.columns = inputs.map((input, i) => ({
    index: input.index,
    letter: columnLetter(input.index),
    header: input.header,
    role: classified[i].role,
    also: classified[i].also,
    hidden: input.hidden,
    reason: classified[i].reason,
  }));
  t.signature = hash(t.columns.map((c) => normalizeHeader(c.header)).join('|'));
}

/** A party at its level: 民盟清河县委, 九三学社XX市委会, 民革四川省委, XX县工商联, 无党派人士. */
const PARTY_NAME =
  /(?:中国)?(?:国民党革命委员会|民革|民盟|民建|民进|农工党|致公党|九三学社|台盟)(?:[^\s，。、：:（(]{0,10}?(?:委员会|委会|工委|总支|支部|小组|中央|委))?|[^\s，。、：:（(]{0,8}?工商联|无党派人士|无党派/;

/** A caption naming a party gives the block's source; one naming an area (…方面, 一、…) its category. */
export function captionMeaning(caption: string[]): { source: string | null; category: string | null } {
  let source: string | null = null;
  let category: string | null = null;
  for (const line of caption) {
    const t = line.replace(/^[一二三四五六七八九十\d]+[、.．]\s*|^[（(][一二三四五六七八九十\d]+[）)]\s*/, '').trim();
    const party = PARTY_NAME.exec(t);
    if (party && !source) {
      source = party[0];
      continue;
    }
    if (!category && /方面|领域|专项|板块/.test(t) && t.length <= 30 && !/台账|清单|情况表|一览表|汇总表/.test(t)) category = t.replace(/[（(].*?[）)]$/, '').replace(/[：:。]$/, '');
  }
  return { source, category };
}

export function yearIn(lines: string[]): { value: number; from: string } | null {
  for (const line of lines) {
    const m = /(20\d{2})\s*年/.exec(line) ?? /(20\d{2})[.\/-]\d{1,2}/.exec(line);
    if (m) return { value: Number(m[1]), from: /填报|报送/.test(line) ? '填报日期' : /截至|截止/.test(line) ? '截至日期' : '表格标题' };
  }
  return null;
}

/** field → column letter, the way the CLI's JSON shows a mapping. */
export function mappingOf(columns: LocatedColumn[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of columns) if (c.role !== 'ignore' && c.role !== 'extra' && !(c.role in out)) out[c.role] = c.letter;
  return out;
}
