import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { ledgerQuery } from '../../shared/contract/ledger.ts';
import { openCore, type Core } from '../../shared/core/context.ts';
import { databaseUrlOf, parseDatabaseUrl, redact } from '../../shared/core/db/postgres.ts';
import { invoke } from '../../shared/core/invoke.ts';
import { ledgerCountQuery, ledgerPageIdsQuery, ledgerRowsQuery } from '../../shared/core/ledger/ledger-query.ts';
import { getSettings, putSetting, thresholdsOf } from '../../shared/core/ledger/settings.ts';
import { changesSinceQueries, WORK_LIST_KINDS, workListQueries } from '../../shared/core/dashboard/workbench.ts';
import { signalDates } from '../../shared/core/ledger/signal-sql.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { pct, round, samplePair, type BenchLine } from './measure.ts';

/**
 * Issue 12: the office's shared ledger on PostgreSQL with 100,000 findings. The ledger page and
 * search through the core (channel validation, the office sign-in check, settings, row shaping)
 * beside the very same statements run raw through a plain node-postgres client; and the same
 * figures on a SQLite file in the same run, so that "SQLite unchanged" can be read off.
 * Needs a server: RECTIFY_BENCH_DATABASE_URL (or RECTIFY_TEST_DATABASE_URL), a user who may create
 * databases; a fresh database is made and dropped.
 */

const FINDINGS = Number(process.env.RECTIFY_BENCH_FINDINGS) || 100_000;
const RUNS = 200;

/** First pages a clerk asks for: the whole ledger, and one unit's open items by deadline. */
const PAGES: Record<string, unknown> = {
  '全部（默认排序）': {},
  '某单位未完成·按时限': { filter: { unitId: 7, statuses: ['not_started', 'in_progress'] }, sort: 'deadline' },
  '逾期·按时限': { filter: { signals: ['red'] }, sort: 'deadline' },
};
const TERMS = ['资金', '扶贫资金'];

export async function benchPostgres(): Promise<BenchLine[]> {
  const server = process.env.RECTIFY_BENCH_DATABASE_URL || process.env.RECTIFY_TEST_DATABASE_URL;
  if (!server) {
    console.log('（跳过：未设置 RECTIFY_BENCH_DATABASE_URL 或 RECTIFY_TEST_DATABASE_URL——共享数据库基准需要一台可建库的 PostgreSQL 服务器）');
    return [];
  }
  const name = `rectify_bench_${crypto.randomBytes(5).toString('hex')}`;
  const url = databaseUrlOf({ ...parseDatabaseUrl(server), database: name });
  await admin(server, `CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  console.log(`（服务器 ${redact(server)}，临时数据库 ${name}）`);
  const dirs: string[] = [];
  const folder = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-pg-'));
    dirs.push(d);
    return d;
  };
  const lines: BenchLine[] = [];
  let postgres: Core | null = null;
  let sqlite: Core | null = null;
  try {
    postgres = await openCore({ dataDir: folder(), databaseUrl: url, mode: 'cli' });
    const first = await invoke(postgres, 'auth:first-admin', { username: 'bench', displayName: '基准测试', password: 'bench-secret' });
    if (!first.ok) throw new Error(first.error.message);
    sqlite = await openCore({ dataDir: folder(), databaseUrl: null, mode: 'cli' });

    for (const core of [sqlite, postgres]) {
      const start = performance.now();
      const seeded = await seedSynthetic(core, { findings: FINDINGS, seed: 1 });
      lines.push({ name: `${label(core)} 生成 ${seeded.findings} 个问题 / ${seeded.measures} 项措施`, value: round((performance.now() - start) / 1000, 1), unit: 's' });
    }

    // The server as autovacuum leaves it a minute after a large import: statistics and the
    // visibility map current (PostgreSQL answers from an index alone only where that map says so).
    await sql`VACUUM ANALYZE`.execute(postgres.db);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const p95s = new Map<string, number>();
      const cases: [string, unknown][] = [...Object.entries(PAGES).map(([k, v]) => [`台账首页 ${k}`, v] as [string, unknown]), ...TERMS.map((t) => [`搜索“${t}”（${Array.from(t).length} 字）`, { filter: { q: t } }] as [string, unknown])];
      for (const [what, raw] of cases) {
        for (const core of [sqlite, postgres]) {
          const run = await rawRunner(core, raw, client);
          // Run for run beside its raw statements (measure.ts samplePair), as the 台账 bench does.
          const [ours, base] = await samplePair(
            RUNS,
            async () => {
              const r = await invoke(core!, 'ledger:query', raw);
              if (!r.ok) throw new Error(r.error.message);
            },
            run,
          );
          const p95 = pct(ours, 95);
          const ratio = p95 / pct(base, 95);
          p95s.set(`${what}|${core.dialect}`, p95);
          const search = what.startsWith('搜索');
          const limit = search ? 50 : 30;
          lines.push({
            name: `${label(core)} ${what} p95`,
            value: round(p95),
            unit: `ms (p50 ${round(pct(ours, 50))} ms，原生 SQL p50 ${round(pct(base, 50))} ms)`,
            baseline: round(pct(base, 95)),
            ratio: round(ratio),
            // SQLite keeps the single-PC targets (ledger.ts); the server adds the network round trips.
            target: core.dialect === 'sqlite' ? `≤1.5× 且 <${limit} ms` : '≤1.5×',
            ok: ratio <= 1.5 && (core.dialect !== 'sqlite' || p95 < limit),
          });
        }
        const pgP95 = p95s.get(`${what}|postgres`)!;
        const liteP95 = p95s.get(`${what}|sqlite`)!;
        lines.push({ name: `${what} PostgreSQL 对 SQLite（p95）`, value: round(pgP95), unit: 'ms', baseline: round(liteP95), ratio: round(pgP95 / liteP95) });
      }
      lines.push(...(await workbenchLines(postgres, client)));
    } finally {
      await client.end();
    }
  } finally {
    await sqlite?.close();
    await postgres?.close();
    await admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((e) => console.log(`（临时数据库 ${name} 未能删除：${String(e)}）`));
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
  return lines;
}

/**
 * The 工作台 on the shared ledger (issue 10's < 150 ms), with a visit a week ago: through the core,
 * beside the same statements sent straight through \`pg\` (its five lists and what changed since).
 */
async function workbenchLines(core: Core, client: pg.Client): Promise<BenchLine[]> {
  const d = signalDates(core.today(), thresholdsOf(await getSettings(core.db)), core.dialect);
  const since = new Date(core.now().getTime() - 7 * 86_400_000).toISOString();
  await putSetting(core.db, 'visits', { [(await getSettings(core.db)).operator]: { last: core.now().toISOString(), previous: since } });
  const statements = [
    ...WORK_LIST_KINDS.flatMap((k) => {
      const q = workListQueries(core.db, k, d, 10);
      return q.count ? [q.count.compile(), q.rows.compile()] : [q.rows.compile()];
    }),
    ...changesSinceQueries(core.db, since, d, 10).map((q) => q.compile()),
  ];
  const [ours, base] = await samplePair(
    RUNS,
    async () => {
      const r = await invoke(core, 'workbench:get', {});
      if (!r.ok) throw new Error(r.error.message);
    },
    async () => {
      for (const c of statements) await client.query(c.sql, c.parameters as unknown[]);
    },
  );
  const p95 = pct(ours, 95);
  return [{
    name: 'PostgreSQL 工作台数据 workbench:get p95，含一周来的变化',
    value: round(p95),
    unit: `ms (p50 ${round(pct(ours, 50))} ms，同样的语句直接执行 p50 ${round(pct(base, 50))} ms)`,
    baseline: round(pct(base, 95)),
    ratio: round(p95 / pct(base, 95)),
    target: '<150 ms',
    ok: p95 < 150,
  }];
}

const label = (core: Core) => (core.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite');

async function admin(server: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/**
 * The baseline: the statements the core runs for one page (ids, count, rows), compiled once by the
 * core's own query builders and run raw — through a plain node-postgres client on PostgreSQL,
 * through better-sqlite3 prepared statements on SQLite.
 */
async function rawRunner(core: Core, raw: unknown, client: pg.Client): Promise<() => Promise<unknown>> {
  const query = ledgerQuery.parse(raw);
  const d = signalDates(core.today(), thresholdsOf(await getSettings(core.db)), core.dialect);
  const idsQ = ledgerPageIdsQuery(core.db, query, d).compile();
  const countQ = ledgerCountQuery(core.db, query.filter, d).compile();
  if (core.dialect === 'postgres') {
    const ids = (await client.query(idsQ.sql, idsQ.parameters as unknown[])).rows.map((r: { id: number }) => r.id);
    const rowsQ = ledgerRowsQuery(core.db, ids).compile();
    return async () => {
      await client.query(idsQ.sql, idsQ.parameters as unknown[]);
      await client.query(countQ.sql, countQ.parameters as unknown[]);
      // The page's ids are the same on every run, so the rows statement's parameters are too.
      await client.query(rowsQ.sql, rowsQ.parameters as unknown[]);
    };
  }
  const db = core.sqlite!;
  const idsStmt = db.prepare(idsQ.sql);
  const countStmt = db.prepare(countQ.sql);
  const ids = (idsStmt.all(...idsQ.parameters) as { id: number }[]).map((r) => r.id);
  const rowsQ = ledgerRowsQuery(core.db, ids).compile();
  const rowsStmt = db.prepare(rowsQ.sql);
  return async () => {
    idsStmt.all(...idsQ.parameters);
    countStmt.get(...countQ.parameters);
    rowsStmt.all(...rowsQ.parameters);
  };
}
