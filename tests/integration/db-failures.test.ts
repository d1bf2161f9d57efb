import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../shared/core/context.ts';
import { toClerkError } from '../../shared/core/db/failures.ts';
import { invoke } from '../../shared/core/invoke.ts';
import { LOCK_FILE } from '../../shared/core/db/folder-lock.ts';
import { DB_FILE } from '../../shared/core/db/open.ts';
import { callFails, tableCounts, tempCore } from '../support/core.ts';

type TestCore = Awaited<ReturnType<typeof tempCore>>;
const cores: TestCore[] = [];
const open = async () => {
  const core = await tempCore(undefined, { database: 'sqlite' });
  cores.push(core);
  return core;
};
afterEach(async () => {
  for (const c of cores.splice(0)) await c.cleanup();
});

/** What the clerk reads: Chinese, with a way forward, and no English library text. */
function expectClerkMessage(message: string, says: RegExp) {
  expect(message).toMatch(says);
  expect(message).not.toMatch(/[A-Za-z]{2,}/); // (“U盘” is Chinese usage)
}

const saveUnit = (core: TestCore, name: string) => callFails(core, 'units:save', { name, aliases: [] });

describe('failures of the disk and the database, as a clerk reads them', () => {
  it('a read-only data folder', async () => {
    // Tests run as root, for whom chmod does not stop writes: query_only makes SQLite refuse
    // every write exactly as it does for a read-only file (SQLITE_READONLY).
    const core = await open();
    const before = await tableCounts(core);
    core.sqlite!.pragma('query_only = ON');
    const err = await saveUnit(core, '青山县财政局');
    expect(err.code).toBe('read_only');
    expectClerkMessage(err.message, /^数据文件夹只读或没有写入权限，这次操作没有保存。请确认/);
    core.sqlite!.pragma('query_only = OFF');
    expect(await tableCounts(core)).toEqual(before);
  });

  it('a full disk: the write is not saved, the message says so, and the next write works once there is room', async () => {
    // A full disk, simulated: SQLite may not grow the file past its present size.
    const core = await open();
    const pages = Number(core.sqlite!.pragma('page_count', { simple: true }));
    core.sqlite!.pragma(`max_page_count = ${pages}`);
    let err: Awaited<ReturnType<typeof saveUnit>> | null = null;
    let saved = 0;
    for (let i = 0; i < 2000 && !err; i++) {
      const r = await invoke(core, 'units:save', { name: `${'很长的单位名称'.repeat(12)}${i}`, aliases: [] });
      if (r.ok) saved++;
      else err = r.error;
    }
    expect(err).not.toBeNull();
    expect(err!.code).toBe('disk_full');
    expectClerkMessage(err!.message, /^磁盘已满，这次操作没有保存。请清理/);
    // SQLite rolled the transaction back itself; nothing half-written, and no "cannot rollback".
    expect(core.sqlite!.inTransaction).toBe(false);
    expect(core.sqlite!.prepare('SELECT count(*) FROM units').pluck().get()).toBe(saved);
    core.sqlite!.pragma('max_page_count = 1073741823');
    const after = await invoke(core, 'units:save', { name: '有空间后的单位', aliases: [] });
    expect(after.ok).toBe(true);
  });

  it('a database held by another program for longer than the wait', async () => {
    const core = await open();
    const other = new SQLite(path.join(core.dataDir, DB_FILE));
    other.exec('BEGIN IMMEDIATE');
    // The real wait is 10 s; shortened so the test does not sit through it.
    core.sqlite!.pragma('busy_timeout = 200');
    const err = await saveUnit(core, '青山县财政局');
    other.exec('ROLLBACK');
    other.close();
    expect(err.code).toBe('busy');
    expectClerkMessage(err.message, /^数据正被另一程序占用，这次操作没有保存。请稍等片刻再试/);
  });

  it('a corrupt file: opening it says to restore the latest backup, and the folder is left unlocked', async () => {
    const core = await open();
    const dir = core.dataDir;
    await core.close();
    cores.splice(0);
    const file = path.join(dir, DB_FILE);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.from('这不是数据库文件！'), 0);
    fs.closeSync(fd);
    const err = await openCore({ dataDir: dir, mode: 'test' }).then(() => null, (e: unknown) => e);
    expect(err).not.toBeNull();
    const value = toClerkError(err);
    expect(value.code).toBe('corrupt');
    expectClerkMessage(value.message, /^数据文件已损坏，请在“备份与恢复”中恢复最近的备份/);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    // The command line door: the Chinese message first, the library's detail after it for the developer.
    const run = spawnSync(path.resolve('node_modules/.bin/tsx'), ['shared/cli/main.ts', 'stats', '--data-dir', dir], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(`错误：${value.message}`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('errors of the file system map the same way (made by Node here: a full or read-only disk cannot be had as root)', () => {
    const nodeError = (code: string) => Object.assign(new Error(`${code}: something in English`), { code });
    expect(toClerkError(nodeError('ENOSPC')).code).toBe('disk_full');
    expect(toClerkError(nodeError('EROFS')).code).toBe('read_only');
    expect(toClerkError(nodeError('EACCES')).code).toBe('read_only');
    expect(toClerkError(nodeError('EPERM')).code).toBe('read_only');
    const unknown = toClerkError(new TypeError('cannot rollback - no transaction is active'));
    expect(unknown.code).toBe('internal');
    expectClerkMessage(unknown.message, /^程序内部错误，这次操作没有完成。请重试/);
  });
});
