import { createHash } from 'node:crypto';
import { cellText } from './cell-text.ts';
import { columnLetter, type SheetGrid } from './read-workbook.ts';
import { normalizeHeader } from './synonyms.ts';
import type { ColumnRole, LedgerField } from './types.ts';

/**
 * Where the table is on a sheet: title rows, "填报单位/填报日期" lines and "（截至…）" captions sit
 * above a header of one or two rows (a group cell merged over its parts: 责任单位 over 牵头单位 /
 * 配合单位, 整改情况 over 进展 / 状态). The header is the row whose cells name the most ledger fields.
 */

export interface LocatedTable {
  /** 0-based first and last header row. */
  headerFirst: number;
  headerLast: number;
  columns: { index: number; letter: string; header: string; role: ColumnRole; hidden: boolean }[];
  caption: string[];
  signature: string;
  /** A year named above the table (填报日期, 截至…), for deadlines written without one. */
  yearHint: number | null;
}

const SCAN_ROWS = 40;
const TEXT_FIELDS: ReadonlySet<ColumnRole> = new Set<ColumnRole>(['finding', 'measure']);

type Matcher = (header: string) => ColumnRole | null;

function rowRoles(grid: SheetGrid, r: number, match: Matcher): Map<number, ColumnRole> {
  const roles = new Map<number, ColumnRole>();
  const row = grid.rows[r] ?? [];
  for (let c = 0; c < row.length; c++) {
    if (grid.hiddenColumns.has(c)) continue;
    const text = cellText(row[c]);
    if (!text || text.length > 24) continue;
    const role = match(text);
    if (role && role !== 'ignore') roles.set(c, role);
  }
  return roles;
}

function score(roles: Map<number, ColumnRole>): number {
  return new Set(roles.values()).size;
}

export function locateTable(grid: SheetGrid, match: Matcher): LocatedTable | null {
  let best = -1;
  let bestScore = 0;
  const limit = Math.min(grid.rows.length, SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const roles = rowRoles(grid, r, match);
    const s = score(roles);
    const hasText = [...roles.values()].some((role) => TEXT_FIELDS.has(role));
    if (s >= 2 && hasText && s > bestScore) {
      best = r;
      bestScore = s;
    }
  }
  // A two-row header may name the text column only on its second row ("整改情况" over 进展/状态 …).
  if (best < 0) {
    for (let r = 0; r + 1 < limit; r++) {
      const both = new Map([...rowRoles(grid, r, match), ...rowRoles(grid, r + 1, match)]);
      if (score(both) >= 3 && [...both.values()].some((role) => TEXT_FIELDS.has(role)) && isGroupedHeader(grid, r)) {
        best = r;
        break;
      }
    }
  }
  if (best < 0) return null;

  // The chosen row may be the lower half of a two-row header (its cells filled from merges above).
  if (best > 0 && grid.merges.some((m) => m.s.r === best - 1 && m.e.r >= best) && rowRoles(grid, best - 1, match).size > 0) best -= 1;
  const twoRows = isGroupedHeader(grid, best) && best + 1 < grid.rows.length && looksLikeHeaderRow(grid, best + 1, match);
  const headerLast = twoRows ? best + 1 : best;
  const width = Math.max(grid.rows[best]?.length ?? 0, grid.rows[headerLast]?.length ?? 0);
  const columns: LocatedTable['columns'] = [];
  const used = new Set<ColumnRole>();
  for (let c = 0; c < width; c++) {
    const top = cellText(grid.rows[best]?.[c]);
    const bottom = twoRows ? cellText(grid.rows[headerLast]?.[c]) : '';
    const header = bottom && bottom !== top ? (top ? `${top}/${bottom}` : bottom) : top;
    const hidden = grid.hiddenColumns.has(c);
    let role: ColumnRole | null = null;
    if (!hidden) {
      if (bottom && bottom !== top) role = match(bottom) ?? match(`${top}${bottom}`) ?? match(top);
      else if (top) role = match(top);
    }
    // The first column of a field wins; a ✓ column per status may repeat across statuses only.
    if (role && used.has(role)) role = null;
    if (role) used.add(role);
    if (!header && !role) continue;
    columns.push({ index: c, letter: columnLetter(c), header, role: role ?? 'ignore', hidden });
  }
  const caption: string[] = [];
  for (let r = 0; r < best; r++) {
    const texts = [...new Set((grid.rows[r] ?? []).map(cellText).filter(Boolean))];
    if (texts.length) caption.push(texts.join('  '));
  }
  const signature = createHash('sha1')
    .update(columns.map((c) => normalizeHeader(c.header)).join('|'))
    .digest('hex')
    .slice(0, 16);
  return { headerFirst: best, headerLast, columns, caption, signature, yearHint: yearIn(caption) };
}

/** A merge starting on the row that spans rows (序号 over two rows) or columns (责任单位 over two). */
function isGroupedHeader(grid: SheetGrid, r: number): boolean {
  return grid.merges.some((m) => m.s.r === r && (m.e.r > r || m.e.c > m.s.c));
}

function looksLikeHeaderRow(grid: SheetGrid, r: number, match: Matcher): boolean {
  const row = grid.rows[r] ?? [];
  if (row.some((v) => typeof v === 'number' || v instanceof Date)) return false;
  return rowRoles(grid, r, match).size >= 1 && row.every((v) => cellText(v).length <= 24);
}

function yearIn(lines: string[]): number | null {
  for (const line of lines) {
    const m = /(20\d{2})\s*年/.exec(line) ?? /(20\d{2})[.\/-]\d{1,2}/.exec(line);
    if (m) return Number(m[1]);
  }
  return null;
}

/** field → column letter, the way the CLI's JSON shows a mapping. */
export function mappingOf(columns: LocatedTable['columns']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of columns) if (c.role !== 'ignore') out[c.role] = c.letter;
  return out;
}

export function fieldColumn(columns: LocatedTable['columns'], field: LedgerField): number | null {
  return columns.find((c) => c.role === field)?.index ?? null;
}
