import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIMILAR_THRESHOLD, textSimilarity } from '../../shared/core/similar/text.ts';
import { PAIRS } from '../fixtures/similar/pairs.ts';
import { basicSetup, call, callFails, tableCounts, tempCore } from '../support/core.ts';

let core: Awaited<ReturnType<typeof tempCore>>;
beforeEach(async () => {
  core = await tempCore('2026-06-15');
});
afterEach(async () => core.cleanup());

function score(proposed: (i: number) => boolean) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  PAIRS.forEach((p, i) => {
    const yes = proposed(i);
    if (yes && p.similar) tp++;
    else if (yes) fp++;
    else if (p.similar) fn++;
  });
  return { precision: tp / (tp + fp), recall: tp / (tp + fn), tp, fp, fn };
}

async function laterBatch(orgId: number, receivedDate: string, docNumber: string) {
  return call(core, 'batches:save', { organizationId: orgId, area: '脱贫攻坚', docNumber, receivedDate, topic: '脱贫攻坚民主监督反馈意见（回头看）' });
}

describe('similar findings across rounds', () => {
  it('the labelled set (≥ 120 pairs): precision ≥ 0.9 and recall ≥ 0.8 at the stated threshold', () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(120);
    expect(PAIRS.filter((p) => p.similar).length).toBeGreaterThanOrEqual(50);
    expect(PAIRS.filter((p) => p.kind === 'same-topic').length).toBeGreaterThanOrEqual(30);
    const s = score((i) => textSimilarity(PAIRS[i].a, PAIRS[i].b) >= SIMILAR_THRESHOLD);
    console.log(`相似问题（阈值 ${SIMILAR_THRESHOLD}，${PAIRS.length} 对）：准确率 ${s.precision.toFixed(3)}，召回率 ${s.recall.toFixed(3)}（TP ${s.tp} FP ${s.fp} FN ${s.fn}）`);
    expect(SIMILAR_THRESHOLD).toBe(0.5);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('through the index on a real database: the same pairs, each earlier text proposed for its rewording only', async () => {
    const { org, batch, poverty } = await basicSetup(core);
    const firstTexts = [...new Set(PAIRS.map((p) => p.a))];
    const idOf = new Map<string, number>();
    for (const text of firstTexts) {
      const f = await call(core, 'findings:create', { batchId: batch.id, text, measures: [{ text: '整改', leadUnitId: poverty.id, deadline: { kind: 'date', date: '2026-09-30' } }] });
      idOf.set(text, f.id);
    }
    const later = await laterBatch(org.id, '2026-05-20', '民盟市委〔2026〕9号');
    const lists = await call(core, 'similar:find-many', { texts: PAIRS.map((p) => p.b), batchId: later.id, limit: 10 });
    const s = score((i) => lists[i].some((m) => m.findingId === idOf.get(PAIRS[i].a)));
    console.log(`经索引检索：准确率 ${s.precision.toFixed(3)}，召回率 ${s.recall.toFixed(3)}（TP ${s.tp} FP ${s.fp} FN ${s.fn}）`);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.recall).toBeGreaterThanOrEqual(0.8);
    // The index finds what the plain score finds: the candidate step loses nothing on this set.
    const plain = score((i) => textSimilarity(PAIRS[i].a, PAIRS[i].b) >= SIMILAR_THRESHOLD);
    expect(s.tp).toBe(plain.tp);
  });

  it('a reworded finding of an earlier batch is proposed, an unrelated one is not; never one of the same or a later batch', async () => {
    const { org, batch, poverty } = await basicSetup(core);
    const m = [{ text: '整改', leadUnitId: poverty.id, deadline: { kind: 'date' as const, date: '2026-09-30' } }];
    const old = await call(core, 'findings:create', { batchId: batch.id, text: '部分村低保对象识别不精准', measures: m });
    await call(core, 'findings:create', { batchId: batch.id, text: '农村留守儿童关爱服务不到位', measures: m });
    const later = await laterBatch(org.id, '2026-05-20', '民盟市委〔2026〕9号');
    const found = await call(core, 'similar:find', { text: '个别村低保对象识别仍不够精准', batchId: later.id });
    expect(found.map((f) => f.findingId)).toEqual([old.id]);
    expect(found[0].similarity).toBeGreaterThanOrEqual(SIMILAR_THRESHOLD);
    expect(found[0].batchLabel).toContain('民盟市委〔2026〕1号');
    expect(await call(core, 'similar:find', { text: '扶贫小额信贷贷后管理不到位', batchId: later.id })).toEqual([]);
    // Going the other way in time proposes nothing: the old batch has no earlier round.
    expect(await call(core, 'similar:find', { text: '个别村低保对象识别仍不够精准', batchId: batch.id })).toEqual([]);
    // Once written into the later batch, the new finding sees the old one, and the old one does not see it.
    const again = await call(core, 'findings:create', { batchId: later.id, text: '个别村低保对象识别仍不够精准', measures: m });
    const page = await call(core, 'similar:of-finding', { findingId: again.id });
    expect(page.suggestions.map((s) => s.findingId)).toEqual([old.id]);
    expect((await call(core, 'similar:of-finding', { findingId: old.id })).suggestions).toEqual([]);
  });

  it('edits and deletions keep the index true; a finding restored from the 回收站 is found again with its link', async () => {
    const { org, batch, poverty } = await basicSetup(core);
    const m = [{ text: '整改', leadUnitId: poverty.id, deadline: { kind: 'date' as const, date: '2026-09-30' } }];
    const old = await call(core, 'findings:create', { batchId: batch.id, text: '扶贫项目资金拨付进度滞后', measures: m });
    const later = await laterBatch(org.id, '2026-05-20', '民盟市委〔2026〕9号');
    const probe = () => call(core, 'similar:find', { text: '部分扶贫项目资金拨付进度明显滞后', batchId: later.id });
    expect((await probe()).map((f) => f.findingId)).toEqual([old.id]);
    await call(core, 'findings:update', { id: old.id, version: old.version, text: '农村厕所改造后使用率不高' });
    expect(await probe()).toEqual([]);
    expect((await call(core, 'similar:find', { text: '农村厕所改造后使用率偏低', batchId: later.id })).map((f) => f.findingId)).toEqual([old.id]);

    const again = await call(core, 'findings:create', { batchId: later.id, text: '农村厕所改造后使用率偏低', measures: m });
    await call(core, 'similar:confirm', { findingId: again.id, earlierFindingId: old.id });
    await call(core, 'findings:delete', { id: old.id });
    expect(await call(core, 'similar:find', { text: '农村厕所改造后使用率偏低', batchId: later.id })).toEqual([]);
    expect((await call(core, 'similar:of-finding', { findingId: again.id })).repeats).toEqual([]);
    const bin = await call(core, 'recycle:list', {});
    await call(core, 'recycle:restore', { id: bin.find((e) => e.entity === 'finding' && e.entityId === old.id)!.id });
    expect((await call(core, 'similar:find', { text: '农村厕所改造后使用率偏低', batchId: later.id })).map((f) => f.findingId)).toEqual([old.id]);
    expect((await call(core, 'similar:of-finding', { findingId: again.id })).repeats.map((r) => r.findingId)).toEqual([old.id]);
  });

  it('再次反馈: confirming stores and audits the link, the ledger filters it, unconfirming removes it; a wrong link is refused with nothing written', async () => {
    const { org, batch, poverty, finance } = await basicSetup(core);
    const m = (unit: number) => [{ text: '整改', leadUnitId: unit, deadline: { kind: 'date' as const, date: '2026-09-30' } }];
    const old = await call(core, 'findings:create', { batchId: batch.id, text: '村级财务公开不及时', measures: m(poverty.id) });
    const later = await laterBatch(org.id, '2026-05-20', '民盟市委〔2026〕9号');
    const again = await call(core, 'findings:create', { batchId: later.id, text: '部分村级财务公开不够及时', measures: [...m(finance.id), ...m(poverty.id)] });
    await call(core, 'findings:create', { batchId: later.id, text: '扶贫热线接听不及时', measures: m(finance.id) });

    const before = await tableCounts(core);
    const wrongWay = await callFails(core, 'similar:confirm', { findingId: old.id, earlierFindingId: again.id });
    expect(wrongWay.message).toContain('只能关联更早批次');
    const self = await callFails(core, 'similar:confirm', { findingId: again.id, earlierFindingId: again.id });
    expect(self.message).toContain('不能');
    expect(await tableCounts(core)).toEqual(before);

    const page = await call(core, 'similar:confirm', { findingId: again.id, earlierFindingId: old.id });
    expect(page.repeats.map((r) => [r.findingId, r.operator])).toEqual([[old.id, '管理员']]);
    expect(page.suggestions).toEqual([]);
    expect((await call(core, 'similar:of-finding', { findingId: old.id })).repeatedBy.map((r) => r.findingId)).toEqual([again.id]);
    const log = await call(core, 'audit:list', { entity: 'finding_repeat' });
    expect(log.length).toBe(1);

    const repeats = await call(core, 'ledger:query', { filter: { repeat: true } });
    expect(repeats.total).toBe(2);
    expect(new Set(repeats.rows.map((r) => r.findingId))).toEqual(new Set([again.id]));
    const all = await call(core, 'ledger:query', {});
    expect(all.total).toBe(4);

    await call(core, 'similar:unconfirm', { findingId: again.id, earlierFindingId: old.id });
    expect((await call(core, 'ledger:query', { filter: { repeat: true } })).total).toBe(0);
    expect((await call(core, 'audit:list', { entity: 'finding_repeat' })).length).toBe(2);
  });

  it('sample-sized ledgers written by raw statements (seed) are indexed before the first look', async () => {
    const { seedSynthetic } = await import('../../shared/core/sample/synthetic.ts');
    await seedSynthetic(core, { findings: 400, seed: 3 });
    const one = await core.db.selectFrom('findings').select(['id', 'text', 'batch_id']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const found = await call(core, 'similar:find', { text: one.text });
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].similarity).toBe(1);
    const { sql } = await import('kysely');
    const pending = await sql<{ n: number }>`SELECT count(*) AS n FROM similar_pending`.execute(core.db);
    expect(Number(pending.rows[0].n)).toBe(0);
  });
});

describe('migration 0009', () => {
  it('indexes the findings of an older ledger while upgrading', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { default: SQLite } = await import('better-sqlite3');
    const { Kysely, SqliteDialect } = await import('kysely');
    const { MIGRATIONS } = await import('../../shared/core/db/migrations/index.ts');
    const { openCore } = await import('../../shared/core/context.ts');
    const mine = MIGRATIONS.findIndex((m) => m.version === 9);
    // The oldest and the newest ledger an upgrade meets (database.test.ts walks every version).
    for (const k of [1, mine]) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-similar-mig-'));
      const raw = new SQLite(path.join(dir, 'ledger.sqlite3'));
      const old = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
      await old.schema.createTable('schema_migrations').addColumn('version', 'integer', (c) => c.primaryKey()).addColumn('name', 'text').addColumn('applied_at', 'text').execute();
      for (const m of MIGRATIONS.slice(0, k)) {
        await m.up(old, 'sqlite');
        await old.insertInto('schema_migrations').values({ version: m.version, name: m.name, applied_at: 'x' }).execute();
      }
      const org = raw.prepare('SELECT id FROM organizations LIMIT 1').pluck().get();
      const b = raw.prepare("INSERT INTO batches (organization_id, area, received_date, topic, created_at, updated_at) VALUES (?, 'a', '2025-01-01', 't', 'x', 'x')").run(org).lastInsertRowid;
      raw.prepare("INSERT INTO findings (batch_id, seq, sort_order, text, status, created_at, updated_at) VALUES (?, '1', 1, '部分村低保对象识别不精准', 'not_started', 'x', 'x')").run(b);
      await old.destroy();
      const upgraded = await openCore({ dataDir: dir, mode: 'test' });
      try {
        // Built by the migration itself, before any lookup.
        expect(upgraded.sqlite!.prepare('SELECT count(*) FROM similar_pending').pluck().get(), `from version ${MIGRATIONS[k - 1].version}`).toBe(0);
        expect(upgraded.sqlite!.prepare('SELECT count(DISTINCT finding_id) FROM similar_postings').pluck().get()).toBe(1);
        const found = await call(upgraded, 'similar:find', { text: '个别村低保对象识别仍不够精准' });
        expect(found.map((f) => f.text)).toEqual(['部分村低保对象识别不精准']);
      } finally {
        await upgraded.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
