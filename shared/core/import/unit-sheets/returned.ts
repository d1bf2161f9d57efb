import type { ImportIssueDto, ReturnedChange, ReturnedSheetsPreview, ReturnedSheetsResult } from '../../../contract/import.ts';
import { MEASURE_STATUS_LABEL, type MeasureAction, type MeasureStatus } from '../../../domain/vocabulary.ts';
import { nextStatus } from '../../../domain/workflow.ts';
import { AppError } from '../../../errors.ts';
import type { Core } from '../../context.ts';
import { addProgress, loadMeasure, transitionMeasure } from '../../ledger/measures.ts';
import { databaseId } from '../../ledger/settings.ts';
import { audit, withWrite } from '../../ledger/write.ts';
import { cellText } from '../cell-text.ts';
import { columnLetter, readWorkbook, type SheetGrid } from '../read-workbook.ts';
import { LOCKED_KEYS, SHEET_COLUMNS, STATUS_CHOICES, rowCheck, type LockedKey, type SheetColumn } from './layout.ts';
import { alreadyReported, sameText } from './already-reported.ts';
import { unitMeasureRows } from './open-measures.ts';

/**
 * Returned fill-in sheets: rows are matched by their hidden identifiers and check value, never by
 * position or text. A file from another database, an edited identifier or a changed locked cell is
 * reported and left out; everything else is listed as old → new for the clerk to confirm.
 */

export interface ReturnedFile {
  name: string;
  bytes: Uint8Array;
}

interface PlannedChange extends ReturnedChange {
  /** The workflow step the 状态 column asks for, if any. */
  action: MeasureAction | null;
}

const HEADER_SCAN = 10;

export async function previewReturnedSheets(core: Core, files: ReturnedFile[]): Promise<ReturnedSheetsPreview> {
  const plan = await planReturned(core, files);
  return { files: plan.files, changes: plan.changes.map(({ action: _action, ...c }) => c), problems: plan.problems };
}

async function planReturned(core: Core, files: ReturnedFile[]) {
  const dbId = await databaseId(core.db);
  const problems: ImportIssueDto[] = [];
  const changes: PlannedChange[] = [];
  const summary: ReturnedSheetsPreview['files'] = [];
  const seen = new Map<number, string>();

  for (const file of files) {
    const fileProblems: ImportIssueDto[] = [];
    const report = (p: Omit<ImportIssueDto, 'message'> & { message: string }) => fileProblems.push({ ...p, message: `文件“${file.name}”${p.sheet ? `工作表“${p.sheet}”` : ''}${p.row ? `第 ${p.row} 行` : ''}：${p.message}` });
    let grids: SheetGrid[] = [];
    try {
      grids = readWorkbook(file.name, file.bytes).sheets;
    } catch (err) {
      fileProblems.push({ sheet: null, row: null, column: null, message: err instanceof Error ? err.message : String(err) });
    }
    let rowsRead = 0;
    let changeCount = 0;
    let unit: string | null = null;
    let recognised = false;
    for (const grid of grids) {
      const layout = findLayout(grid);
      if (!layout) continue;
      recognised = true;
      const { headerRow, index } = layout;
      const dataRows: { r: number; measureId: number; locked: Record<LockedKey, string>; check: string; fill: { progress: string; completion: string; status: string } }[] = [];
      let foreign = false;
      for (let r = headerRow + 1; r < grid.rows.length; r++) {
        const row = grid.rows[r] ?? [];
        const text = (key: SheetColumn['key']) => cellText(row[index[key]]);
        if (!text('measureId') && !text('check') && !text('measure')) continue;
        rowsRead++;
        if (text('databaseId') !== dbId) {
          foreign = true;
          continue;
        }
        const measureId = Number(text('measureId'));
        const locked = Object.fromEntries(LOCKED_KEYS.map((k) => [k, text(k)])) as Record<LockedKey, string>;
        dataRows.push({ r, measureId, locked, check: text('check'), fill: { progress: text('newProgress'), completion: text('completion'), status: text('newStatus') } });
      }
      if (foreign) {
        report({ sheet: grid.name, row: null, column: null, message: '来自另一个台账数据库（数据库标识不符），不能合并。请确认这是本台账导出的填报表。' });
        continue;
      }
      const ids = dataRows.map((d) => d.measureId).filter((n) => Number.isInteger(n) && n > 0);
      const current = new Map((await unitMeasureRows(core.db, { measureIds: ids })).map((m) => [m.measureId, m]));
      const reported = await alreadyReported(core.db, ids);
      for (const d of dataRows) {
        const rowNo = d.r + 1;
        const at = { sheet: grid.name, row: rowNo };
        if (rowCheck(dbId, d.measureId, d.locked) !== d.check) {
          const now = current.get(d.measureId);
          const edited = now ? LOCKED_KEYS.filter((k) => normalize(now.locked[k]) !== normalize(d.locked[k])) : [];
          const described = edited.length && edited.length < LOCKED_KEYS.length
            ? `锁定单元格被改动（${edited.map((k) => `${columnLetter(index[k])} 列“${headerOf(k)}”`).join('、')}）`
            : '隐藏的标识或校验码被改动';
          report({ ...at, column: edited.length ? columnLetter(index[edited[0]]) : null, message: `${described}，此行未合并。请让单位在原表上只填写可填的三列。` });
          continue;
        }
        const m = current.get(d.measureId);
        if (!m) {
          report({ ...at, column: null, message: `措施编号 ${d.measureId} 在台账中已不存在（可能已删除），此行未合并。` });
          continue;
        }
        unit ??= m.unitName;
        if (!d.fill.progress && !d.fill.completion && !d.fill.status) continue;
        if (seen.has(d.measureId)) {
          report({ ...at, column: null, message: `同一措施也出现在“${seen.get(d.measureId)}”中，此行未重复合并。` });
          continue;
        }
        let target: MeasureStatus | null = null;
        let action: MeasureAction | null = null;
        if (d.fill.status) {
          target = STATUS_CHOICES[d.fill.status.replace(/\s+/g, '')] ?? null;
          if (!target) {
            report({ ...at, column: columnLetter(index.newStatus), message: `状态“${d.fill.status}”无法识别，应为：${Object.keys(STATUS_CHOICES).join('、')}。` });
            continue;
          }
          action = actionFor(m.status, target, !!d.fill.progress);
          if (action) {
            const check = nextStatus(statusAfterProgress(m.status, !!d.fill.progress), action);
            if (!check.ok) {
              report({ ...at, column: columnLetter(index.newStatus), message: `${check.message}，此行的状态未改变。` });
              action = null;
            }
          }
          if (action === 'request_close' && !d.fill.completion && !d.fill.progress) {
            report({ ...at, column: columnLetter(index.completion), message: '状态填“已完成”时须填写完成情况，此行的状态未改变。' });
            action = null;
          }
        }
        const newStatus = action ? nextStatus(statusAfterProgress(m.status, !!d.fill.progress), action) : null;
        const finalStatus: MeasureStatus | null = newStatus?.ok ? newStatus.to : d.fill.progress && m.status === 'not_started' ? 'in_progress' : null;
        let progressText = d.fill.progress || (d.fill.completion && action !== 'request_close' ? `完成情况：${d.fill.completion}` : '');
        // The same sheet read again: what this unit last reported (or what became the result) is no change.
        const before = reported.get(d.measureId);
        if (sameText(progressText, before?.latestBySource.get(m.unitName))) progressText = '';
        if (!d.fill.progress && sameText(d.fill.completion, before?.resultText)) progressText = '';
        if (!progressText && !finalStatus) continue;
        seen.set(d.measureId, file.name);
        changeCount++;
        changes.push({
          measureId: d.measureId,
          file: file.name,
          sheet: grid.name,
          row: rowNo,
          unit: m.unitName,
          findingText: m.locked.finding,
          measureText: m.locked.measure,
          progress: progressText ? { old: m.locked.lastProgress || null, new: progressText } : null,
          completion: d.fill.completion || null,
          status: finalStatus && finalStatus !== m.status ? { old: m.status, new: finalStatus } : null,
          action,
        });
      }
    }
    if (!recognised && grids.length) {
      report({ sheet: null, row: null, column: null, message: '不是本台账导出的单位填报表（找不到“措施编号”“校验码”列）。' });
    }
    problems.push(...fileProblems);
    summary.push({ file: file.name, unit, rows: rowsRead, changes: changeCount, problems: fileProblems.length });
  }
  return { files: summary, changes, problems };
}

/** The step 状态 asks for, from the measure's status once this period's progress is recorded. */
function actionFor(status: MeasureStatus, target: MeasureStatus, hasProgress: boolean): MeasureAction | null {
  const from = statusAfterProgress(status, hasProgress);
  if (target === from) return null;
  if (target === 'in_progress') return from === 'not_started' ? 'start' : null;
  if (target === 'pending') return 'request_close';
  if (target === 'standing') return 'set_standing';
  return null;
}

/** Recording progress on a measure not yet started starts it (the ledger's rule in addProgress). */
function statusAfterProgress(status: MeasureStatus, hasProgress: boolean): MeasureStatus {
  return hasProgress && status === 'not_started' ? 'in_progress' : status;
}

function normalize(s: string): string {
  return s.replace(/\r\n/g, '\n').trim();
}

function headerOf(key: SheetColumn['key']): string {
  return SHEET_COLUMNS.find((c) => c.key === key)!.header;
}

function findLayout(grid: SheetGrid): { headerRow: number; index: Record<SheetColumn['key'], number> } | null {
  for (let r = 0; r < Math.min(HEADER_SCAN, grid.rows.length); r++) {
    const texts = (grid.rows[r] ?? []).map(cellText);
    if (!texts.includes('措施编号') || !texts.includes('校验码')) continue;
    const index = {} as Record<SheetColumn['key'], number>;
    for (const c of SHEET_COLUMNS) {
      const i = texts.indexOf(c.header);
      if (i < 0) return null;
      index[c.key] = i;
    }
    return { headerRow: r, index };
  }
  return null;
}

export async function commitReturnedSheets(core: Core, files: ReturnedFile[], measureIds: number[] | undefined): Promise<ReturnedSheetsResult> {
  const plan = await planReturned(core, files);
  const wanted = measureIds ? new Set(measureIds) : null;
  const chosen = plan.changes.filter((c) => !wanted || wanted.has(c.measureId));
  if (chosen.length === 0) throw new AppError('invalid_input', '没有可合并的变更（所选文件中没有填写新的进展或状态，或各行均有问题）');
  return withWrite(core, async (trx, actor, onRollback) => {
    let progressAdded = 0;
    let statusChanged = 0;
    for (const c of chosen) {
      if (c.progress) {
        await addProgress(trx, actor, core.dataDir, { measureId: c.measureId, date: actor.today, text: c.progress.new, files: [], source: c.unit }, onRollback);
        progressAdded++;
      }
      if (c.action) {
        const m = await loadMeasure(trx, c.measureId);
        if (m.status === c.status?.new) continue;
        await transitionMeasure(
          trx,
          actor,
          core.dataDir,
          {
            id: c.measureId,
            action: c.action,
            date: actor.today,
            resultText: c.action === 'request_close' ? c.completion ?? c.progress?.new ?? null : null,
            verifiedBy: null,
            reason: c.action === 'request_close' ? null : `单位填报：${MEASURE_STATUS_LABEL[c.status?.new ?? m.status]}`,
            files: [],
          },
          onRollback,
        );
        statusChanged++;
      }
    }
    await audit(trx, actor, {
      action: 'import',
      entity: 'measure',
      entityId: null,
      after: { returnedSheets: files.map((f) => f.name), measures: chosen.length, progressAdded, statusChanged },
    });
    return { progressAdded, statusChanged, measures: chosen.length, problems: plan.problems };
  });
}
