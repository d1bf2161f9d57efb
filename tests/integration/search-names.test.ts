import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { MIGRATIONS } from '../../shared/core/db/migrations/index.ts';
import { call, tempCore } from '../support/core.ts';
import { writePostgresRows } from '../../shared/core/search/postgres-search.ts';

/**
 * Search by 文号, organisation, unit and people's names (issue 7): the words a clerk has on the
 * paper in front of her, not only the finding's and the measures' text.
 */
let core: Awaited<ReturnType<typeof tempCore>>;
beforeEach(async () => {
  core = await tempCore('2026-06-15');
});
afterEach(async () => core.cleanup());

async function ledger() {
  const orgs = await call(core, 'orgs:list', {});
  const minge = orgs.find((o) => o.party === '民革')!;
  const minmeng = orgs.find((o) => o.party === '民盟')!;
  const batch = (organizationId: number, docNumber: string) =>
    call(core, 'batches:save', { organizationId, area: '脱贫攻坚', docNumber, receivedDate: '2026-03-01', topic: '脱贫攻坚民主监督反馈意见', mode: '专项监督' });
  const x = await batch(minge.id, '统战〔2021〕5号');
  const y = await batch(minmeng.id, '民盟市委〔2026〕1号');
  const finance = await call(core, 'units:save', { name: '青山县财政局', aliases: [], contactPerson: null, contactPhone: null });
  const poverty = await call(core, 'units:save', { name: '青山县扶贫开发办公室', aliases: [], contactPerson: null, contactPhone: null });
  const deadline = { kind: 'date' as const, date: '2026-09-30' };
  const mk = (batchId: number, text: string, measure: object) =>
    call(core, 'findings:create', { batchId, text, measures: [{ text: '建立工作台账', deadline, coUnitIds: [], ...measure }] as never });
  const a = await mk(x.id, '部分乡镇资金拨付滞后', { leadUnitId: finance.id, leader: '张建国', person: '王芳' });
  const b = await mk(y.id, '产业项目同质化', { leadUnitId: poverty.id, coUnitIds: [finance.id], leader: '李副县长', person: '赵敏' });
  const c = await mk(y.id, '控辍保学监测不及时', { leadUnitId: poverty.id, person: '陈静' });
  return { a: a.id, b: b.id, c: c.id, x, y, minge, finance, poverty };
}

const found = async (q: string) => [...new Set((await call(core, 'ledger:query', { filter: { q } })).rows.map((r) => r.findingId))].sort((m, n) => m - n);

describe('search by names', () => {
  it('finds a finding by its batch 文号, whole or in part', async () => {
    const { a } = await ledger();
    expect(await found('统战〔2021〕5号')).toEqual([a]);
    expect(await found('5号')).toEqual([a]);
    expect(await found('2021')).toEqual([a]);
  });

  it('finds by lead or co-operating unit, by organisation and by people, 2 and 3 characters', async () => {
    const { a, b, c } = await ledger();
    expect(await found('县财政局')).toEqual([a, b]); // b has it as 配合单位
    expect(await found('财政')).toEqual([a, b]);
    expect(await found('扶贫开发')).toEqual([b, c]);
    expect(await found('民革')).toEqual([a]);
    expect(await found('王芳')).toEqual([a]);
    expect(await found('张建国')).toEqual([a]);
    expect(await found('赵敏')).toEqual([b]);
    expect(await found('财政 赵敏')).toEqual([b]);
    expect(await found('财政 陈静')).toEqual([]);
  });

  it('follows a unit rename, a unit merge, a 文号 change and an organisation rename', async () => {
    const { a, b, c, x, minge, finance, poverty } = await ledger();
    await call(core, 'units:save', { id: finance.id, name: '青山县财政事务中心', aliases: [], contactPerson: null, contactPhone: null });
    expect(await found('财政事务中心')).toEqual([a, b]);
    expect(await found('县财政局')).toEqual([]);

    await call(core, 'batches:save', { id: x.id, organizationId: minge.id, area: '脱贫攻坚', docNumber: '统战〔2021〕6号', receivedDate: '2026-03-01', topic: '脱贫攻坚民主监督反馈意见', mode: '专项监督' });
    expect(await found('6号')).toEqual([a]);
    expect(await found('5号')).toEqual([]);

    await call(core, 'orgs:save', { id: minge.id, name: '民革青山县委会', party: '民革', level: '县委' });
    expect(await found('青山县委会')).toEqual([a]);

    await call(core, 'units:merge', { fromId: poverty.id, intoId: finance.id });
    expect(await found('扶贫开发')).toEqual([]);
    expect(await found('财政事务中心')).toEqual([a, b, c]);
  });

  it('migration 5 reindexes an older ledger: its findings are found by 文号 and names too', async () => {
    const { a } = await ledger();
    // The ledger as an older version left it: search rows of the finding's own words only.
    const rows = await core.db.selectFrom('findings').select(['id', 'text']).execute();
    if (core.dialect === 'postgres') {
      await sql`DELETE FROM search_docs`.execute(core.db);
      await writePostgresRows(core.db, rows.map((r) => [r.id, r.text] as const));
    } else {
      await sql`DELETE FROM search_trigram`.execute(core.db);
      await sql`DELETE FROM search_bigram`.execute(core.db);
      for (const r of rows) {
        await sql`INSERT INTO search_trigram (rowid, body) VALUES (${r.id}, ${r.text})`.execute(core.db);
        await sql`INSERT INTO search_bigram (rowid, body) VALUES (${r.id}, ${r.text})`.execute(core.db);
      }
    }
    expect(await found('5号')).toEqual([]);
    // Migration 5 as the runner applies it when such a ledger is opened (later migrations, which
    // an older ledger also lacks, cannot be replayed on this one; database.test.ts opens real
    // ledgers of every earlier version).
    const m5 = MIGRATIONS.find((m) => m.version === 5)!;
    await core.db.transaction().execute((trx) => m5.up(trx, core.dialect));
    expect(await found('5号')).toEqual([a]);
    expect(await found('张建国')).toEqual([a]);
    expect(await found('资金')).toEqual([a]); // the finding's own words are still there
  });
});
