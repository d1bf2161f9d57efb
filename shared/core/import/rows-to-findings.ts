import type { MeasureStatus } from '../../domain/vocabulary.ts';
import { categoryOf, parseCategoryLine } from './categories.ts';
import { cellText } from './cell-text.ts';
import type { LocatedTable } from './locate-table.ts';
import { columnLetter, type CellValue, type SheetGrid } from './read-workbook.ts';
import type { ImportIssue, LedgerField, ParsedFinding, ParsedMeasure, RowOutcome } from './types.ts';
import { parseDeadline } from './values/deadline.ts';
import { splitMeasures } from './values/measures-in-cell.ts';
import { isTick, statusFromWords } from './values/status-words.ts';
import { splitUnits } from './values/units.ts';

/**
 * The rows under a located header → findings with their measures. A finding spans several rows when
 * its cell is merged down (already filled across by the reader), when sub-numbers follow it
 * (1, 1.1, 1.2), or when rows carry measures with the finding cell left empty.
 */

export interface SheetResult {
  findings: ParsedFinding[];
  rows: RowOutcome[];
  warnings: ImportIssue[];
}

const FOOTER = /^(?:合\s*计|总\s*计|小\s*计|注[:：\s]|注\d|备注[:：]|说明[:：]|填\s*报\s*人|联系电话|联系人[:：]|审\s*核\s*人|制\s*表\s*人|填报单位[:：]|填报日期|单位负责人|负责人[:：]|分管领导[:：]|签\s*字|（?盖章）?$)/;
const TOP_SEQ = /^(\d{1,4})[.．、]?$/;
const SUB_SEQ = /^(\d{1,4})[.．\-－](\d{1,3})$/;
const CN_SEQ = /^[一二三四五六七八九十]{1,3}[、.．]?$/;
const TOTAL = /^(?:合\s*计|总\s*计)$/;

export function rowsToFindings(grid: SheetGrid, table: LocatedTable, defaultYear: number): SheetResult {
  const sheet = grid.name;
  const col = new Map<LedgerField, number>();
  const statusColumns: { index: number; status: MeasureStatus }[] = [];
  for (const c of table.columns) {
    if (c.role === 'ignore' || c.hidden) continue;
    if (c.role.startsWith('status:')) statusColumns.push({ index: c.index, status: c.role.slice(7) as MeasureStatus });
    else col.set(c.role as LedgerField, c.index);
  }
  // "牵头单位 | 责任单位" side by side: the second names the co-operating units.
  const coIndex = col.get('coUnit') ?? (col.has('leadUnit') ? col.get('units') : undefined);
  const leadIndex = col.get('leadUnit') ?? col.get('units');
  const visible = table.columns.filter((c) => !c.hidden).map((c) => c.index);
  const year = table.yearHint ?? defaultYear;

  const findings: ParsedFinding[] = [];
  const rows: RowOutcome[] = [];
  const warnings: ImportIssue[] = [];
  let level1: string | null = null;
  let level2: string | null = null;
  let current: ParsedFinding | null = null;
  let lastMeasureText = '';
  // Templates repeat the same few deadline words thousands of times; read each once.
  const deadlines = new Map<string, ReturnType<typeof parseDeadline>>();
  const readDeadline = (cell: CellValue) => {
    const key = cell instanceof Date ? `d${cell.getTime()}` : `${typeof cell}:${String(cell)}`;
    let hit = deadlines.get(key);
    if (!hit) deadlines.set(key, (hit = parseDeadline(cell, year)));
    return hit;
  };

  // Column indexes looked up once, not per cell; rows are read without a closure per row.
  const at = (field: LedgerField): number => col.get(field) ?? -1;
  const seqAt = at('seq');
  const findingAt = at('finding');
  const measureAt = at('measure');
  const categoryAt = at('category');
  const suggestionAt = at('suggestion');
  const targetAt = at('target');
  const noteAt = at('note');
  const statusAt = at('status');
  const leaderAt = at('leader');
  const personAt = at('person');
  const progressAt = at('progress');
  const textOf = (raw: CellValue[], i: number): string => (i < 0 ? '' : cellText(raw[i]));
  // The same few unit cells and status words repeat on thousands of rows: read each once.
  const unitCache = new Map<string, ReturnType<typeof splitUnits>>();
  const readUnits = (lead: string | null, co: string | null) => {
    const key = `${lead === null ? '\u0001' : lead}\u0000${co === null ? '\u0001' : co}`;
    let hit = unitCache.get(key);
    if (!hit) unitCache.set(key, (hit = splitUnits(lead, co)));
    return { lead: hit.lead, co: hit.co.slice() };
  };
  const statusCache = new Map<string, MeasureStatus | null>();
  const readStatus = (text: string) => {
    let hit = statusCache.get(text);
    if (hit === undefined) statusCache.set(text, (hit = statusFromWords(text)));
    return hit;
  };

  for (let r = table.headerLast + 1; r < grid.rows.length; r++) {
    const raw = grid.rows[r];
    if (!raw || raw.length === 0) continue;
    const texts: string[] = [];
    for (const i of visible) {
      const t = cellText(raw[i]);
      if (t) texts.push(t);
    }
    if (texts.length === 0) continue;
    const rowNo = r + 1;
    // The row's distinct texts, in order (a row has a handful of cells: no Set needed).
    const distinct: string[] = [];
    for (const t of texts) if (!distinct.includes(t)) distinct.push(t);
    const excerpt = distinct.join(' | ').slice(0, 80);

    if (grid.hiddenRows.has(r)) {
      rows.push({ sheet, row: rowNo, outcome: 'skipped', reason: '隐藏行，未导入', excerpt });
      continue;
    }
    const first = texts[0];
    if (FOOTER.test(first) || texts.some((t) => TOTAL.test(t))) {
      const reason = /^(?:合|总|小)/.test(first) ? '合计行' : /^(?:注|备注|说明)/.test(first) ? '注释' : '表尾（填报人/联系电话等）';
      rows.push({ sheet, row: rowNo, outcome: 'skipped', reason, excerpt });
      continue;
    }
    const seqText = textOf(raw, seqAt);
    const categoryText =
      distinct.length === 1 ? distinct[0] : distinct.length === 2 && CN_SEQ.test(seqText) ? `${seqText.replace(/[、.．]$/, '')}、${distinct.find((t) => t !== seqText)}` : null;
    const category = categoryText ? parseCategoryLine(categoryText) : null;
    if (category) {
      if (category.level === 1) {
        level1 = category.name;
        level2 = null;
      } else level2 = category.name;
      rows.push({ sheet, row: rowNo, outcome: 'skipped', reason: `分类行：${category.name}`, excerpt });
      continue;
    }

    const findingText = textOf(raw, findingAt);
    let measureText = textOf(raw, measureAt);
    const top = TOP_SEQ.exec(seqText);
    const sub = SUB_SEQ.exec(seqText);
    const seqTop = sub ? sub[1] : top ? top[1] : seqText || null;
    const categoryHere = textOf(raw, categoryAt) || categoryOf(level1, level2);

    let startNew: boolean;
    if (sub) startNew = !current || current.seq !== seqTop;
    else if (seqTop) startNew = !current || current.seq !== seqTop || (!!findingText && findingText !== current.text);
    else startNew = !!findingText && (!current || findingText !== current.text);

    if (sub && current && !startNew && findingText && findingText !== current.text && !measureText) measureText = findingText;
    if (startNew) {
      if (!findingText) {
        rows.push({ sheet, row: rowNo, outcome: 'refused', reason: '没有反馈问题内容', excerpt });
        current = null;
        continue;
      }
      current = {
        sheet,
        row: rowNo,
        seq: seqTop ?? String(findings.length + 1),
        category: categoryHere,
        text: findingText,
        suggestion: textOf(raw, suggestionAt) || null,
        target: textOf(raw, targetAt) || null,
        note: textOf(raw, noteAt) || null,
        measures: [],
      };
      findings.push(current);
      lastMeasureText = '';
    } else if (!current) {
      rows.push({ sheet, row: rowNo, outcome: 'refused', reason: '找不到所属的反馈问题', excerpt });
      continue;
    }
    const finding = current!;

    const reasons: string[] = [];
    const columns: (string | null)[] = [];
    const note = (message: string, field: LedgerField | null) => {
      reasons.push(message);
      columns.push(field && col.has(field) ? columnLetter(col.get(field)!) : null);
    };
    if (!col.has('measure') && !measureText) {
      measureText = finding.text;
      if (startNew) note('表中没有“整改措施”列，以问题内容作为措施', null);
    }
    if (!measureText || measureText === lastMeasureText) {
      // A finding row without a measure of its own, or a measure cell merged down over this row.
      rows.push({ sheet, row: rowNo, outcome: startNew ? 'import' : 'skipped', reason: startNew ? null : '与上一行属同一措施', excerpt });
      continue;
    }
    lastMeasureText = measureText;

    const units = readUnits(leadIndex === undefined ? null : cellText(raw[leadIndex]), coIndex === undefined ? null : cellText(raw[coIndex]));
    if (!units.lead) {
      rows.push({ sheet, row: rowNo, outcome: 'refused', reason: startNew ? '缺少责任单位：此行措施未导入（反馈问题仍导入）' : '缺少责任单位', excerpt });
      continue;
    }
    const deadlineCell: CellValue = col.has('deadline') ? raw[col.get('deadline')!] ?? null : null;
    const { deadline, warning } = readDeadline(deadlineCell);
    if (warning) note(warning, 'deadline');
    const statusText = textOf(raw, statusAt);
    let status = readStatus(statusText);
    if (statusText && !status) note(`无法识别整改状态“${statusText}”`, 'status');
    for (const s of statusColumns) if (!status && isTick(cellText(raw[s.index]))) status = s.status;
    const closedCell: CellValue = col.has('closedDate') ? raw[col.get('closedDate')!] ?? null : null;
    const closed = closedCell === null ? null : parseDeadline(closedCell, year).deadline.date;

    const leader = textOf(raw, leaderAt) || null;
    const person = textOf(raw, personAt) || null;
    const progress = textOf(raw, progressAt) || null;
    for (const text of splitMeasures(measureText)) {
      const measure: ParsedMeasure = {
        text,
        leadUnit: units.lead,
        coUnits: units.co,
        leader,
        person,
        deadline,
        status,
        progress,
        closedDate: closed,
        row: rowNo,
      };
      finding.measures.push(measure);
    }
    reasons.forEach((message, i) => warnings.push({ sheet, row: rowNo, column: columns[i], message }));
    rows.push({ sheet, row: rowNo, outcome: reasons.length ? 'warning' : 'import', reason: reasons.join('；') || null, excerpt });
  }
  return { findings, rows, warnings };
}
