import { Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../shared/core/db/migrations/index.ts';
import { LATEST_VERSION, migrate } from '../../shared/core/db/open.ts';
import { openPostgres } from '../../shared/core/db/postgres.ts';
import { matchesSearch, writeIndexRow } from '../../shared/core/search/search-index.ts';
import { dropTestDatabase, freshTestDatabase, onPostgres } from '../support/postgres.ts';

/**
 * Issue 12: one migration list for both databases, each migration tested from the previous
 * version on PostgreSQL too (database.test.ts does SQLite), with the rows a ledger of that age
 * holds; and the two promises the core makes on PostgreSQL: dates stay 'YYYY-MM-DD' text and
 * counts are numbers.
 */
const noServer = !onPostgres();
if (noServer) console.log('跳过：PostgreSQL 迁移与类型 —— 未设置 RECTIFY_TEST_DATABASE_URL（PostgreSQL 一轮才运行）。');

const made: string[] = [];
afterAll(async () => {
  for (const url of made) await dropTestDatabase(url);
});

async function emptyDatabase(): Promise<{ url: string; db: Kysely<any>; close(): Promise<void> }> {
  const url = await freshTestDatabase({ empty: true });
  made.push(url);
  const opened = await openPostgres(url, { migrate: false, max: 2 });
  return { url, db: opened.db, close: () => opened.close() };
}

/** Rows an office had at version `v`: a unit, a batch with a finding and its measure, progress, and (from 2) a notice. */
async function oldLedger(db: Kysely<any>, v: number): Promise<void> {
  const now = '2026-01-05T08:00:00.000Z';
  const org = await db.selectFrom('organizations').select('id').where('party', '=', '民盟').executeTakeFirstOrThrow();
  const unit = await db.insertInto('units').values({ name: '青山县财政局', created_at: now }).returning('id').executeTakeFirstOrThrow();
  const batch = await db
    .insertInto('batches')
    .values({ organization_id: org.id, area: '脱贫攻坚', received_date: '2026-01-04', topic: '反馈意见', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const finding = await db
    .insertInto('findings')
    .values({ batch_id: batch.id, seq: '1', sort_order: 1, text: '低保资金发放不及时，审核把关不严', status: 'in_progress', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const measure = await db
    .insertInto('measures')
    .values({
      finding_id: finding.id, seq: 1, text: '全面排查低保审核问题，逐户核实整改', lead_unit_id: unit.id, deadline_kind: 'date', deadline_date: '2026-03-31',
      status: 'in_progress', assigned_date: '2026-01-05', created_at: now, updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The app of that version kept the finding's search row (its own words: migration 5 added names).
  await writeIndexRow(db as never, finding.id, '低保资金发放不及时，审核把关不严');
  await db.insertInto('progress_entries').values({ measure_id: measure.id, entry_date: '2026-01-20', text: '已排查3个乡镇', operator: '管理员', created_at: now }).execute();
  if (v >= 2) {
    // Before version 7 a notice named its one measure; from 7 it lists its items in notice_measures.
    const notice = await db
      .insertInto('notices')
      .values({
        measure_id: v >= 7 ? null : measure.id, unit_id: unit.id, unit_name: '青山县财政局', year: 2026, number: 1, doc_number: '督办〔2026〕1号', level: 'supervise',
        issued_date: '2026-04-02', reply_by: '2026-04-09', overdue_days: 2, reason: '逾期', measure_status: 'in_progress', operator: '管理员', created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (v >= 7) {
      await db
        .insertInto('notice_measures')
        .values({
          notice_id: notice.id, measure_id: measure.id, position: 1, item_number: '1-1', finding_text: '低保资金发放不及时，审核把关不严',
          measure_text: '全面排查低保审核问题，逐户核实整改', deadline_words: '2026年3月31日', overdue_days: 2, reason: '逾期', measure_status: 'in_progress',
        })
        .execute();
    }
  }
}

describe.skipIf(noServer)('PostgreSQL: one migration list', () => {
  it('migrates a ledger from every earlier version, keeping its rows, and search finds its words', async () => {
    for (let from = 1; from < LATEST_VERSION; from++) {
      const { db, close } = await emptyDatabase();
      try {
        await db.schema.createTable('schema_migrations').addColumn('version', 'integer', (c) => c.primaryKey()).addColumn('name', 'text', (c) => c.notNull()).addColumn('applied_at', 'text', (c) => c.notNull()).execute();
        for (const m of MIGRATIONS.slice(0, from)) {
          await db.transaction().execute(async (trx) => {
            await m.up(trx, 'postgres');
            await trx.insertInto('schema_migrations').values({ version: m.version, name: m.name, applied_at: 'x' }).execute();
          });
        }
        await oldLedger(db, from);
        await migrate(db, 'postgres');
        const v = await db.selectFrom('schema_migrations').select((eb) => eb.fn.max('version').as('v')).executeTakeFirstOrThrow();
        expect(Number(v.v), `from ${from}`).toBe(LATEST_VERSION);
        const counts = await sql<{ f: number; m: number; p: number }>`SELECT (SELECT count(*) FROM findings) AS f, (SELECT count(*) FROM measures) AS m, (SELECT count(*) FROM progress_entries) AS p`.execute(db);
        expect(counts.rows[0], `from ${from}`).toEqual({ f: 1, m: 1, p: 1 });
        if (from >= 2) {
          // Migration 7 turned each old notice into a notice with one listed item.
          const items = await db.selectFrom('notice_measures').select(['item_number', 'measure_status']).execute();
          expect(items, `from ${from}`).toEqual([{ item_number: '1-1', measure_status: 'in_progress' }]);
        }
        // Migration 5 (or 1, on a fresh one) indexed the finding: a 2-character word finds it.
        const found = await db.selectFrom('measures as m').select('m.id').where(matchesSearch('低保', 'postgres') as never).execute();
        expect(found, `from ${from}`).toHaveLength(1);
        // Ids keep coming from the identity after the copied rows: the next finding gets a new one.
        const next = await db
          .insertInto('units')
          .values({ name: `第二单位${from}`, created_at: 'x' })
          .returning('id')
          .executeTakeFirstOrThrow();
        expect(next.id).toBeGreaterThan(1);
      } finally {
        await close();
      }
    }
  });

  it('keeps dates as YYYY-MM-DD text and gives counts and sums as numbers', async () => {
    const { url, close } = await emptyDatabase();
    await close();
    const opened = await openPostgres(url);
    try {
      const r = await sql<{ d: unknown; n: unknown; s: unknown; a: unknown }>`
        SELECT cast('2026-06-30' AS date) AS d, count(*) AS n, sum(id) AS s, avg(id) AS a FROM organizations`.execute(opened.db);
      expect(r.rows[0]).toEqual({ d: '2026-06-30', n: 10, s: 55, a: 5.5 });
      expect(typeof (await opened.changeStamp())).toBe('string');
    } finally {
      await opened.close();
    }
  });
});
