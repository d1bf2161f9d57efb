import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChannelInput, ChannelName, ChannelResult } from '../../shared/contract/index.ts';
import { openCore, type Core, type SignedInUser } from '../../shared/core/context.ts';
import { officeDatabaseUrl, writeOfficeConnection } from '../../shared/core/office/connection-file.ts';
import { addTestClerk, dropTestDatabase, freshTestDatabase, onPostgres } from './postgres.ts';
import { invoke } from '../../shared/core/invoke.ts';
import { signInTestAdmin } from './office-users.ts';
import type { AppErrorValue } from '../../shared/errors.ts';

/**
 * A real ledger in a fresh temp folder, with "today" fixed (noon, local time): a SQLite file, or,
 * when the suite runs on PostgreSQL (RECTIFY_TEST_DATABASE_URL), a fresh database of its own that
 * the folder's 办公室共享数据库 setting points at — so a test that reopens the folder with openCore
 * reopens the same shared ledger, as a clerk's PC would.
 */
export async function tempCore(today = '2026-06-15', options: { database?: 'sqlite' } = {}): Promise<Core & { cleanup(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-test-'));
  // A test about the SQLite file itself (its pragmas, fsync order, a corrupt file) asks for SQLite.
  const url = onPostgres() && options.database !== 'sqlite' ? await freshTestDatabase() : null;
  if (url) writeOfficeConnection(dataDir, url, new Date());
  const core = await openCore({ dataDir, clock: () => new Date(`${today}T12:00:00`), mode: 'test' });
  if (url) await signInTestAdmin(core);
  return Object.assign(core, {
    async cleanup() {
      await core.close();
      if (url) await dropTestDatabase(url);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/**
 * On a shared ledger every write names a signed-in clerk: the suite's is an administrator whose
 * name is the single-PC ledger's default 操作人, so the same expectations hold on both databases.
 */
export const TEST_CLERK: SignedInUser = { id: 1, username: 'test', displayName: '管理员', role: 'admin' };

/** A data folder that opens a fresh ledger: empty folder on SQLite; on PostgreSQL pointed at a fresh database. */
export async function tempDataDir(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-test-'));
  if (onPostgres()) {
    const url = await freshTestDatabase();
    await testClerkOf(url);
    writeOfficeConnection(dataDir, url, new Date());
  }
  return dataDir;
}

/** The test clerk's account in a fresh shared database (made once per database). */
const clerks = new Map<string, Promise<SignedInUser>>();
export function testClerkOf(url: string): Promise<SignedInUser> {
  let p = clerks.get(url);
  if (!p) {
    p = addTestClerk(url, TEST_CLERK.displayName).then((id) => ({ ...TEST_CLERK, id }));
    clerks.set(url, p);
  }
  return p;
}

/** Remove a data folder from tempDataDir, and its PostgreSQL database if it has one (close its cores first). */
export async function removeDataDir(dataDir: string): Promise<void> {
  const url = officeDatabaseUrl(dataDir);
  if (url) await dropTestDatabase(url);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** Call a channel as the UI does (validation included); throws with the Chinese message on failure. */
export async function call<K extends ChannelName>(core: Core, channel: K, input: ChannelInput<K>): Promise<ChannelResult<K>> {
  const r = await invoke(core, channel, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { value: r.error });
  return r.data as ChannelResult<K>;
}

/** Call a channel that must fail; returns its error value. */
export async function callFails<K extends ChannelName>(core: Core, channel: K, input: unknown): Promise<AppErrorValue> {
  const r = await invoke(core, channel, input);
  if (r.ok) throw new Error(`expected ${channel} to fail, it returned ${JSON.stringify(r.data).slice(0, 200)}`);
  return r.error;
}

/** Row counts of every table a write could touch: "nothing was written" is these staying equal. */
export async function tableCounts(core: Core): Promise<Record<string, number>> {
  const tables = ['units', 'unit_aliases', 'batches', 'findings', 'measures', 'measure_co_units', 'progress_entries', 'status_changes', 'evidence_files', 'audit_log'] as const;
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await core.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

export const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A batch with two units, ready for findings. */
export async function basicSetup(core: Core) {
  const org = (await call(core, 'orgs:list', {})).find((o) => o.party === '民盟')!;
  const batch = await call(core, 'batches:save', {
    organizationId: org.id,
    area: '脱贫攻坚',
    docNumber: '民盟市委〔2026〕1号',
    receivedDate: '2026-03-01',
    topic: '脱贫攻坚民主监督反馈意见',
    mode: '专项监督',
  });
  const finance = await call(core, 'units:save', { name: '青山县财政局', aliases: ['县财政局'], contactPerson: '王芳', contactPhone: '6202345' });
  const poverty = await call(core, 'units:save', { name: '青山县扶贫开发办公室', aliases: ['县扶贫办'], contactPerson: '李明', contactPhone: '6201234' });
  return { org, batch, finance, poverty };
}

/**
 * For `it.skipIf(onlyOnSqlite('…'))`: a test about the SQLite file itself (a read-only second
 * connection, the WAL, fsync order) has nothing to check on the PostgreSQL pass; the reason is
 * printed in the run.
 */
export function onlyOnSqlite(what: string): boolean {
  if (!onPostgres()) return false;
  console.log(`跳过（PostgreSQL 一轮）：${what} —— 只与本机 SQLite 文件有关。`);
  return true;
}
