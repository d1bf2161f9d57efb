import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { call, makeBatch, tempLedger } from '../fixtures/import/env.ts';
import { fromBase64, zipEntry, callReport } from './report-fixtures.ts';

/**
 * One write path (issue 12): a finding with a 立行立改, a dated and a 长期坚持 measure, typed in
 * through the form's channel into one batch and imported from a clerk's Excel ledger into another,
 * is stored with the same columns (ids and times aside) and printed with the same words in the
 * 整改情况报告's annex. Runs on SQLite and, with RECTIFY_TEST_DATABASE_URL, on PostgreSQL.
 */

let env: Awaited<ReturnType<typeof tempLedger>>;
let core: Core;
beforeEach(async () => {
  env = await tempLedger();
  core = env.core;
});
afterEach(() => env.dispose());

const FINDING = '部分学校控辍保学动态监测不及时，台账信息更新滞后。';
const MEASURES = [
  { text: '建立适龄儿童少年控辍保学月报制度。', deadline: '立行立改' as const },
  { text: '逐校核对学籍信息，补齐漏登人员。', deadline: new Date(Date.UTC(2021, 11, 31)) },
  { text: '健全控辍保学联控联保长效机制。', deadline: '长期坚持' as const },
];

async function ledgerFile(): Promise<{ name: string; base64: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('整改台账');
  ws.addRow(['序号', '反馈问题', '整改措施', '牵头单位', '配合单位', '责任领导', '责任人', '整改时限']);
  MEASURES.forEach((m, i) => ws.addRow([1, i === 0 ? FINDING : '', m.text, '青山县教育局', '青山县财政局', '分管副县长 陈刚', '刘洋', m.deadline]));
  ws.mergeCells('A2:A4');
  ws.mergeCells('B2:B4');
  return { name: '控辍保学整改台账.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

/** Every column of a batch's findings and measures but ids, times and the batch itself; co-units by name. */
async function storedRows(batchId: number) {
  const findings = await core.db.selectFrom('findings').selectAll().where('batch_id', '=', batchId).orderBy('sort_order').execute();
  const measures = await core.db
    .selectFrom('measures as m')
    .innerJoin('findings as f', 'f.id', 'm.finding_id')
    .selectAll('m')
    .where('f.batch_id', '=', batchId)
    .orderBy('m.seq')
    .execute();
  const co = await core.db
    .selectFrom('measure_co_units as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.measure_id', 'u.name'])
    .execute();
  const history = await core.db.selectFrom('status_changes').select(['measure_id', 'action']).execute();
  const strip = (r: object, ...keys: string[]): Record<string, unknown> => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k)));
  return {
    findings: findings.map((f) => strip(f, 'id', 'batch_id', 'created_at', 'updated_at')),
    measures: measures.map((m): Record<string, unknown> & { history: string[] } => ({
      ...strip(m, 'id', 'finding_id', 'created_at', 'updated_at'),
      coUnits: co.filter((c) => c.measure_id === m.id).map((c) => c.name),
      history: history.filter((h) => h.measure_id === m.id).map((h) => h.action),
    })),
  };
}

/** The annex's ledger rows of a batch's 整改情况报告, cell by cell (the batch heading rows left out). */
async function annexRows(batchId: number): Promise<string[][]> {
  const xml = zipEntry(fromBase64(await callReport(core, 'report:word', { filter: { batchId } })), 'word/document.xml');
  const annex = xml.slice(xml.indexOf('</w:p>', xml.indexOf('<w:sectPr')) + 6);
  const ledger = annex.slice(0, annex.indexOf('附件2') < 0 ? undefined : annex.indexOf('附件2'));
  return [...ledger.matchAll(/<w:tr>.*?<\/w:tr>/g)]
    .map((m) => m[0])
    .filter((r) => !r.includes('<w:tblHeader/>') && !r.includes('<w:gridSpan'))
    .map((r) => [...r.matchAll(/<w:tc>.*?<\/w:tc>/g)].map((c) => [...c[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')));
}

describe('a measure typed in and the same measure imported', () => {
  it('are stored alike and worded alike in the report annex', async () => {
    const education = await call(core, 'units:save', { name: '青山县教育局', contactPerson: null, contactPhone: null, aliases: [] });
    const finance = await call(core, 'units:save', { name: '青山县财政局', contactPerson: null, contactPhone: null, aliases: [] });
    // Reports go out signed: the office's name first.
    await call(core, 'settings:update', { ...(await call(core, 'settings:get', {})), officeName: '中共青山县委统战部' });
    const byHand = await makeBatch(core, '手工录入批次');
    const imported = await makeBatch(core, '导入批次');

    // As the form sends them (renderer/components/measure-form.ts): no words of the clerk's own.
    await call(core, 'findings:create', {
      batchId: byHand,
      seq: '1',
      text: FINDING,
      measures: [
        { kind: 'immediate' as const, date: null },
        { kind: 'date' as const, date: '2021-12-31' },
        { kind: 'standing' as const, date: null },
      ].map((deadline, i) => ({
        text: MEASURES[i].text,
        leadUnitId: education.id,
        coUnitIds: [finance.id],
        leader: '分管副县长 陈刚',
        person: '刘洋',
        deadline: { ...deadline, text: null },
      })),
    });

    const file = await ledgerFile();
    const preview = await call(core, 'import:preview', { file, batchId: imported });
    expect(preview.totals).toMatchObject({ findings: 1, measures: 3 });
    await call(core, 'import:commit', { file, batchId: imported, newUnits: [] });

    const hand = await storedRows(byHand);
    const file_ = await storedRows(imported);
    expect(hand.measures.map((m) => [m.deadline_kind, m.deadline_text])).toEqual([
      ['immediate', '立行立改'],
      ['date', null],
      ['standing', '长期坚持'],
    ]);
    // The 立行立改 measure counts against the office's default span from its 交办 day, both ways.
    expect(hand.measures[0].deadline_date).toBe(file_.measures[0].deadline_date);
    expect(hand.measures[0].deadline_date).not.toBeNull();
    expect(file_.findings).toEqual(hand.findings);
    // A 长期坚持 measure enters 整改中; the import records the step in its history ('导入'), the form does not.
    expect(file_.measures.map((m) => ({ ...m, history: m.seq === 3 ? [] : m.history }))).toEqual(hand.measures);
    expect(file_.measures[2].history).toEqual(['start']);

    const handAnnex = await annexRows(byHand);
    const fileAnnex = await annexRows(imported);
    expect(handAnnex).toHaveLength(3);
    expect(handAnnex.map((r) => r.join('|')).join('\n')).toContain('立行立改');
    expect(fileAnnex).toEqual(handAnnex);
  });
});
