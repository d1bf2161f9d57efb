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
export const NOTE = style({ font: { name: '宋体', size: 9, color: { argb: 'FF595959' } }, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } });
export const TOTAL_LEFT = style({ ...CELL_CENTER, font: { ...BODY_FONT, bold: true } });
export const PERCENT = style({ ...CELL_CENTER, numFmt: '0.00%' });
export const TOTAL_PERCENT = style({ ...TOTAL_LEFT, numFmt: '0.00%' });

/** The signal cell: red / yellow / green fill with dark text, readable in black and white too. */
export const SIGNAL: Record<Signal, Partial<ExcelJS.Style>> = {
  red: style({ ...CELL_CENTER, font: { ...BODY_FONT, color: { argb: 'FF9C0006' }, bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } }),
  yellow: style({ ...CELL_CENTER, font: { ...BODY_FONT, color: { argb: 'FF9C5700' } }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } } }),
  green: style({ ...CELL_CENTER, font: { ...BODY_FONT, color: { argb: 'FF006100' } }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' } } }),
};

/** A4 landscape, every column on one page width, any number of pages tall. */
export function printSetup(orientation: 'landscape' | 'portrait', titleRows?: string): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
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
