import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerQuery } from '../../shared/contract/ledger.ts';
import { ledgerCountQuery, ledgerPageIdsQuery } from '../../shared/core/ledger/ledger-query.ts';
import { signalDates } from '../../shared/core/ledger/signal-sql.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { basicSetup, call, tempCore } from '../support/core.ts';
import { onPostgres } from '../support/postgres.ts';

/** SQLite's query plans: on PostgreSQL the same check would read a different planner's words. */
const SQLITE_PLAN_ONLY = onPostgres();
if (SQLITE_PLAN_ONLY) console.log('跳过 EXPLAIN QUERY PLAN 检查：它核对的是 SQLite 的查询计划，在 PostgreSQL 上没有意义');

let core: Awaited<ReturnType<typeof tempCore>>;
beforeEach(async () => {
  core = await tempCore('2026-06-15');
});
afterEach(async () => core.cleanup());

async function threeFindings() {
  const { batch, finance, poverty } = await basicSetup(core);
  const mk = (text: string, measure: string, unit: number, date: string, category: string) =>
    call(core, 'findings:create', { batchId: batch.id, text, category, measures: [{ text: measure, leadUnitId: unit, deadline: { kind: 'date', date } }] });
  const a = await mk('部分乡镇扶贫资金拨付滞后，资金闲置。', '建立资金拨付台账', finance.id, '2026-06-01', '资金使用方面');
  const b = await mk('产业项目同质化（带贫效果差）', '编制特色产业规划', poverty.id, '2026-07-30', '产业扶贫方面');
  const c = await mk('控辍保学动态监测不及时', '建立月报制度-控辍保学', poverty.id, '2026-06-20', '教育扶贫方面');
  return { a, b, c, finance, poverty, batch };
}

const ids = async (q: string) => (await call(core, 'ledger:query', { filter: { q } })).rows.map((r) => r.findingId);

describe('full-text search', () => {
  it('finds two-character Chinese words, single characters and longer phrases in findings and measures', async () => {
    const { a, b, c } = await threeFindings();
    expect(await ids('资金')).toEqual([a.id]);
    expect(await ids('规划')).toEqual([b.id]); // only in the measure text
    expect(await ids('扶贫资金')).toEqual([a.id]);
    expect(await ids('控辍保学')).toEqual([c.id]);
    expect(await ids('滞')).toEqual([a.id]);
    expect(await ids('项目 规划')).toEqual([b.id]);
    expect(await ids('资金 规划')).toEqual([]);
  });

  it('treats quotes, dashes and brackets as text, not query syntax', async () => {
    const { b, c } = await threeFindings();
    expect(await ids('制度-控辍')).toEqual([c.id]);
    expect(await ids('（带贫效果差）')).toEqual([b.id]);
    expect(await ids('"AND')).toEqual([]);
    expect(await ids('-')).toEqual([c.id]); // a literal dash, as typed
  });

  it('follows edits: the new word is found, the old one is not', async () => {
    const { a } = await threeFindings();
    await call(core, 'findings:update', { id: a.id, text: '危房改造进度缓慢' });
    expect(await ids('危房')).toEqual([a.id]);
    expect(await ids('闲置')).toEqual([]);
    expect(await ids('台账')).toEqual([a.id]); // measure text still indexed
    await call(core, 'findings:delete', { id: a.id });
    expect(await ids('危房')).toEqual([]);
  });
});

describe('the ledger query', () => {
  it('filters by unit (lead or co-operating), status, category, batch and deadline range, and counts in the database', async () => {
    const { a, b, c, finance, poverty, batch } = await threeFindings();
    const byUnit = await call(core, 'ledger:query', { filter: { unitId: poverty.id } });
    expect(byUnit.rows.map((r) => r.findingId)).toEqual([b.id, c.id]);
    await call(core, 'measures:update', { ...toInput(b.measures[0]), coUnitIds: [finance.id] });
    expect((await call(core, 'ledger:query', { filter: { unitId: finance.id } })).total).toBe(2);
    expect((await call(core, 'ledger:query', { filter: { category: '教育扶贫方面' } })).rows.map((r) => r.findingId)).toEqual([c.id]);
    expect((await call(core, 'ledger:query', { filter: { batchId: batch.id } })).total).toBe(3);
    expect((await call(core, 'ledger:query', { filter: { deadlineFrom: '2026-06-10', deadlineTo: '2026-06-30' } })).rows.map((r) => r.findingId)).toEqual([c.id]);
    await call(core, 'measures:transition', { id: a.measures[0].id, action: 'request_close', resultText: '完成' });
    expect((await call(core, 'ledger:query', { filter: { statuses: ['pending'] } })).rows.map((r) => r.findingId)).toEqual([a.id]);
    const red = await call(core, 'ledger:query', { filter: { signals: ['red'] } });
    expect(red.total).toBe(0); // a was late but is now awaiting verification
  });

  it('sorts by deadline (undated last) and pages', async () => {
    const { a, b, c, poverty } = await threeFindings();
    const f = await call(core, 'findings:create', { batchId: a.batch.id, text: '长期问题', measures: [{ text: '持续推进', leadUnitId: poverty.id, deadline: { kind: 'standing' } }] });
    const sorted = await call(core, 'ledger:query', { sort: 'deadline' });
    expect(sorted.rows.map((r) => r.findingId)).toEqual([a.id, c.id, b.id, f.id]);
    const desc = await call(core, 'ledger:query', { sort: 'deadline', order: 'desc' });
    expect(desc.rows.map((r) => r.findingId)).toEqual([f.id, b.id, c.id, a.id]);
    const page2 = await call(core, 'ledger:query', { sort: 'deadline', page: 2, pageSize: 3 });
    expect([page2.total, page2.rows.map((r) => r.findingId)]).toEqual([4, [f.id]]);
    expect(sorted.rows[0]).toMatchObject({ signal: 'red', signalReason: '已逾期 14 天', leadUnitName: '青山县财政局', batchLabel: '民盟市委 民盟市委〔2026〕1号 · 脱贫攻坚民主监督反馈意见' });
  });

  it('pages of the same length each show their own measures, and a view asked again shows what changed since', async () => {
    // The core keeps each view's statements compiled (ledger-query.ts); the data must never be kept.
    const { a, b, c } = await threeFindings();
    const d = await call(core, 'findings:create', { batchId: a.batch.id, text: '第四个问题', measures: [{ text: '第四项措施', leadUnitId: c.measures[0].leadUnitId, deadline: { kind: 'date', date: '2026-08-01' } }] });
    const page = (n: number) => call(core, 'ledger:query', { sort: 'deadline', page: n, pageSize: 2 });
    const [one, two] = [await page(1), await page(2)];
    expect(one.rows.map((r) => [r.findingId, r.measureText])).toEqual([[a.id, '建立资金拨付台账'], [c.id, '建立月报制度-控辍保学']]);
    expect(two.rows.map((r) => [r.findingId, r.measureText])).toEqual([[b.id, '编制特色产业规划'], [d.id, '第四项措施']]);
    const m = b.measures[0];
    await call(core, 'measures:update', { id: m.id, version: m.version, text: '编制特色产业规划（修订）', leadUnitId: m.leadUnitId, deadline: { kind: 'date', date: '2026-06-10' } });
    expect((await page(1)).rows.map((r) => [r.findingId, r.measureText])).toEqual([[a.id, '建立资金拨付台账'], [b.id, '编制特色产业规划（修订）']]);
    expect((await page(2)).rows.map((r) => r.findingId)).toEqual([c.id, d.id]);
  });

  it.skipIf(SQLITE_PLAN_ONLY)('reads the hot queries through their indexes (EXPLAIN QUERY PLAN)', async () => {
    await seedSynthetic(core, { findings: 300, seed: 3 });
    core.sqlite!.exec('ANALYZE');
    const d = signalDates('2026-06-15', { dueSoonDays: 7, stagnantDays: 30 }, core.dialect);
    const plan = (q: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
      const c = q.compile();
      return (core.sqlite!.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.parameters) as { detail: string }[]).map((r) => r.detail).join(' | ');
    };
    const page = (raw: unknown) => plan(ledgerPageIdsQuery(core.db, ledgerQuery.parse(raw), d));
    expect(page({})).toContain('measures_finding_seq');
    expect(page({})).not.toContain('TEMP B-TREE');
    expect(page({ sort: 'deadline' })).toContain('measures_deadline_sort');
    expect(page({ filter: { signals: ['red'] }, sort: 'deadline' })).toMatch(/measures_deadline_sort \(<expr><\?\)/);
    expect(page({ filter: { unitId: 1, statuses: ['in_progress'] } })).toContain('measures_lead_unit');
    expect(plan(ledgerCountQuery(core.db, { q: '资金' }, d))).toContain('search_bigram');
    expect(plan(ledgerCountQuery(core.db, { q: '扶贫资金' }, d))).toContain('search_trigram');
    // A status count is a range of an index that leads with the status, read without the rows
    // (the planner takes the narrowest: since 0013, measures_status_requested).
    expect(plan(ledgerCountQuery(core.db, { statuses: ['closed'] }, d))).toMatch(/^SEARCH m USING COVERING INDEX measures_status_(deadline|requested|activity) \(status=\?\)$/);
    expect(plan(ledgerCountQuery(core.db, { signals: ['red'] }, d))).toMatch(/COVERING INDEX measures_status_deadline \(status=\? AND <expr><\?\)/);
  });
});

function toInput(m: { id: number; version: number; text: string; leadUnitId: number; coUnits: { id: number }[]; deadlineKind: 'date' | 'immediate' | 'standing' | 'none'; deadlineDate: string | null }) {
  return { id: m.id, version: m.version, text: m.text, leadUnitId: m.leadUnitId, coUnitIds: m.coUnits.map((u) => u.id), deadline: { kind: m.deadlineKind, date: m.deadlineDate } };
}
