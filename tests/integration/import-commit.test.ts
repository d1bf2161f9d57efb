import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { BAD_FIXTURES } from '../fixtures/import/make-fixtures.ts';
import { useFixtureFiles } from '../fixtures/import/use-fixture-files.ts';
import { call, callError, makeBatch, tableCounts, tempLedger, upload } from '../fixtures/import/env.ts';

/** Preview and commit on a real SQLite file: units confirmed, one transaction, no duplicates, mapping remembered. */

const files = useFixtureFiles();

let env: Awaited<ReturnType<typeof tempLedger>>;
let core: Core;
let batchId: number;
beforeEach(async () => {
  env = await tempLedger();
  core = env.core;
  batchId = await makeBatch(core);
});
afterEach(() => env.dispose());

describe('import:preview and import:commit', () => {
  it('previews without writing, proposes new units, refuses to create them unconfirmed', async () => {
    await call(core, 'units:save', { name: '青山县扶贫开发办公室', contactPerson: null, contactPhone: null, aliases: ['县扶贫办'] });
    const before = await tableCounts(core);
    const preview = await call(core, 'import:preview', { file: upload(files['02-two-row-header.xlsx']), batchId });
    expect(await tableCounts(core)).toEqual(before);
    expect(preview.totals).toMatchObject({ findings: 3, measures: 5, newFindings: 3, rowsRefused: 0, rowsSkipped: 5 });
    expect(preview.units.find((u) => u.name === '县扶贫办')?.existing).toMatchObject({ name: '青山县扶贫开发办公室', via: 'alias' });
    const newUnits = preview.units.filter((u) => !u.existing).map((u) => u.name);
    expect(newUnits.sort()).toEqual(['县供销社', '县农业农村局', '县发改局', '县商务局', '县审计局', '县财政局'].sort());

    const err = await callError(core, 'import:commit', { file: upload(files['02-two-row-header.xlsx']), batchId, newUnits: newUnits.slice(1) });
    expect(err.message).toContain('尚未确认');
    expect(err.message).toContain(newUnits[0]);
    expect(await tableCounts(core)).toEqual(before);
  });

  it('commits in one transaction through the workflow, then the same file again adds nothing', async () => {
    const file = upload(files['02-two-row-header.xlsx']);
    const preview = await call(core, 'import:preview', { file, batchId });
    const newUnits = preview.units.filter((u) => !u.existing).map((u) => u.name);
    const result = await call(core, 'import:commit', { file, batchId, newUnits });
    expect(result).toMatchObject({ createdFindings: 3, createdMeasures: 5, createdUnits: 7, updatedFindings: 0, progressEntries: 2 });

    const page = await call(core, 'ledger:query', { filter: { batchId }, pageSize: 50 });
    expect(page.total).toBe(5);
    const row = page.rows.find((r) => r.measureText === '建立产销对接机制')!;
    expect(row).toMatchObject({ category: '产业扶贫方面 / 项目管理', leadUnitName: '县商务局', coUnitNames: ['县供销社', '县农业农村局'], deadlineDate: '2021-09-30', status: 'in_progress' });
    const closed = page.rows.find((r) => r.measureText === '开展产业项目市场评估')!;
    expect(closed.status).toBe('closed');
    const detail = await call(core, 'findings:get', { id: closed.findingId });
    const history = detail.measures.find((m) => m.id === closed.measureId)!.history.map((h) => h.action);
    expect(history).toEqual(expect.arrayContaining(['start', 'request_close', 'verify_close']));
    expect(page.rows.find((r) => r.measureText === '开展资金绩效评价')!.status).toBe('pending');
    expect(page.rows.find((r) => r.measureText === '健全资金监管长效机制')!).toMatchObject({ status: 'standing', deadlineKind: 'standing' });
    // Search finds imported text (the index is kept in step).
    expect((await call(core, 'ledger:query', { filter: { q: '资金' } })).total).toBeGreaterThan(0);

    const counts = await tableCounts(core);
    const again = await call(core, 'import:preview', { file, batchId });
    expect(again.totals).toMatchObject({ newFindings: 0, sameFindings: 3, changedFindings: 0, newUnits: 0 });
    expect(again.rememberedMapping).toBe(true);
    const second = await call(core, 'import:commit', { file, batchId });
    expect(second).toMatchObject({ createdFindings: 0, createdMeasures: 0, unchangedFindings: 3 });
    const after = await tableCounts(core);
    expect({ ...after, audit_log: 0 }).toEqual({ ...counts, audit_log: 0 });
  });

  it('a changed file offers the differences as updates and applies them', async () => {
    const file = upload(files['01-basic.xlsx']);
    const preview = await call(core, 'import:preview', { file, batchId });
    await call(core, 'import:commit', { file, batchId, newUnits: preview.units.map((u) => u.name) });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files['01-basic.xlsx']);
    const ws = wb.getWorksheet('整改台账')!;
    ws.getCell('G5').value = '2021年12月31日';
    ws.getCell('H5').value = '已排查8个乡镇';
    ws.addRow([]);
    const changedPath = path.join(env.dir, '01-changed.xlsx');
    await wb.xlsx.writeFile(changedPath);

    const diff = await call(core, 'import:preview', { file: upload(changedPath), batchId });
    expect(diff.totals).toMatchObject({ newFindings: 0, changedFindings: 1, sameFindings: 3 });
    const changed = diff.findings.find((f) => f.match === 'changed')!;
    expect(changed.changes).toEqual(['措施1 整改时限：2021-09-30 → 2021-12-31', '措施1 新增进展：已排查8个乡镇']);
    const result = await call(core, 'import:commit', { file: upload(changedPath), batchId });
    expect(result).toMatchObject({ updatedFindings: 1, createdFindings: 0, progressEntries: 1 });
    const detail = await call(core, 'findings:get', { id: changed.existingId! });
    expect(detail.measures[0].deadlineDate).toBe('2021-12-31');
    expect(detail.measures[0].progress.map((p) => p.text)).toContain('已排查8个乡镇');
  });

  it('a written name pointed at an existing unit becomes its alias', async () => {
    const unit = await call(core, 'units:save', { name: '青山县住房和城乡建设局', contactPerson: null, contactPhone: null, aliases: [] });
    const file = upload(files['05-gbk.csv']);
    const preview = await call(core, 'import:preview', { file, batchId });
    const others = preview.units.filter((u) => !u.existing && u.name !== '县住房城乡建设局').map((u) => u.name);
    await call(core, 'import:commit', { file, batchId, newUnits: others, unitMap: { 县住房城乡建设局: unit.id } });
    const units = await call(core, 'units:list', {});
    expect(units.find((u) => u.id === unit.id)!.aliases).toContain('县住房城乡建设局');
    expect(units.find((u) => u.id === unit.id)!.measureCount).toBe(1);
  });

  it('a changed mapping is used, and remembered for the next file with the same header', async () => {
    const file = upload(files['01-basic.xlsx']);
    const first = await call(core, 'import:preview', { file, batchId });
    const sheet = first.sheets[0];
    // The clerk says column J (备注) is really 整改目标, and F (责任领导) should be ignored.
    const mapping = Object.fromEntries(sheet.columns.map((c) => [c.letter, c.role]));
    mapping.J = 'target';
    mapping.F = 'ignore';
    const changed = await call(core, 'import:preview', { file, batchId, mappings: { [sheet.signature]: mapping } });
    expect(changed.sheets[0].mapping).toMatchObject({ target: 'J' });
    expect(changed.sheets[0].mapping.leader).toBeUndefined();
    expect(changed.findings[0].measures[0].leader).toBeNull();
    await call(core, 'import:commit', { file, batchId, mappings: { [sheet.signature]: mapping }, newUnits: first.units.map((u) => u.name) });

    const next = await call(core, 'import:preview', { file, batchId });
    expect(next.rememberedMapping).toBe(true);
    expect(next.sheets[0].mapping.leader).toBeUndefined();
    expect(next.sheets[0].mapping.target).toBe('J');
  });

  it.each(BAD_FIXTURES)('%s is refused with a message naming it, and nothing is written', async (name) => {
    const before = await tableCounts(core);
    const err = await callError(core, 'import:commit', { file: upload(files[name]), batchId, newUnits: [] });
    expect(err.code).toBe('file_refused');
    expect(err.message).toContain(`文件“${name}”`);
    expect(await tableCounts(core)).toEqual(before);
  });
});

describe('the office\'s own header words', () => {
  it('a word taught in settings is recognised in the next file, and audited', async () => {
    const csv = path.join(env.dir, '自定义表头.csv');
    // Words no ledger stem knows: the preview finds no header and offers the rows to point at.
    fs.writeFileSync(csv, '编号,群众呼声,怎么办,谁来办,啥时候\n1,群众反映低保审核慢,简化审核流程,县民政局,2021年9月30日\n');
    const before = await call(core, 'import:preview', { file: upload(csv), batchId });
    expect(before.sheets).toEqual([]);
    expect(before.unlocated).toEqual([{ name: 'Sheet1', rows: [['编号', '群众呼声', '怎么办', '谁来办', '啥时候'], ['1', '群众反映低保审核慢', '简化审核流程', '县民政局', '2021年9月30日']] }]);
    const refused = await callError(core, 'import:commit', { file: upload(csv), batchId });
    expect(refused.message).toContain('找不到表头');

    const saved = await call(core, 'import:header-words:save', { extra: { finding: ['群众呼声'], measure: ['怎么办'], units: ['谁来办'], deadline: ['啥时候'] } });
    expect(saved.extra).toEqual({ finding: ['群众呼声'], measure: ['怎么办'], units: ['谁来办'], deadline: ['啥时候'] });
    const after = await call(core, 'import:preview', { file: upload(csv), batchId });
    expect(after.sheets[0].mapping).toMatchObject({ seq: 'A', finding: 'B', measure: 'C', units: 'D', deadline: 'E' });
    expect(after.sheets[0].columns[1].reason).toBe('本单位设定的表头词“群众呼声”');
    expect(after.findings[0].measures[0]).toMatchObject({ leadUnit: '县民政局', deadline: { date: '2021-09-30' } });
    expect((await call(core, 'audit:list', { entity: 'settings' })).length).toBeGreaterThan(0);
  });
});
