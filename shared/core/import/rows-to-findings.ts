import type { MeasureStatus } from '../../domain/vocabulary.ts';
import { categoryOf, parseCategoryLine } from './categories.ts';
import { cellText } from './cell-text.ts';
import type { LocatedTable } from './locate-table.ts';
import { columnLetter, type CellValue, type SheetGrid } from './read-workbook.ts';
import { seqLevel, seqKey, splitItemCell } from './values/items.ts';
import type { ImportIssue, LedgerField, ParsedFinding, ParsedMeasure, RowOutcome } from './types.ts';
import { parseDeadline } from './values/deadline.ts';
import { splitMeasures } from './values/measures-in-cell.ts';
import { isTick, statusFromWords } from './values/status-words.ts';
import { splitUnits } from './values/units.ts';

/**
 * The rows of a located table → findings with their measures. Any item column is an item: a table
 * without a column of problems gives one finding per row (a 督查事项 is both the finding and its
 * measure); a party's list of findings and suggestions gives findings without measures. A finding
 * spans several rows when its cell is merged down (filled across by the reader), when deeper numbers
 * follow it (1 → 1.1, 一 → 1, 1 → （1）), when rows carry measures with the finding cell left empty,
 * or when "问题：" rows are followed by "措施：" rows.
 */

export interface SheetResult {
  findings: ParsedFinding[];
  rows: RowOutcome[];
  warnings: ImportIssue[];
}

export interface YearChoice {
  value: number;
  from: string;
}

const FOOTER = /^(?:合\s*计|总\s*计|小\s*计|注[:：\s]|注\d|备注[:：]|说明[:：]|填\s*报\s*人|联系电话|联系人[:：]|审\s*核\s*人|制\s*表\s*人|填报单位[:：]|填报日期|单位负责人|负责人[:：]|分管领导[:：]|签\s*字|（?盖章）?$|主要负责人[:：]|审核[:：])/;
const TOTAL = /^(?:合\s*计|总\s*计)$/;
const QUESTION = /^(?:存在的?)?问题(?:表现)?[:：]\s*/;
const MEASURE_LINE = /^(?:整改)?(?:措施|举措)[:：]\s*/;
const IN_BRACKETS = /[（(]([^（）()]{2,12})[）)]\s*$/;

export function rowsToFindings(grid: SheetGrid, table: LocatedTable, year: YearChoice, onRows?: (done: number, total: number) => void): SheetResult {
  const sheet = grid.name;
  const col = new Map<LedgerField, number>();
  const also = new Map<LedgerField, LedgerField>();
  const statusColumns: { index: number; status: MeasureStatus }[] = [];
  const extras: { index: number; header: string }[] = [];
  for (const c of table.columns) {
    if (c.role === 'ignore' || c.hidden) continue;
    if (c.role === 'extra') extras.push({ index: c.index, header: c.header.replace(/\s+/g, '') });
    else if (c.role.startsWith('status:')) statusColumns.push({ index: c.index, status: c.role.slice(7) as MeasureStatus });
    else if (!col.has(c.role as LedgerField)) {
      col.set(c.role as LedgerField, c.index);
      if (c.also) also.set(c.role as LedgerField, c.also);
    }
  }
  // "牵头单位 | 责任单位" side by side: the second names the co-operating units.
  const coIndex = col.get('coUnit') ?? (col.has('leadUnit') ? col.get('units') : undefined);
  const leadIndex = col.get('leadUnit') ?? col.get('units');
  const at = (field: LedgerField): number => col.get(field) ?? -1;
  const findingAt = at('finding');
  const measureAt = at('measure');
  // Without a column of problems the measure (or task) column is the item itself.
  const itemAt = findingAt >= 0 ? findingAt : measureAt;
  const combined = findingAt >= 0 && also.get('finding') === 'measure';
  const seqAt = at('seq');
  const categoryAt = at('category');
  const suggestionAt = at('suggestion');
  const targetAt = at('target');
  const noteAt = at('note');
  const statusAt = at('status');
  const leaderAt = at('leader');
  const personAt = at('person');
  const progressAt = at('progress');
  const sourceAt = at('source');
  const evidenceAt = at('evidence');
  const deadlineAt = at('deadline');
  const closedAt = at('closedDate');
  const statusIsYesNo = statusAt >= 0 && /是否/.test(table.columns.find((c) => c.index === statusAt)?.header ?? '');
  const visible = table.columns.filter((c) => !c.hidden).map((c) => c.index);
  const textOf = (raw: CellValue[], i: number): string => (i < 0 ? '' : cellText(raw[i]));

  const deadlines = new Map<string, ReturnType<typeof parseDeadline>>();
  const readDeadline = (cell: CellValue) => {
    const key = cell instanceof Date ? `d${cell.getTime()}` : `${typeof cell}:${String(cell)}`;
    let hit = deadlines.get(key);
    if (!hit) {
      hit = parseDeadline(cell, year.value);
      if (hit.warning && hit.warning.includes('未写年份')) hit = { ...hit, warning: `${hit.warning}（年份取自${year.from}）` };
      deadlines.set(key, hit);
    }
    return hit;
  };
  const unitCache = new Map<string, ReturnType<typeof splitUnits>>();
  const readUnits = (lead: string | null, co: string | null) => {
    const key = `${lead === null ? '\u0001' : lead}\u0000${co === null ? '\u0001' : co}`;
    let hit = unitCache.get(key);
    if (!hit) unitCache.set(key, (hit = splitUnits(lead, co)));
    return { lead: hit.lead, co: hit.co.slice() };
  };
  const statusCache = new Map<string, MeasureStatus | null>();
  const readStatus = (text: string): MeasureStatus | null => {
    let hit = statusCache.get(text);
    if (hit === undefined) {
      hit = statusIsYesNo && isTick(text) ? 'closed' : statusIsYesNo && /^(?:否|×|✗|未)$/.test(text) ? 'in_progress' : statusFromWords(text);
      statusCache.set(text, hit);
    }
    return hit;
  };

  const findings: ParsedFinding[] = [];
  const rows: RowOutcome[] = [];
  const warnings: ImportIssue[] = [];
  let level1: string | null = null;
  let level2: string | null = null;
  let current: ParsedFinding | null = null;
  let currentLevel = 0;
  let parent: ParsedFinding | null = null;
  let lastMeasureText = '';
  const total = table.dataEnd - table.headerLast - 1;

  for (let r = table.headerLast + 1; r < table.dataEnd; r++) {
    if (onRows && (r - table.headerLast) % 1000 === 0) onRows(r - table.headerLast, total);
    const raw = grid.rows[r];
    if (!raw || raw.length === 0) continue;
    const distinct: string[] = [];
    for (const i of visible) {
      const t = cellText(raw[i]);
      if (t && !distinct.includes(t)) distinct.push(t);
    }
    if (distinct.length === 0) continue;
    const rowNo = r + 1;
    const excerpt = distinct.join(' | ').slice(0, 80);
    if (table.repeatedHeaders.has(r)) {
      rows.push({ sheet, row: rowNo, outcome: 'skipped', reason: '重复的表头行', excerpt });
      continue;
    }
    if (grid.hiddenRows.has(r)) {
      rows.push({ sheet, row: rowNo, outcome: 'skipped', reason: '隐藏行，未导入', excerpt });
      continue;
    }
    const first = distinct[0];
    if (FOOTER.test(first) || distinct.some((t) => TOTAL.test(t))) {
      const reason = /^(?:合|总|小)/.test(first) ? '合计行' : /^(?:注|备注|说明)/.test(first) ? '注释' : '表尾（填报人/联系电话等）';
      rows.push({ sheet, row: rowNo, outcome: 'skipped', reason, excerpt });
      continue;
    }
    const seqText = textOf(raw, seqAt);
    const level = seqLevel(seqText);
    const categoryText =
      distinct.length === 1 ? distinct[0] : distinct.length === 2 && (level === 1 || level === 2) && seqText === distinct[0] ? `${seqText.replace(/[、.．]$/, '')}${level === 1 ? '、' : ''}${distinct[1]}` : null;
    const category = categoryText ? parseCategoryLine(categoryText) : null;
    if (category && (distinct.length === 1 || !hasUnitCells(raw, leadIndex, deadlineAt))) {
      if (category.level === 1) {
        level1 = category.name;
        level2 = null;
      } else level2 = category.name;
      rows.push({ sheet, row: rowNo, outcome: 'skipped', reason: `分类行：${category.name}`, excerpt });
      current = null;
      continue;
    }

    let itemText = textOf(raw, itemAt);
    let measureText = measureAt >= 0 && measureAt !== itemAt ? textOf(raw, measureAt) : '';
    let measuresFromCell: string[] | null = null;
    if (combined && itemText) {
      const split = splitItemCell(itemText);
      itemText = split.finding;
      if (split.measures.length) measuresFromCell = split.measures;
    }
    // "问题：…" rows followed by "措施：…" rows.
    if (MEASURE_LINE.test(itemText) && current) {
      measureText = itemText.replace(MEASURE_LINE, '');
      itemText = current.text;
    } else itemText = itemText.replace(QUESTION, '');

    const key = seqKey(seqText);
    const deeper = current !== null && level > 0 && currentLevel > 0 && level > currentLevel && !(level === 4 && /^\d+[.．\-－]\d+/.test(seqText) && seqKey(seqText.split(/[.．\-－]/)[0]) !== (parent ?? current).seq);
    let startNew: boolean;
    let sub = false;
    if (deeper) {
      const ownText = !!itemText && itemText !== current!.text && itemText !== parent?.text;
      if (ownText && measureAt >= 0 && measureAt !== itemAt && measureText) {
        startNew = true;
        sub = true;
      } else {
        startNew = false;
        if (ownText && !measureText && !measuresFromCell) measureText = itemText;
      }
    } else if (/^\d+[.．\-－]\d+/.test(seqText)) {
      // 2.1 with no row 2 of its own: the finding is 2.
      const top = seqKey(seqText.split(/[.．\-－]/)[0]);
      startNew = !current || (parent ?? current).seq !== top;
    } else if (key) {
      startNew = !current || (parent ?? current).seq !== key || (itemAt !== measureAt && !!itemText && itemText !== (parent ?? current).text && itemText !== current.text);
    } else {
      startNew = !!itemText && (!current || (itemText !== current.text && itemText !== parent?.text)) && (itemAt !== measureAt || !current || !!seqText);
      if (itemAt === measureAt && current && itemText && itemText !== current.text && seqAt < 0) startNew = true;
    }

    if (startNew) {
      if (!itemText) {
        const where = itemAt >= 0 ? `（${columnLetter(itemAt)} 列为空）` : '';
        rows.push({ sheet, row: rowNo, outcome: 'refused', reason: `没有反馈问题内容${where}`, excerpt });
        current = null;
        parent = null;
        continue;
      }
      const seq = sub ? seqText.replace(/[、.．]$/, '') : key && !/^\d+[.．\-－]\d+/.test(seqText) ? key : /^\d+[.．\-－]\d+/.test(seqText) ? seqKey(seqText.split(/[.．\-－]/)[0]) : String(findings.length + 1);
      const finding: ParsedFinding = {
        sheet,
        row: rowNo,
        seq,
        category: textOf(raw, categoryAt) || categoryOf(level1, level2) || table.captionGives.category,
        text: itemText,
        suggestion: textOf(raw, suggestionAt) || null,
        target: textOf(raw, targetAt) || null,
        note: null,
        source: textOf(raw, sourceAt) || table.captionGives.source,
        parentSeq: sub ? (parent ?? current)!.seq : null,
        measures: [],
      };
      if (sub) parent = parent ?? current;
      else {
        parent = null;
        currentLevel = level;
      }
      current = finding;
      findings.push(finding);
      lastMeasureText = '';
    } else if (!current) {
      rows.push({ sheet, row: rowNo, outcome: 'refused', reason: '找不到所属的反馈问题', excerpt });
      continue;
    }
    const finding = current!;
    addNotes(finding, raw, noteAt, evidenceAt, extras);
    if (!finding.suggestion && suggestionAt >= 0) finding.suggestion = textOf(raw, suggestionAt) || null;
    else if (suggestionAt >= 0 && !startNew) appendSuggestion(finding, textOf(raw, suggestionAt));
    if (!finding.target && targetAt >= 0) finding.target = textOf(raw, targetAt) || null;

    const reasons: string[] = [];
    const columns: (string | null)[] = [];
    const note = (message: string, field: LedgerField | null) => {
      reasons.push(message);
      columns.push(field && col.has(field) ? columnLetter(col.get(field)!) : null);
    };
    // A list of findings (and suggestions) with no measure, unit or deadline columns: no measures yet.
    // A row that names a unit or a deadline but no measure: the item itself is what must be done.
    if (!measureText && !measuresFromCell && startNew) {
      if (itemAt === measureAt || hasUnitCells(raw, leadIndex, deadlineAt)) measureText = finding.text;
    }
    if (!measuresFromCell && (!measureText || measureText === lastMeasureText)) {
      rows.push({ sheet, row: rowNo, outcome: startNew ? 'import' : 'skipped', reason: startNew ? null : '与上一行属同一措施', excerpt });
      continue;
    }
    lastMeasureText = measureText;

    let person = textOf(raw, personAt) || null;
    let leadCell = leadIndex === undefined ? null : cellText(raw[leadIndex]);
    if (leadCell && also.get(leadIndex === col.get('leadUnit') ? 'leadUnit' : 'units') === 'person') {
      const m = IN_BRACKETS.exec(leadCell);
      if (m) [person, leadCell] = [person ?? m[1], leadCell.slice(0, m.index).trim()];
    }
    const units = readUnits(leadCell, coIndex === undefined ? null : cellText(raw[coIndex]));
    // No unit written (a 巡察 ledger of one organisation names only people): the clerk names one default unit.
    if (!units.lead) note(leadIndex !== undefined ? '未写责任单位，导入时按您指定的默认责任单位记' : '表中没有责任单位列，导入时按您指定的默认责任单位记', leadIndex === undefined ? null : col.has('leadUnit') ? 'leadUnit' : 'units');
    const deadlineCell: CellValue = deadlineAt >= 0 ? raw[deadlineAt] ?? null : also.get('measure') === 'deadline' ? measureText : null;
    let { deadline, warning } = readDeadline(deadlineCell);
    if (deadlineAt < 0 && deadline.kind === 'none') [deadline, warning] = [{ kind: 'none', date: null, text: '' }, null];
    if (warning) note(warning, 'deadline');
    if (deadlineAt >= 0 && also.get('deadline') === 'person' && typeof deadlineCell === 'string') {
      const m = IN_BRACKETS.exec(deadlineCell);
      if (m) person = person ?? m[1];
    }
    const statusText = textOf(raw, statusAt);
    let status = statusText ? readStatus(statusText) : null;
    if (statusText && !status) note(`无法识别整改状态“${statusText}”`, 'status');
    for (const s of statusColumns) if (!status && isTick(cellText(raw[s.index]))) status = s.status;
    const closedCell: CellValue = closedAt >= 0 ? raw[closedAt] ?? null : null;
    const closed = closedCell === null ? null : parseDeadline(closedCell, year.value).deadline.date;
    if (closed && status === null) status = 'closed';

    const leader = textOf(raw, leaderAt) || null;
    const progress = textOf(raw, progressAt) || null;
    const texts = measuresFromCell ?? splitMeasures(measureText);
    for (const text of texts) {
      const measure: ParsedMeasure = { text, leadUnit: units.lead, coUnits: units.co, leader, person, deadline, status, progress, closedDate: closed, row: rowNo };
      finding.measures.push(measure);
    }
    reasons.forEach((message, i) => warnings.push({ sheet, row: rowNo, column: columns[i], message }));
    rows.push({ sheet, row: rowNo, outcome: reasons.length ? 'warning' : 'import', reason: reasons.join('；') || null, excerpt });
  }
  return { findings, rows, warnings };
}

function hasUnitCells(raw: CellValue[], leadIndex: number | undefined, deadlineAt: number): boolean {
  return (leadIndex !== undefined && cellText(raw[leadIndex]) !== '') || (deadlineAt >= 0 && cellText(raw[deadlineAt]) !== '');
}

/** 备注, 佐证材料 and the columns the ledger has no field for, kept with the finding as "列名：值" lines. */
function addNotes(finding: ParsedFinding, raw: CellValue[], noteAt: number, evidenceAt: number, extras: { index: number; header: string }[]): void {
  const lines = finding.note ? finding.note.split('\n') : [];
  const add = (line: string) => {
    if (line && !lines.includes(line)) lines.push(line);
  };
  if (noteAt >= 0) add(cellText(raw[noteAt]));
  if (evidenceAt >= 0) {
    const t = cellText(raw[evidenceAt]);
    if (t) add(`佐证材料：${t}`);
  }
  for (const e of extras) {
    const t = cellText(raw[e.index]);
    if (t) add(e.header ? `${e.header}：${t}` : t);
  }
  finding.note = lines.length ? lines.join('\n') : null;
}

function appendSuggestion(finding: ParsedFinding, text: string): void {
  if (!text || finding.suggestion?.includes(text)) return;
  finding.suggestion = finding.suggestion ? `${finding.suggestion}\n${text}` : text;
}
