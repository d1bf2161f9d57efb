import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelResult } from '../../shared/contract/index.ts';
import { openCore, type Core } from '../../shared/core/context.ts';
import { LOCK_FILE } from '../../shared/core/db/folder-lock.ts';
import { parseDatabaseUrl } from '../../shared/core/db/postgres.ts';
import { handlers } from '../../shared/core/handlers.ts';
import { OFFICE_FILE, officeDatabaseUrl } from '../../shared/core/office/connection-file.ts';
import { ledgerChecks } from '../../shared/core/office/copy-ledger.ts';
import { connectOffice, disconnectOffice, exportToLocal, ledgerRevision, migrateToServer } from '../../shared/core/office/service.ts';
import { probeServer } from '../../shared/core/office/probe.ts';
import { loadSampleData } from '../../shared/core/sample/sample-data.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { dropTestDatabase, freshTestDatabase, onPostgres } from '../support/postgres.ts';
import { png } from '../support/evidence-files.ts';

/**
 * 设置 › 办公室共享数据库 (issue 12): this PC's ledger moved to an empty PostgreSQL database and
 * back, checked table by table; a database holding a ledger is never overwritten; a copy that
 * fails half-way leaves the server as it was; the running core switches in place.
 */
const reason = 'office-mode needs a PostgreSQL server: set RECTIFY_TEST_DATABASE_URL (e.g. postgres://rectify:rectify@127.0.0.1:5432/postgres)';
if (!onPostgres()) console.log(`office-mode.test.ts skipped: ${reason}`);

const TODAY = '2026-06-15';
const clock = () => new Date(`${TODAY}T12:00:00`);

/** A channel's handler run directly: the sign-in gate of office mode is not what is tested here. */
async function direct<K extends ChannelName>(core: Core, name: K, input: ChannelInput<K>): Promise<ChannelResult<K>> {
  const parsed = channels[name].input.parse(input);
  return (handlers[name] as (c: Core, i: unknown) => Promise<ChannelResult<K>>)(core, parsed);
}

function connectionOf(url: string) {
  const t = parseDatabaseUrl(url);
  return { host: t.host, port: t.port, database: t.database, user: t.user, password: t.password, tls: false };
}

/** What a clerk compares on the two screens: the ledger page (first 200 rows, a search, a filter) and the figures. */
async function screens(core: Core) {
  const all = await direct(core, 'ledger:query', { pageSize: 200 });
  const search = await direct(core, 'ledger:query', { filter: { q: '资金' }, pageSize: 200 });
  const red = await direct(core, 'ledger:query', { filter: { signals: ['red'] }, pageSize: 200 });
  const stats = await direct(core, 'stats:get', {});
  return { all, search, red, stats };
}

describe.skipIf(!onPostgres())(`office mode: local ledger ⇄ shared PostgreSQL (${onPostgres() ? 'on PostgreSQL' : `skipped: ${reason}`})`, () => {
  const dirs: string[] = [];
  const urls: string[] = [];
  let local: Core;
  let before: Awaited<ReturnType<typeof ledgerChecks>>;
  let beforeScreens: Awaited<ReturnType<typeof screens>>;
  let evidenceId: number;
  const photo = png();

  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-office-'));
    dirs.push(d);
    return d;
  };
  const emptyServerDb = async () => {
    const url = await freshTestDatabase({ empty: true });
    urls.push(url);
    return url;
  };

  beforeAll(async () => {
    local = await openCore({ dataDir: tempDir(), databaseUrl: null, clock, mode: 'test' });
    await loadSampleData(local);
    await seedSynthetic(local, { findings: 120, seed: 7 });
    // A 佐证材料 whose bytes must reach the server's file store.
    const measure = await local.db.selectFrom('measures').select('id').orderBy('id').executeTakeFirstOrThrow();
    const added = await direct(local, 'evidence:add', { measureId: measure.id, files: [{ name: '现场照片.png', base64: photo.toString('base64') }] });
    evidenceId = added.evidence[0].id;
    before = await ledgerChecks(local.db);
    beforeScreens = await screens(local);
  }, 120_000);

  afterAll(async () => {
    await local?.close();
    for (const u of urls) await dropTestDatabase(u).catch(() => undefined);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('测试连接 tells an empty database, another program’s, a newer ledger (never written to) and a wrong password, in Chinese', async () => {
    const url = await emptyServerDb();
    const probe = await direct(local, 'office:test-connection', connectionOf(url));
    expect(probe.state).toBe('empty');
    expect(probe.serverVersion).toMatch(/^PostgreSQL \d+/);
    expect(probe.summary).toContain('空数据库');
    const wrong = { ...connectionOf(url), password: 'not-the-password' };
    await expect(direct(local, 'office:test-connection', wrong)).rejects.toThrow(/用户名或密码不正确|无法/);
    // Another program's database, or a ledger from a newer version: neither is written to.
    const foreign = await emptyServerDb();
    const client = new pg.Client({ connectionString: foreign });
    await client.connect();
    await client.query('CREATE TABLE invoices (id integer primary key)');
    await client.end();
    expect(await direct(local, 'office:test-connection', connectionOf(foreign))).toMatchObject({ state: 'foreign' });
    await expect(direct(local, 'office:migrate-to-server', { ...connectionOf(foreign), connect: false })).rejects.toThrow(/其他程序的数据表/);
    await expect(direct(local, 'office:connect', { ...connectionOf(foreign), createEmpty: true })).rejects.toThrow(/其他程序的数据表/);
    const newer = await freshTestDatabase();
    urls.push(newer);
    const n = new pg.Client({ connectionString: newer });
    await n.connect();
    await n.query(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')`);
    await n.end();
    expect(await direct(local, 'office:test-connection', connectionOf(newer))).toMatchObject({ state: 'newer', schemaVersion: 999 });
    await expect(direct(local, 'office:connect', { ...connectionOf(newer), createEmpty: false })).rejects.toThrow(/更新版本/);
    expect(local.dialect).toBe('sqlite');

    const noDb = { ...connectionOf(url), database: 'rectify_no_such_db' };
    await expect(direct(local, 'office:test-connection', noDb)).rejects.toThrow(/没有数据库“rectify_no_such_db”/);
  });

  it('migrates the local ledger to an empty server: every table equal by count and checksum, the same ledger page and figures', async () => {
    const url = await emptyServerDb();
    const result = await migrateToServer(local, { ...connectionOf(url), connect: false });
    expect(result.counts.findings).toBe(before.find((t) => t.table === 'findings')!.rows);
    expect(result.counts.findings).toBeGreaterThan(100);
    expect(result.tablesChecked).toBe(before.length);
    expect(local.dialect).toBe('sqlite');

    const shared = await openCore({ dataDir: tempDir(), databaseUrl: url, clock, mode: 'test' });
    try {
      const after = await ledgerChecks(shared.db);
      // The shared ledger holds one more 操作日志 row: the migration itself.
      const withoutAudit = (cs: typeof before) => cs.filter((c) => c.table !== 'audit_log');
      expect(withoutAudit(after)).toEqual(withoutAudit(before));
      const audit = await shared.db.selectFrom('audit_log').select(['action', 'operator']).orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(audit.action).toBe('office-migrate');
      expect(after.find((c) => c.table === 'audit_log')!.rows).toBe(before.find((c) => c.table === 'audit_log')!.rows + 1);

      // The evidence file opens on the shared ledger, byte for byte (from the server's file store).
      const file = await direct(shared, 'evidence:get', { id: evidenceId });
      expect(Buffer.from(file.base64, 'base64').equals(photo)).toBe(true);
      expect(result.evidenceNote).toBeNull();

      const sharedScreens = await screens(shared);
      expect(sharedScreens.all).toEqual(beforeScreens.all);
      expect(sharedScreens.search.total).toBeGreaterThan(0);
      expect(sharedScreens.search).toEqual(beforeScreens.search);
      expect(sharedScreens.red).toEqual(beforeScreens.red);
      expect(sharedScreens.stats).toEqual(beforeScreens.stats);

      // Ids continue past the copied ones: a new row on the server does not collide.
      const maxId = Number((await sql<{ m: number }>`SELECT max(id) AS m FROM audit_log`.execute(shared.db)).rows[0].m);
      const inserted = await shared.db
        .insertInto('audit_log')
        .values({ at: 'x', operator: '测试', action: 'test', entity: 'test', entity_id: null, before_json: null, after_json: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(inserted.id).toBe(maxId + 1);
      // The similar-findings index is rebuilt from scratch on the server: every finding pending.
      const pending = await sql<{ n: number }>`SELECT count(*) AS n FROM similar_pending`.execute(shared.db);
      expect(Number(pending.rows[0].n)).toBe(result.counts.findings);
    } finally {
      await shared.close();
    }

    // Now the server holds a ledger with data: a second migration is refused and changes nothing.
    const probe = await probeServer(url);
    expect(probe).toMatchObject({ state: 'ledger', hasData: true });
    const again = await direct(local, 'office:migrate-to-server', { ...connectionOf(url), connect: false }).catch((e: Error) => e);
    expect(String(again)).toMatch(/已有共享台账数据.*连接已有共享台账/);
    const check = await openCore({ dataDir: tempDir(), databaseUrl: url, clock, mode: 'test' });
    try {
      // The migration's own entry and the row added above: nothing more.
      expect((await ledgerChecks(check.db)).find((c) => c.table === 'audit_log')!.rows).toBe(before.find((c) => c.table === 'audit_log')!.rows + 2);
    } finally {
      await check.close();
    }
  }, 120_000);

  it('a copy that fails half-way leaves the server without any ledger data', async () => {
    const url = await emptyServerDb();
    const failed = await migrateToServer(local, { ...connectionOf(url), connect: false }, {
      afterTable: (t) => {
        if (t === 'measures') throw new Error('网络中断（模拟）');
      },
    }).catch((e: Error) => e);
    expect(String(failed)).toContain('网络中断');
    const probe = await probeServer(url);
    expect(probe.hasData).toBe(false);
    const check = await openCore({ dataDir: tempDir(), databaseUrl: url, clock, mode: 'test' });
    try {
      for (const t of ['findings', 'measures', 'batches', 'progress_entries', 'evidence_files', 'audit_log', 'similar_pending', 'search_docs', 'file_blobs', 'file_chunks']) {
        const n = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(t)}`.execute(check.db);
        expect(Number(n.rows[0].n), t).toBe(0);
      }
    } finally {
      await check.close();
    }
    // A row that arrives different (here: altered on the way) fails the checksum, naming the table; nothing stays.
    const altered = await migrateToServer(local, { ...connectionOf(url), connect: false }, {
      afterTable: async (t, target) => {
        if (t === 'findings') await sql`UPDATE findings SET text = text || '。' WHERE id = (SELECT min(id) FROM findings)`.execute(target);
      },
    }).catch((e: Error) => e);
    expect(String(altered)).toMatch(/核对失败：“反馈问题（findings）”.*校验值不同/);
    expect((await probeServer(url)).hasData).toBe(false);
    // And the same server then takes the migration normally.
    const ok = await migrateToServer(local, { ...connectionOf(url), connect: false });
    expect(ok.counts.measures).toBe(before.find((t) => t.table === 'measures')!.rows);
  }, 120_000);

  it('switches in place to the shared ledger, exports it to a local file with equal checksums, and switches back', async () => {
    const dataDir = tempDir();
    const core = await openCore({ dataDir, databaseUrl: null, clock, mode: 'test' });
    try {
      await seedSynthetic(core, { findings: 30, seed: 3 });
      const m = await core.db.selectFrom('measures').select('id').orderBy('id').executeTakeFirstOrThrow();
      await direct(core, 'evidence:add', { measureId: m.id, files: [{ name: '现场照片.png', base64: photo.toString('base64') }] });
      const localChecks = await ledgerChecks(core.db);
      const url = await emptyServerDb();
      // An empty database is not connected to unless the clerk asked for a new ledger.
      await expect(connectOffice(core, { ...connectionOf(url), createEmpty: false })).rejects.toThrow(/空数据库/);
      const stampBefore = (await ledgerRevision(core)).stamp;

      const moved = await migrateToServer(core, { ...connectionOf(url), connect: true });
      expect(moved.status.mode).toBe('office');
      expect(core.dialect).toBe('postgres');
      expect(core.sqlite).toBeNull();
      expect(core.user).toBeNull();
      expect(officeDatabaseUrl(dataDir)).toBe(url);
      expect((await ledgerRevision(core)).stamp).not.toBe(stampBefore);
      // The same core object now reads the server.
      const findings = await core.db.selectFrom('findings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(findings.n)).toBe(localChecks.find((c) => c.table === 'findings')!.rows);

      // Another clerk's write shows in the revision this program polls.
      const stamp1 = (await ledgerRevision(core)).stamp;
      const other = await openCore({ dataDir: tempDir(), databaseUrl: url, clock, mode: 'test' });
      await sql`UPDATE ledger_revision SET n = n + 1 WHERE id = 1`.execute(other.db);
      await other.close();
      expect((await ledgerRevision(core)).stamp).not.toBe(stamp1);

      // 导出共享台账到本机文件: a new folder opening as a single-PC ledger, table for table equal.
      const outFolder = path.join(tempDir(), '共享台账导出');
      const exported = await exportToLocal(core, outFolder);
      expect(exported.file).toBe(path.join(outFolder, 'ledger.sqlite3'));
      const serverChecks = await ledgerChecks(core.db);
      const copy = await openCore({ dataDir: outFolder, databaseUrl: null, clock, mode: 'test' });
      try {
        expect(await ledgerChecks(copy.db)).toEqual(serverChecks);
        // Search works in the copy (its own FTS index was rebuilt).
        const hits = await direct(copy, 'ledger:query', { filter: { q: '资金' }, pageSize: 200 });
        const serverHits = await direct(core, 'ledger:query', { filter: { q: '资金' }, pageSize: 200 });
        expect(hits).toEqual(serverHits);
        // The evidence file came back into the new folder, where a single-PC ledger keeps it.
        const evidence = await copy.db.selectFrom('evidence_files').select('id').executeTakeFirstOrThrow();
        const file = await direct(copy, 'evidence:get', { id: evidence.id });
        expect(Buffer.from(file.base64, 'base64').equals(photo)).toBe(true);
      } finally {
        await copy.close();
      }
      // A folder that is not empty is refused, and nothing in it is touched.
      await expect(exportToLocal(core, outFolder)).rejects.toThrow(/不是空的/);
      expect(fs.existsSync(path.join(outFolder, 'ledger.sqlite3'))).toBe(true);

      // 改回本机台账: the folder's own file again, as it was before the migration.
      const back = await disconnectOffice(core);
      expect(back.mode).toBe('local');
      expect(core.dialect).toBe('sqlite');
      expect(fs.existsSync(path.join(dataDir, OFFICE_FILE))).toBe(false);
      expect(await ledgerChecks(core.db)).toEqual(localChecks);
      await direct(core, 'sample:load', {});
    } finally {
      await core.close();
    }
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  }, 180_000);

  it('a program started on the shared ledger takes the folder lock when it switches back to the local file', async () => {
    const url = await freshTestDatabase();
    urls.push(url);
    const dataDir = tempDir();
    const core = await openCore({ dataDir, databaseUrl: url, clock, mode: 'test' });
    try {
      expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
      await disconnectOffice(core);
      expect(core.dialect).toBe('sqlite');
      expect(JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
      // Another program on the same folder is now told who holds it.
      await expect(openCore({ dataDir, databaseUrl: null, mode: 'cli' })).rejects.toThrow(/测试/);
    } finally {
      await core.close();
    }
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  }, 60_000);
});

describe('ledger:revision, the stamp every window polls (this PC’s file)', () => {
  it('moves with this program’s writes and with another program’s commit on the same file', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-revision-'));
    const core = await openCore({ dataDir, databaseUrl: null, clock, mode: 'test' });
    try {
      const s0 = (await direct(core, 'ledger:revision', {})).stamp;
      expect((await direct(core, 'ledger:revision', {})).stamp).toBe(s0);
      await direct(core, 'units:save', { name: '青山县财政局', aliases: [] });
      const s1 = (await direct(core, 'ledger:revision', {})).stamp;
      expect(s1).not.toBe(s0);
      // Another program (a second connection, as a job worker or another process has) commits.
      const other = await openCore({ dataDir, databaseUrl: null, clock, mode: 'test', lockFolder: false });
      await direct(other, 'units:save', { name: '青山县民政局', aliases: [] });
      await other.close();
      expect((await direct(core, 'ledger:revision', {})).stamp).not.toBe(s1);
    } finally {
      await core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
