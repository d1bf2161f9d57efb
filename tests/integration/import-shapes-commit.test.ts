import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { CORPUS } from '../fixtures/import/corpus/index.ts';
import { sql } from 'kysely';
import { reindexFindings } from '../../shared/core/search/search-index.ts';
import { makeDocxFixtures } from '../fixtures/import/docx-fixtures.ts';
import { call, callError, makeBatch, tableCounts, tempLedger, upload } from '../fixtures/import/env.ts';

/**
 * The new shapes written into a real ledger: a party's list of findings without measures, a 巡察
 * ledger that names no unit (a default unit asked for), extra columns kept in 备注, stacked blocks'
 * sources, and a Word feedback letter read from its numbered paragraphs.
 */

let dir: string;
const files: Record<string, string> = {};
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-shapes-'));
  for (const id of ['c21-party-feedback-list', 'c29-proposals', 'c33-xuncha-xiaohao', 'c38-stacked-parties']) {
    const c = CORPUS.find((x) => x.id === id)!;
    const file = path.join(dir, c.file);
    fs.writeFileSync(file, await c.make(dir));
    files[id] = file;
  }
  Object.assign(files, await makeDocxFixtures(dir));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let env: Awaited<ReturnType<typeof tempLedger>>;
let core: Core;
let batchId: number;
beforeEach(async () => {
  env = await tempLedger();
  core = env.core;
  batchId = await makeBatch(core);
});
afterEach(() => env.dispose());

async function importAll(file: string, extra: { defaultUnitId?: number } = {}) {
  const preview = await call(core, 'import:preview', { file: upload(file), batchId });
  const newUnits = preview.units.filter((u) => !u.existing).map((u) => u.name);
  return { preview, result: await call(core, 'import:commit', { file: upload(file), batchId, newUnits, ...extra }) };
}

const findingsOf = async (id: number) =>
  (
    await core.db
      .selectFrom('findings as f')
      .select((eb) => ['f.seq', 'f.text', 'f.suggestion', 'f.note', 'f.category', eb.selectFrom('measures as m').select((e) => e.fn.countAll<number>().as('n')).whereRef('m.finding_id', '=', 'f.id').as('measures')])
      .where('f.batch_id', '=', id)
      .orderBy('f.sort_order')
      .execute()
  ).map((r) => ({ ...r, measures: Number(r.measures) }));

describe('importing the shapes offices send, into a real ledger', () => {
  it('a party\'s feedback list gives findings with their suggestions and no measures, to be broken down later', async () => {
    const { result } = await importAll(files['c21-party-feedback-list']);
    expect(result).toMatchObject({ createdFindings: 3, createdMeasures: 0 });
    const rows = (await findingsOf(batchId));
    expect(rows.every((r) => r.measures === 0 && r.suggestion)).toBe(true);
    expect(rows[0].note).toContain('反馈来源：民盟清河县委');
    // The ledger lists measures; the findings waiting to be broken down are named beside it.
    expect((await call(core, 'ledger:query', { filter: { batchId }, pageSize: 50 })).total).toBe(0);
    const undivided = await call(core, 'findings:undivided', { batchId });
    expect(undivided.total).toBe(3);
    expect(undivided.items[0]).toMatchObject({ seq: '1', text: rows[0].text });
  });

  it('a ledger that names no unit asks for a default unit, writes nothing without one, and uses it when given', async () => {
    const before = await tableCounts(core);
    const preview = await call(core, 'import:preview', { file: upload(files['c33-xuncha-xiaohao']), batchId });
    expect(preview.totals.measuresWithoutUnit).toBe(3);
    const refused = await callError(core, 'import:commit', { file: upload(files['c33-xuncha-xiaohao']), batchId });
    expect(refused.message).toMatch(/3 项整改措施没有写责任单位.*默认责任单位/);
    expect(await tableCounts(core)).toEqual(before);

    const unit = await call(core, 'units:save', { name: '县商务局', contactPerson: null, contactPhone: null, aliases: [] });
    const { result } = await importAll(files['c33-xuncha-xiaohao'], { defaultUnitId: unit.id });
    expect(result).toMatchObject({ createdFindings: 3, createdMeasures: 3 });
    const page = await call(core, 'ledger:query', { filter: { batchId }, pageSize: 50 });
    expect(page.rows.map((r) => [r.leadUnitName, r.status])).toEqual([['县商务局', 'closed'], ['县商务局', 'in_progress'], ['县商务局', 'pending']]);
    // 销号时间 from the file is the closure date.
    expect((await core.db.selectFrom('measures').select('closed_date').where('status', '=', 'closed').executeTakeFirstOrThrow()).closed_date).toBe('2021-06-10');
  });

  it('columns the ledger has no field for are kept in 备注, never dropped', async () => {
    await importAll(files['c29-proposals']);
    const rows = (await findingsOf(batchId));
    expect(rows.map((r) => r.seq)).toEqual(['21001', '21002', '21003']);
    expect(rows[0].note).toBe('提案人：民进清河县委\n答复日期：2021-06-12\n办理结果：A');
  });

  it('stacked blocks: each block\'s party kept as the source, no header row imported', async () => {
    const { preview } = await importAll(files['c38-stacked-parties']);
    expect(preview.sheets.map((s) => s.block)).toEqual([0, 1, 2]);
    const rows = (await findingsOf(batchId));
    expect(rows.some((r) => /^(?:序号|反馈问题)$/.test(r.text))).toBe(false);
    expect(new Set(rows.map((r) => r.note?.split('\n')[0])).size).toBe(3);
  });

  it('a Word feedback letter with numbered paragraphs only gives its findings, categories and suggestions', async () => {
    const { preview, result } = await importAll(files['b-numbered-letter.docx']);
    expect(preview.sheets[0].origin).toBe('word-paragraphs');
    expect(result.createdFindings).toBe(5);
    const rows = (await findingsOf(batchId));
    expect(rows[0]).toMatchObject({ category: '产业扶贫方面', measures: 0 });
    expect(rows[0].suggestion).toMatch(/^建议因地制宜发展特色产业/);
  });

  it('a Word rectification plan: finding cells merged over their measures stay one finding each', async () => {
    const { result } = await importAll(files['c-plan-table.docx']);
    expect(result).toMatchObject({ createdFindings: 3, createdMeasures: 6 });
    expect((await findingsOf(batchId)).map((r) => r.measures)).toEqual([3, 2, 1]);
  });

  it('the search rows an import writes are the ones a reindex of the same findings would write', async () => {
    await call(core, 'units:save', { name: '青山县财政局', contactPerson: null, contactPhone: null, aliases: ['县财政局'] });
    await importAll(files['c-plan-table.docx']);
    // The search port's own table: FTS5 on SQLite, search_docs on PostgreSQL (search/postgres-search.ts).
    const rows = async () =>
      (core.dialect === 'postgres'
        ? await sql<{ rowid: number; body: string }>`SELECT finding_id AS rowid, folded AS body, grams FROM search_docs ORDER BY finding_id`.execute(core.db)
        : await sql<{ rowid: number; body: string }>`SELECT rowid, body FROM search_trigram ORDER BY rowid`.execute(core.db)
      ).rows;
    const written = await rows();
    expect(written.length).toBe(3);
    // An alias in the file is indexed under the unit's own name.
    expect(JSON.stringify(written)).toContain('青山县财政局');
    const ids = (written as { rowid: number }[]).map((r) => r.rowid);
    await core.db.transaction().execute((trx) => reindexFindings(trx, ids));
    expect(await rows()).toEqual(written);
  });
});
