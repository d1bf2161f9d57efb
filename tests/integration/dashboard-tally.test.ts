import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DashboardData } from '../../shared/contract/dashboard.ts';
import type { Core } from '../../shared/core/context.ts';
import { dashboardFigures } from '../../shared/core/dashboard/figures.ts';
import { batchTally, forgetTally, fullCountsOf, recountTally, type Tally } from '../../shared/core/dashboard/tally.ts';
import { getSettings, thresholdsOf } from '../../shared/core/ledger/settings.ts';
import { signalDates } from '../../shared/core/ledger/signal-sql.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { useFixtureFiles } from '../fixtures/import/use-fixture-files.ts';
import { upload } from '../fixtures/import/env.ts';
import { call, tempCore } from '../support/core.ts';

/**
 * 分析's batch × category counts are kept between writes and brought up to date from the audit
 * log (shared/core/dashboard/tally.ts). After each kind of write a clerk can make, what 分析 shows
 * must equal a count from scratch — and, for the writes the tally understands, without one.
 */

const TODAY = '2026-06-15';
const files = useFixtureFiles();
let core: Core & { cleanup(): Promise<void> };

beforeEach(async () => {
  core = await tempCore(TODAY);
});
afterEach(async () => {
  await core.cleanup();
});

const dateDl = (date: string) => ({ kind: 'date' as const, date, text: null });

/** Three batches, categories and units mixed, deadlines around today, some measures closed on time and late. */
async function seedLedger() {
  const orgs = await call(core, 'orgs:list', {});
  const units: Awaited<ReturnType<typeof call<'units:save'>>>[] = [];
  for (const name of ['青山县财政局', '青山县扶贫开发办公室', '青山县教育局']) units.push(await call(core, 'units:save', { name, aliases: [], contactPerson: null, contactPhone: null }));
  const batches = [];
  for (const [i, party] of ['民盟', '民建', '九三学社'].entries()) {
    const org = orgs.find((o) => o.party === party)!;
    batches.push(await call(core, 'batches:save', { organizationId: org.id, area: '脱贫攻坚', docNumber: `〔2026〕${i + 1}号`, receivedDate: `2026-0${i + 1}-10`, topic: `第${i + 1}批反馈意见`, mode: '专项监督' }));
  }
  const categories = ['资金使用', '作风建设', null];
  const deadlines = ['2026-05-31', '2026-06-20', '2026-09-30', '2026-03-31'];
  const measureIds: number[] = [];
  const findingIds: number[] = [];
  let n = 0;
  for (const b of batches) {
    for (let f = 0; f < 5; f++) {
      const measures = [0, 1, 2].slice(0, 1 + ((f + b.id) % 3)).map((k) => ({
        text: `措施${++n}`,
        leadUnitId: units[(f + k) % units.length].id,
        coUnitIds: [],
        deadline: n % 7 === 0 ? { kind: 'standing' as const, date: null, text: null } : dateDl(deadlines[(f + k) % deadlines.length]),
      }));
      const made = await call(core, 'findings:create', { batchId: b.id, category: categories[(f + b.id) % 3] ?? undefined, text: `反馈问题${b.id}-${f}`, measures });
      findingIds.push(made.id);
      measureIds.push(...made.measures.map((m) => m.id));
    }
  }
  // Close some on time and some late (closing date is today: late when the deadline has passed).
  for (const id of measureIds.filter((_, i) => i % 4 === 1)) {
    await call(core, 'measures:transition', { id, action: 'request_close', resultText: '已整改到位' });
    await call(core, 'measures:transition', { id, action: 'verify_close', verifiedBy: '赵敏' });
  }
  return { units, batches, measureIds, findingIds };
}

const cellsOf = (t: Tally) => [...t].flatMap(([b, cells]) => [...cells].map(([c, v]) => [b, c, v] as const)).sort((x, y) => x[0] - y[0] || x[1].localeCompare(y[1]));

/**
 * Open 分析 (the tally is kept), make the write, open it again: it must equal a count from
 * scratch, cell by cell, and have been brought up to date without one unless `recount`.
 */
async function afterWrite(label: string, write: () => Promise<unknown>, o: { recount?: boolean; today?: string } = {}): Promise<{ before: DashboardData; after: DashboardData }> {
  const settings = await getSettings(core.db);
  const t = thresholdsOf(settings);
  const day = o.today ?? TODAY;
  const figures = () => dashboardFigures(core.db, day, t, { rankUnits: false });
  const before = await figures();
  const counted = fullCountsOf(core.db);
  await write();
  const after = await figures();
  expect(fullCountsOf(core.db) - counted, `${label}: counted from scratch`).toBe(o.recount ? 1 : 0);
  const d = signalDates(day, t, core.dialect);
  const kept = await batchTally(core.db, d, { measures: after.measures, closed: after.byStatus.closed, red: after.bySignal.red });
  expect(cellsOf(kept), label).toEqual(cellsOf(await recountTally(core.db, d)));
  forgetTally(core.db);
  expect(after, label).toEqual(await figures());
  return { before, after };
}

const measureRow = (id: number) => core.db.selectFrom('measures').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('分析 after a write: kept counts equal a count from scratch', () => {
  it('after progress, closing, edits of a measure and of a finding, a new finding, bulk edits and a unit merge', async () => {
    const s = await seedLedger();
    const open: number[] = [];
    for (const id of s.measureIds) if ((await measureRow(id)).status === 'not_started') open.push(id);

    await afterWrite('进展', () => call(core, 'progress:add', { measureId: open[0], date: TODAY, text: '已召开推进会' }));
    const closed = await afterWrite('销号', async () => {
      await call(core, 'measures:transition', { id: open[1], action: 'request_close', resultText: '已整改' });
      await call(core, 'measures:transition', { id: open[1], action: 'verify_close', verifiedBy: '赵敏' });
    });
    expect(closed.after.byStatus.closed).toBe(closed.before.byStatus.closed + 1);

    const m = await measureRow(open[2]);
    const moved = await afterWrite('改时限和单位', () =>
      call(core, 'measures:update', { id: m.id, version: m.version, text: m.text, leadUnitId: s.units[2].id, coUnitIds: [], leader: null, person: null, deadline: dateDl('2026-01-31') }),
    );
    const wasRed = m.deadline_kind !== 'standing' && (m.deadline_date ?? '9999-12-31') < TODAY;
    expect(moved.after.bySignal.red).toBe(moved.before.bySignal.red + (wasRed ? 0 : 1));

    const f = await core.db.selectFrom('findings').selectAll().where('id', '=', s.findingIds[0]).executeTakeFirstOrThrow();
    const recategorised = await afterWrite('改问题类别', () =>
      call(core, 'findings:update', { id: f.id, seq: f.seq, category: '新的类别', text: f.text, suggestion: f.suggestion ?? undefined, target: f.target ?? undefined, note: f.note ?? undefined }),
    );
    expect(recategorised.after.byCategory.map((c) => c.category)).toContain('新的类别');

    await afterWrite('新增问题', () =>
      call(core, 'findings:create', { batchId: s.batches[1].id, category: '资金使用', text: '新反馈问题', measures: [{ text: '新措施', leadUnitId: s.units[0].id, coUnitIds: [], deadline: dateDl('2026-06-01') }] }),
    );

    const bulkIds = [open[3], open[4], open[5]];
    await afterWrite('批量修改', async () => {
      const changes = { deadline: { kind: 'date' as const, date: '2026-06-10' } };
      const preview = await call(core, 'bulk:preview', { selection: { measureIds: bulkIds }, changes });
      await call(core, 'bulk:apply', { items: preview.items, changes });
    });

    await afterWrite('合并单位', () => call(core, 'units:merge', { fromId: s.units[2].id, intoId: s.units[0].id }));

    // Another day: red is counted again for it, the rest kept.
    await afterWrite('换日', async () => undefined, { today: addDays(TODAY, 120) });
  });

  it('after delete and restore from the recycle bin, of a measure, a finding and a whole batch', async () => {
    const s = await seedLedger();
    const bin = async () => (await call(core, 'recycle:list', {}))[0].id;

    const gone = await afterWrite('删除措施', () => call(core, 'measures:delete', { id: s.measureIds[0] }));
    expect(gone.after.measures).toBe(gone.before.measures - 1);
    await afterWrite('恢复措施', async () => call(core, 'recycle:restore', { id: await bin() }));

    await afterWrite('删除问题', () => call(core, 'findings:delete', { id: s.findingIds[3] }));
    await afterWrite('恢复问题', async () => call(core, 'recycle:restore', { id: await bin() }));

    const batchGone = await afterWrite('删除批次', () => call(core, 'batches:delete', { id: s.batches[0].id }));
    expect(batchGone.after.byBatch.map((b) => b.batchId)).not.toContain(s.batches[0].id);
    const back = await afterWrite('恢复批次', async () => call(core, 'recycle:restore', { id: await bin() }));
    expect(back.after).toEqual(batchGone.before);
  });

  it('after an import into a batch', async () => {
    const s = await seedLedger();
    const file = upload(files['02-two-row-header.xlsx']);
    const grown = await afterWrite('导入', async () => {
      const preview = await call(core, 'import:preview', { file, batchId: s.batches[2].id });
      await call(core, 'import:commit', { file, batchId: s.batches[2].id, newUnits: preview.units.filter((u) => !u.existing).map((u) => u.name) });
    });
    expect(grown.after.measures).toBe(grown.before.measures + 5);
  });

  it('folds in an entry committed after a newer one (PostgreSQL hands out ids before commit)', async () => {
    const s = await seedLedger();
    const newest = Number((await core.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id);
    const entry = (id: number, entityId: number, before: object) => ({ id, at: '2026-06-15T04:00:00.000Z', operator: '测试', action: 'update', entity: 'finding', entity_id: entityId, before_json: JSON.stringify(before), after_json: '{}' });
    // A later transaction commits first (id newest + 5) and 分析 is opened …
    await core.db.insertInto('audit_log').values(entry(newest + 5, s.findingIds[14], {})).execute();
    await afterWrite('较新的一条先提交', async () => {
      // … then the earlier one (id newest + 2) commits: it moved a finding to another category, totals unchanged.
      await core.db.transaction().execute(async (trx) => {
        const f = await trx.selectFrom('findings').select(['batch_id', 'category']).where('id', '=', s.findingIds[0]).executeTakeFirstOrThrow();
        await trx.updateTable('findings').set({ category: '补交的类别' }).where('id', '=', s.findingIds[0]).execute();
        await trx.insertInto('audit_log').values(entry(newest + 2, s.findingIds[0], f)).execute();
      });
    });
    expect((await call(core, 'dashboard:get', {})).byCategory.map((c) => c.category)).toContain('补交的类别');
  });

  it('after a backup restore', async (ctx) => {
    if (!core.sqlite) {
      console.log('跳过：备份与恢复只用于本机台账文件（共享数据库由服务器备份）');
      ctx.skip();
    }
    const s = await seedLedger();
    const backup = await call(core, 'backup:create', { reason: 'manual' });
    const saved = await call(core, 'dashboard:get', {});
    await call(core, 'findings:delete', { id: s.findingIds[1] });
    expect((await call(core, 'dashboard:get', {})).measures).toBeLessThan(saved.measures);
    await call(core, 'backup:restore', { id: backup.id });
    // The restored database is a new connection, and so a new tally; later writes still show.
    expect(await call(core, 'dashboard:get', {})).toEqual(saved);
    await afterWrite('恢复后再删除', () => call(core, 'findings:delete', { id: s.findingIds[2] }));
  });

  it('after another program writes without an audit entry', async () => {
    const s = await seedLedger();
    const saved = await call(core, 'dashboard:get', {});
    const target = s.measureIds.find((_, i) => i % 4 === 2)!;
    expect((await measureRow(target)).status).not.toBe('closed');
    const counted = fullCountsOf(core.db);
    if (core.sqlite) {
      // Another connection to the file (a repair tool): SQLite's data_version tells.
      const other = new Database(path.resolve(core.sqlite.name));
      other.prepare("UPDATE measures SET status = 'closed', closed_date = ? WHERE id = ?").run(TODAY, target);
      other.close();
    } else {
      // On the shared database every connection is "another": the totals tell.
      await core.db.updateTable('measures').set({ status: 'closed', closed_date: TODAY }).where('id', '=', target).execute();
    }
    const t = thresholdsOf(await getSettings(core.db));
    // On PostgreSQL the page's cache (cache.ts) is keyed on the ledger_revision that writes
    // through the app bump, so a write outside it reaches the figures only once they are computed.
    const after = core.sqlite ? await call(core, 'dashboard:get', {}) : await dashboardFigures(core.db, TODAY, t, { rankUnits: false });
    expect(fullCountsOf(core.db)).toBe(counted + 1);
    expect(after.byStatus.closed).toBe(saved.byStatus.closed + 1);
    forgetTally(core.db);
    expect(after).toEqual(await dashboardFigures(core.db, TODAY, t, { rankUnits: false }));
  });
});
