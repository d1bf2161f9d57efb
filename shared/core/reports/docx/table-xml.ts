/**
 * Tables of a report written as WordprocessingML text. A 1,000-finding 附件 has some 25,000 cells;
 * built as docx objects it takes seconds and most of that in garbage collection, while the same
 * XML as strings takes milliseconds. The docx library still writes everything around the tables;
 * packDocument splices these in where their placeholders stand.
 */

import { xmlSafe } from '../../../domain/xml-text.ts';

export interface TableColumn {
  header: string;
  /** Share of the text width. */
  weight: number;
  align?: 'left' | 'center';
}

/** A cell's text, a cell spanning rows downwards, or null where a span from above covers it. */
export type CellValue = string | { text: string; rowSpan: number } | null;

/** A row of cells, or a heading row across the whole table ("一、民革市委 市民革〔2026〕3号"). */
export type TableRow = readonly CellValue[] | { heading: string };

const escape = (s: string) => xmlSafe(s).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));

const paragraphs = (text: string, style: string) =>
  text
    .split('\n')
    .map((line) => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr>${line ? `<w:r><w:t xml:space="preserve">${escape(line)}</w:t></w:r>` : ''}</w:p>`)
    .join('');

const BORDER = '<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>' +
  '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>' +
  '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>';

/**
 * A bordered, fixed-layout table whose header row repeats on every printed page (w:tblHeader on
 * its leading row); no row is split across pages (w:cantSplit on every row).
 */
export function tableXml(
  columns: readonly TableColumn[],
  rows: readonly TableRow[],
  opts: { width: number; styles: { plain: string; centre: string; head: string } },
): string {
  const total = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => Math.floor((opts.width * c.weight) / total));
  const width = widths.reduce((a, b) => a + b, 0);
  const out: string[] = [
    `<w:tbl><w:tblPr><w:tblW w:w="${width}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${BORDER}</w:tblBorders>` +
      '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="60" w:type="dxa"/>' +
      '<w:bottom w:w="30" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr>',
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
    '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>',
    ...columns.map((c, i) => `<w:tc><w:tcPr><w:tcW w:w="${widths[i]}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>${paragraphs(c.header, opts.styles.head)}</w:tc>`),
    '</w:tr>',
  ];
  // Which rows a span still covers, per column.
  const covered = new Array<number>(columns.length).fill(0);
  for (const r of rows) {
    if (!Array.isArray(r)) {
      // A heading row is kept with the row under it (keepNext on its paragraph).
      const h = (r as { heading: string }).heading;
      out.push(
        `<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/><w:gridSpan w:val="${columns.length}"/></w:tcPr>` +
          `<w:p><w:pPr><w:pStyle w:val="${opts.styles.head}"/><w:keepNext/><w:jc w:val="left"/></w:pPr><w:r><w:t xml:space="preserve">${escape(h)}</w:t></w:r></w:p></w:tc></w:tr>`,
      );
      continue;
    }
    out.push('<w:tr><w:trPr><w:cantSplit/></w:trPr>');
    const cells = r as readonly CellValue[];
    for (let i = 0; i < columns.length; i++) {
      const v = cells[i];
      const style = columns[i].align === 'center' ? opts.styles.centre : opts.styles.plain;
      const tcW = `<w:tcW w:w="${widths[i]}" w:type="dxa"/>`;
      if (covered[i] > 0) {
        covered[i]--;
        out.push(`<w:tc><w:tcPr>${tcW}<w:vMerge/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr></w:p></w:tc>`);
        continue;
      }
      if (v !== null && typeof v === 'object' && v.rowSpan > 1) {
        covered[i] = v.rowSpan - 1;
        out.push(`<w:tc><w:tcPr>${tcW}<w:vMerge w:val="restart"/><w:vAlign w:val="center"/></w:tcPr>${paragraphs(v.text, style)}</w:tc>`);
        continue;
      }
      const text = v === null ? '' : typeof v === 'string' ? v : v.text;
      out.push(`<w:tc><w:tcPr>${tcW}<w:vAlign w:val="center"/></w:tcPr>${paragraphs(text, style)}</w:tc>`);
    }
    out.push('</w:tr>');
  }
  out.push('</w:tbl>');
  return out.join('');
}
