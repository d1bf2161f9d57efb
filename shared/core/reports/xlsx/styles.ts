import type ExcelJS from 'exceljs';
import type { Signal } from '../../../domain/vocabulary.ts';

/**
 * Shared style objects: every cell of a kind points at the same object, which keeps a
 * 10,000-row export close to the cost of writing plain values.
 */
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
export const BODY_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10 };

function style(s: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  return Object.freeze(s) as Partial<ExcelJS.Style>;
}

export const TITLE = style({ font: { name: '宋体', size: 18, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } });
export const CAPTION_LEFT = style({ font: { name: '宋体', size: 11 }, alignment: { horizontal: 'left', vertical: 'middle' } });
export const CAPTION_RIGHT = style({ font: { name: '宋体', size: 11 }, alignment: { horizontal: 'right', vertical: 'middle' } });
export const HEADER = style({
  font: { name: '黑体', size: 11, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  border: BORDER,
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
});
export const CELL_LEFT = style({ font: BODY_FONT, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true }, border: BORDER });
export const CELL_CENTER = style({ font: BODY_FONT, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, border: BORDER });
export const GROUP = style({
  font: { name: '黑体', size: 11, bold: true },
  alignment: { horizontal: 'left', vertical: 'middle' },
  border: BORDER,
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
});
export const NOTE = style({ font: { name: '宋体', size: 10, color: { argb: 'FF595959' } }, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } });
export const TOTAL_LEFT = style({ ...CELL_CENTER, font: { ...BODY_FONT, bold: true } });
export const PERCENT = style({ ...CELL_CENTER, numFmt: '0.00%' });
export const TOTAL_PERCENT = style({ ...TOTAL_LEFT, numFmt: '0.00%' });

/** The signal cell: red / yellow / green fill with dark text, readable in black and white too. */
export const SIGNAL: Record<Signal, Partial<ExcelJS.Style>> = {
  red: style({ ...CELL_CENTER, font: { ...BODY_FONT, color: { argb: 'FF9C0006' }, bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } }),
  yellow: style({ ...CELL_CENTER, font: { ...BODY_FONT, color: { argb: 'FF9C5700' } }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } } }),
  green: style({ ...CELL_CENTER, font: { ...BODY_FONT, color: { argb: 'FF006100' } }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' } } }),
};

/**
 * Paper and margins of every printed workbook, in points. A sheet prints at a scale; what the
 * reader holds is font size × scale, so the scale is worked out here rather than left to
 * fit-to-page (which shrank a 16-column ledger to 5 pt on A4).
 */
export type Paper = 'A4' | 'A3';
const PAPER_CODE: Record<Paper, number> = { A4: 9, A3: 8 };
/** Portrait width × height in points. */
const PAPER_PT: Record<Paper, { width: number; height: number }> = {
  A4: { width: (210 / 25.4) * 72, height: (297 / 25.4) * 72 },
  A3: { width: (297 / 25.4) * 72, height: (420 / 25.4) * 72 },
};
/** Inches, as the page setup stores them; header and footer sit inside top and bottom. */
export const PRINT_MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 } as const;
/** The smallest body text a ledger may print at. */
export const MIN_PRINTED_PT = 9;

/**
 * A column's width in points: Excel draws a width of w characters as w × 7 + 5 pixels for the
 * workbook's default font (Calibri 11, 7-pixel digits), at 96 pixels an inch.
 */
export function columnPoints(width: number): number {
  return ((Math.floor(width * 7 + 0.5) + 5) * 72) / 96;
}

/** The printable area of a page in points (paper less margins). */
export function printableArea(paper: Paper, orientation: 'landscape' | 'portrait'): { width: number; height: number } {
  const p = PAPER_PT[paper];
  const [w, h] = orientation === 'landscape' ? [p.height, p.width] : [p.width, p.height];
  const m = PRINT_MARGINS;
  return { width: w - (m.left + m.right) * 72, height: h - (m.top + m.bottom) * 72 };
}

/** The largest scale (≤ 1) at which the columns fit the page width. */
export function widthScale(widths: readonly number[], paper: Paper, orientation: 'landscape' | 'portrait'): number {
  const total = widths.reduce((sum, w) => sum + columnPoints(w), 0);
  return Math.min(1, printableArea(paper, orientation).width / total);
}

/**
 * The paper and the whole-percent scale a landscape sheet prints at: A4 when its columns fit there
 * with body text at MIN_PRINTED_PT or more, else A3 (the clerk chose more columns than A4 holds).
 */
export function chooseLandscapePaper(widths: readonly number[], bodyPt: number): { paper: Paper; scale: number } {
  for (const paper of ['A4', 'A3'] as const) {
    const scale = Math.floor(widthScale(widths, paper, 'landscape') * 100);
    if (paper === 'A3' || (bodyPt * scale) / 100 >= MIN_PRINTED_PT) return { paper, scale };
  }
  throw new Error('unreachable');
}

/**
 * Page setup: landscape or portrait on A4 (or A3), margins as above, header rows repeated, fitted
 * to one page width and any number of pages tall. Fit-to-width rather than a fixed scale: Excel,
 * WPS and LibreOffice each measure column widths with their own fonts, and a fixed scale that
 * fits in one cuts the last columns off in another. The columns are sized so that the fitted
 * scale keeps body text at MIN_PRINTED_PT (chooseLandscapePaper).
 */
export function printSetup(orientation: 'landscape' | 'portrait', titleRows?: string, layout: { paper?: Paper } = {}): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: PAPER_CODE[layout.paper ?? 'A4'],
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { ...PRINT_MARGINS },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
}

export const PAGE_FOOTER = '&C第 &P 页 共 &N 页';

/** Rows of wrapped text: estimate the height from the widest-running cell (Excel does not autofit). */
export function rowHeight(values: readonly string[], widths: readonly number[], pointsPerLine = 13.5): number {
  let lines = 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const room = Math.max(1, widths[i] - 1);
    // Most cells are short: two units a character at most, so no need to measure them.
    if (!v || (v.length * 2 <= room && !v.includes('\n'))) continue;
    let n = 0;
    for (const part of v.split('\n')) n += Math.max(1, Math.ceil(textWidth(part) / room));
    if (n > lines) lines = n;
  }
  return Math.min(409, lines * pointsPerLine + 4);
}

/** Width in Excel units: about 2 per Chinese character, 1 per Latin letter or digit (at 10 pt). */
export function textWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) w += s.charCodeAt(i) > 0x2e7f ? 1.9 : 1;
  return w;
}
