import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { LEDGER_COLUMNS, LEDGER_COLUMN_LABEL } from '../../shared/contract/reports.ts';
import { STAT_HEADERS } from '../../shared/core/reports/xlsx/statistics-sheet.ts';
import { fromBase64, tempCore, zipEntry, TODAY, callReport } from './report-fixtures.ts';
import { rawSql } from '../support/raw-sql.ts';

/** The printable 整改台账 read back: page setup, merges, borders, and every statistic against the database. */

let env: Awaited<ReturnType<typeof tempCore>>;
let core: Core;
let bytes: Buffer;
let wb: ExcelJS.Workbook;
/** Every column, the signal among them (the default set leaves it out). */
let wbAll: ExcelJS.Workbook;

beforeAll(async () => {
  env = await tempCore();
  core = env.core;
  await seedSynthetic(core, { findings: 150, seed: 7 });
  bytes = fromBase64(await callReport(core, 'report:ledger-xlsx', { filter: {} }));
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  wbAll = new ExcelJS.Workbook();
  await wbAll.xlsx.load(fromBase64(await callReport(core, 'report:ledger-xlsx', { filter: {}, columns: [...LEDGER_COLUMNS] })) as never);
});
afterAll(() => env.dispose());

/** Figures computed straight from the tables, independent of the report code. */
function sqlStats(groupColumn: string, join = '') {
  const red = `m.status IN ('not_started','in_progress') AND m.deadline_kind <> 'standing' AND m.deadline_date IS NOT NULL AND m.deadline_date < '${TODAY}'`;
  return rawSql(core)
    .prepare(
      `SELECT ${groupColumn} AS name, count(*) AS measures,
        sum(m.status = 'closed') AS closed, sum(m.status = 'pending') AS pending,
        sum(m.status IN ('not_started','in_progress')) AS inProgress, sum(m.status = 'standing') AS standing,
        sum(${red}) AS overdue,
        sum(m.status = 'closed' AND m.deadline_kind <> 'standing' AND m.deadline_date IS NOT NULL AND m.closed_date <= m.deadline_date) AS onTime,
        sum((m.status = 'closed' AND m.deadline_kind <> 'standing' AND m.deadline_date IS NOT NULL AND m.closed_date IS NOT NULL) OR (${red})) AS onTimeBase
       FROM measures m JOIN findings f ON f.id = m.finding_id JOIN batches b ON b.id = f.batch_id ${join}
       GROUP BY ${groupColumn}`,
    )
    .all() as { name: string; measures: number; closed: number; pending: number; inProgress: number; standing: number; overdue: number; onTime: number; onTimeBase: number }[];
}

describe('Excel 整改台账', () => {
  it('is set up to print: A4 landscape, one page wide, header repeated, page footer, frozen header', () => {
    const ws = wb.getWorksheet('整改台账')!;
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    // What Excel itself reads: fit-to-page flag, print titles as a defined name, the footer.
    const sheetXml = zipEntry(bytes, 'xl/worksheets/sheet1.xml');
    expect(sheetXml).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(sheetXml).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    expect(sheetXml).toMatch(/<pageSetup[^>]*fitToWidth="1"[^>]*fitToHeight="0"/);
    expect(sheetXml).toContain('<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>');
    expect(zipEntry(bytes, 'xl/workbook.xml')).toMatch(/<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;整改台账&apos;!\$3:\$3<\/definedName>/);
  });

  it('has a merged title, the 截至 caption, the chosen columns with borders, group rows and coloured signals', () => {
    const ws = wb.getWorksheet('整改台账')!;
    const headers = (ws.getRow(3).values as unknown[]).slice(1);
    const n = headers.length;
    expect(headers[0]).toBe('序号');
    expect(headers).toContain(LEDGER_COLUMN_LABEL.finding);
    expect(ws.model.merges).toContain(`A1:${ws.getColumn(n).letter}1`);
    expect(String(ws.getCell('A1').value)).toMatch(/整改台账$/);
    expect(ws.getRow(2).values as unknown[]).toContain('截至 2026年11月21日');
    const thin = { style: 'thin' };
    for (const address of ['A3', 'B4', `${ws.getColumn(n).letter}5`, 'D10']) {
      const b = ws.getCell(address).border;
      expect(b.top).toMatchObject(thin);
      expect(b.bottom).toMatchObject(thin);
      expect(b.left).toMatchObject(thin);
      expect(b.right).toMatchObject(thin);
    }
    expect(String(ws.getCell('A4').value)).toMatch(/^一、.+方面（\d+项）$/); // grouped by category by default
    expect(ws.getCell('B5').alignment.wrapText).toBe(true);
    expect(ws.getCell('A5').alignment.horizontal).toBe('center');

    const all = wbAll.getWorksheet('整改台账')!;
    const signalCol = (all.getRow(3).values as unknown[]).slice(1).indexOf('预警') + 1;
    expect(signalCol).toBeGreaterThan(0);
    let red = 0;
    all.eachRow((row, i) => {
      if (i <= 3) return;
      const cell = row.getCell(signalCol);
      if (String(cell.value).startsWith('已逾期')) {
        red++;
        expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
      }
    });
    const sqlRed = rawSql(core)
      .prepare(`SELECT count(*) AS n FROM measures WHERE status IN ('not_started','in_progress') AND deadline_kind <> 'standing' AND deadline_date < ?`)
      .get(TODAY) as { n: number };
    expect(red).toBe(sqlRed.n);
  });

  it('lists every measure once', () => {
    const ws = wb.getWorksheet('整改台账')!;
    const groups = rawSql(core).prepare('SELECT count(DISTINCT category) AS n FROM findings').get() as { n: number };
    const measures = rawSql(core).prepare('SELECT count(*) AS n FROM measures').get() as { n: number };
    expect(ws.actualRowCount).toBe(3 + groups.n + measures.n);
  });

  it('gives per-unit, per-party and per-batch statistics that match the database', () => {
    const ws = wb.getWorksheet('统计')!;
    const sections = new Map<string, Map<string, number[]>>();
    let current: Map<string, number[]> | null = null;
    ws.eachRow((row) => {
      const v = (row.values as unknown[]).slice(1);
      if (typeof v[0] === 'string' && /^[一二三]、/.test(v[0])) sections.set(v[0], (current = new Map()));
      else if (current && v[0] === '序号') expect(v).toEqual([...STAT_HEADERS]);
      else if (current && typeof v[2] === 'number') current.set(String(v[1]), v.slice(2) as number[]);
    });
    const check = (heading: string, expected: ReturnType<typeof sqlStats>) => {
      const got = sections.get(heading)!;
      expect(got, heading).toBeDefined();
      let total = 0;
      for (const e of expected) {
        const row = got.get(e.name);
        expect(row, `${heading} ${e.name}`).toBeDefined();
        const [measures, closed, pending, inProgress, standing, overdue, completion, onTime] = row!;
        expect([measures, closed, pending, inProgress, standing, overdue]).toEqual([e.measures, e.closed, e.pending, e.inProgress, e.standing, e.overdue]);
        expect(completion).toBeCloseTo(e.closed / e.measures, 12);
        if (e.onTimeBase) expect(onTime).toBeCloseTo(e.onTime / e.onTimeBase, 12);
        else expect(onTime).toBe('—' as never);
        total += e.measures;
      }
      expect(got.get('合计')![0]).toBe(total);
    };
    check('一、按牵头单位统计', sqlStats('u.name', 'JOIN units u ON u.id = m.lead_unit_id'));
    check('二、按监督主体统计', sqlStats('o.name', 'JOIN organizations o ON o.id = b.organization_id'));
    const batches = sqlStats('b.id');
    const labels = rawSql(core).prepare(`SELECT b.id, o.name || ' ' || coalesce(b.doc_number, b.topic) AS label FROM batches b JOIN organizations o ON o.id = b.organization_id`).all() as { id: number; label: string }[];
    check('三、按反馈批次统计', batches.map((b) => ({ ...b, name: labels.find((l) => String(l.id) === String(b.name))!.label })));
    // The definitions are printed with the figures.
    const text = ws.getSheetValues().flat().join('\n');
    expect(text).toContain('按期完成率＝');
    expect(text).toContain('完成率＝已销号措施数÷措施数');
  });

  it('exports what the ledger shows: the same filter, and remembers the chosen columns', async () => {
    const unit = rawSql(core).prepare('SELECT lead_unit_id AS id FROM measures GROUP BY lead_unit_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number };
    const filter = { unitId: unit.id, statuses: ['in_progress' as const, 'not_started' as const] };
    const file = await callReport(core, 'report:ledger-xlsx', { filter, columns: ['seq', 'measure', 'leadUnit', 'status'], groupBy: 'none' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fromBase64(file) as never);
    const ws = book.getWorksheet('整改台账')!;
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '整改措施', '牵头单位', '整改状态']);
    const { ledgerCountQuery } = await import('../../shared/core/ledger/ledger-query.ts');
    const { signalDates } = await import('../../shared/core/ledger/signal-sql.ts');
    const shown = await ledgerCountQuery(core.db, filter, signalDates(TODAY, { dueSoonDays: 7, stagnantDays: 30 }, core.dialect)).executeTakeFirstOrThrow();
    expect(ws.actualRowCount - 3).toBe(Number(shown.n));
    expect(String(ws.getCell('A2').value)).toContain('筛选：责任单位');
    const options = await callReport(core, 'report:options', {});
    expect(options.columns).toEqual(['seq', 'measure', 'leadUnit', 'status']);
    expect(options.groupBy).toBe('none');
  });
});
