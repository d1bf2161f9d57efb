import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { chineseNumeral, groupRows, sequenceNumbers } from '../../shared/core/reports/grouping.ts';
import { byUnit, percent, summarizeFindings, summarySentence } from '../../shared/core/reports/stats.ts';
import { writeLedgerWorkbook } from '../../shared/core/reports/xlsx/ledger-workbook.ts';
import { deadlineSignal } from '../../shared/domain/signal.ts';
import { makeRows, TODAY } from './report-fixtures.ts';
import type { ReportRow } from '../../shared/core/reports/model.ts';

/** The writers and the figures on small hand-made data (no database). */

describe('the figures', () => {
  it('words the summary as real reports do, with the completion rate to two decimals', () => {
    const statuses = [
      ...Array(688).fill('closed'),
      ...Array(3).fill('standing'),
      'pending',
      ...Array(3).fill('in_progress'),
      ...Array(2).fill('not_started'),
    ] as const;
    const s = summarizeFindings(statuses);
    expect(s).toMatchObject({ total: 697, completed: 688, continuing: 4, notDone: 5 });
    expect(summarySentence(s)).toBe('反馈的697个问题，完成整改688个，基本完成取得阶段性成果并持续整改问题4个，未完成5个，总体完成率98.71%');
    expect(percent(null)).toBe('—');
    expect(percent(1)).toBe('100.00%');
  });

  it('counts on-time closure only among dated measures closed with a 销号时间, or overdue', () => {
    const base = makeRows(1)[0];
    const row = (patch: Partial<ReportRow>): ReportRow => {
      const r = { ...base, ...patch };
      return { ...r, signal: deadlineSignal(r, TODAY) };
    };
    const rows = [
      row({ measureId: 1, status: 'closed', deadlineKind: 'date', deadlineDate: '2026-06-30', closedDate: '2026-06-30' }), // on time (same day)
      row({ measureId: 2, status: 'closed', deadlineKind: 'date', deadlineDate: '2026-06-30', closedDate: '2026-07-01' }), // late
      row({ measureId: 3, status: 'in_progress', deadlineKind: 'date', deadlineDate: '2026-10-01' }), // overdue
      row({ measureId: 4, status: 'in_progress', deadlineKind: 'date', deadlineDate: '2027-03-01' }), // still in time: left out
      row({ measureId: 5, status: 'standing', deadlineKind: 'standing', deadlineDate: null }), // standing: left out
      row({ measureId: 6, status: 'pending', deadlineKind: 'date', deadlineDate: '2026-10-01' }), // awaiting verification: not overdue
      row({ measureId: 7, status: 'closed', deadlineKind: 'date', deadlineDate: '2026-06-30', closedDate: null }), // closed, no 销号时间: unknown, left out
    ];
    const { total } = byUnit(rows);
    expect(total).toMatchObject({ measures: 7, closed: 3, pending: 1, inProgress: 2, standing: 1, overdue: 1, onTimeClosed: 1, onTimeBase: 3 });
    expect(total.completionRate).toBeCloseTo(3 / 7);
    expect(total.onTimeRate).toBeCloseTo(1 / 3);
  });

  it('numbers groups 一、二、… and measures in the one numbering, 3-2, whatever the grouping', () => {
    expect([1, 9, 10, 11, 20, 21, 99, 100, 105, 110, 120].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '二十', '二十一', '九十九', '一百', '一百零五', '一百一十', '一百二十']);
    // One batch: the finding's 序号 and the measure's place in it.
    const one = makeRows(5).map((r) => ({ ...r, batchId: 1, party: '民革' }));
    expect(sequenceNumbers(one)).toEqual(['1-1', '1-2', '2-1', '2-2', '3-1']);
    // Grouped by unit the rows come in another order, and keep their numbers.
    const byUnitGroups = groupRows(one, 'unit');
    expect(byUnitGroups.map((g) => g.label)).toEqual(['县财政局', '县农业农村局', '县扶贫开发办公室', '县教育局', '县卫生健康局']);
    const regrouped = byUnitGroups.flatMap((g) => g.rows);
    const numberOf = new Map(one.map((r, i) => [r.measureId, sequenceNumbers(one)[i]]));
    expect(sequenceNumbers(regrouped)).toEqual(regrouped.map((r) => numberOf.get(r.measureId)));
    // Several batches in one document: each number carries its batch's mark.
    expect(sequenceNumbers(makeRows(5))).toEqual(['民革·1-1', '民革·1-2', '民盟·2-1', '民盟·2-2', '九三学社·3-1']);
    const twoOfOneParty = makeRows(4).map((r, i) => ({ ...r, party: '民革', batchId: i < 2 ? 7 : 3, batchReceivedDate: i < 2 ? '2026-05-01' : '2026-02-01' }));
    expect(sequenceNumbers(twoOfOneParty)).toEqual(['民革②·1-1', '民革②·1-2', '民革①·2-1', '民革①·2-2']);
  });
});

describe('the Excel writer', () => {
  it('writes group rows merged across the table', async () => {
    const rows = makeRows(24);
    const bytes = await writeLedgerWorkbook({ title: '测试台账', officeName: '统战部', asOf: TODAY, rows, columns: ['seq', 'measure', 'leadUnit', 'signal'], groupBy: 'unit', filterNote: '' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    const ws = wb.getWorksheet('整改台账')!;
    const groupRowsFound: number[] = [];
    ws.eachRow((r, i) => {
      if (/^[一二三四五六]、/.test(String(r.getCell(1).value))) groupRowsFound.push(i);
    });
    expect(groupRowsFound).toHaveLength(6);
    for (const i of groupRowsFound) expect(ws.model.merges).toContain(`A${i}:D${i}`);
    expect(ws.actualRowCount).toBe(3 + 6 + 24);
  });

  it('still writes a printable sheet when nothing matches', async () => {
    const bytes = await writeLedgerWorkbook({ title: '测试台账', officeName: '', asOf: TODAY, rows: [], columns: ['seq', 'finding'], groupBy: 'category', filterNote: '筛选：状态 已销号' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    expect(wb.getWorksheet('整改台账')!.getCell('A4').value).toBe('没有符合条件的整改措施');
    expect(wb.getWorksheet('整改台账')!.getCell('A2').value).toBe('筛选：状态 已销号');
  });
});
