import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../shared/core/context.ts';
import { LOCK_FILE } from '../../shared/core/db/folder-lock.ts';
import { DB_FILE, LATEST_VERSION } from '../../shared/core/db/open.ts';
import { invoke } from '../../shared/core/invoke.ts';
import { withWrite } from '../../shared/core/ledger/write.ts';
import { AppError } from '../../shared/errors.ts';
import { call } from '../support/core.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-reliab-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const versionNumber = (v: string) => v.split('.').reduce((n, part) => n * 1000 + Number(part), 0);

/** Every file of the database (main, -wal, -shm) that exists, with a hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) out[name] = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return out;
}

describe('the SQLite underneath', () => {
  it('is 3.51.3 or later (the WAL-reset corruption bug is fixed there)', () => {
    const db = new SQLite(':memory:');
    const version = db.prepare('select sqlite_version()').pluck().get() as string;
    db.close();
    expect(versionNumber(version)).toBeGreaterThanOrEqual(versionNumber('3.51.3'));
  });

  it('keeps WAL and syncs every commit to disk (synchronous=FULL)', async () => {
    const core = await openCore({ dataDir: tempDir(), mode: 'test' });
    expect(core.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(core.sqlite!.pragma('synchronous', { simple: true })).toBe(2);
    await core.close();
  });
});

describe('writes begin as writes', () => {
  it('a write holds the write lock from its first moment; a read-only transaction does not', async () => {
    const dir = tempDir();
    const core = await openCore({ dataDir: dir, mode: 'test' });
    const other = new SQLite(path.join(dir, DB_FILE), { timeout: 0 });
    const otherCanWrite = () => {
      try {
        other.exec('BEGIN IMMEDIATE');
        other.exec('ROLLBACK');
        return true;
      } catch (err) {
        return (err as { code?: string }).code ?? String(err);
      }
    };
    // Nothing has run inside the transaction yet: a plain BEGIN would hold no lock at this point.
    expect(await withWrite(core, async () => otherCanWrite())).toBe('SQLITE_BUSY');
    expect(await core.db.transaction().setAccessMode('read only').execute(async (trx) => {
      await trx.selectFrom('units').selectAll().execute();
      return otherCanWrite();
    })).toBe(true);
    other.close();
    await core.close();
  });

  it('two programs writing 200 times each to one folder at once: none is refused, every write is there', async () => {
    const dir = tempDir();
    const core = await openCore({ dataDir: dir, mode: 'test' });
    // The second program opens the same folder with the folder lock off: only this test does that.
    const child = fork(path.resolve('tests/support/concurrent-writer.ts'), [dir, '乙', '200'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const messages: { type: string; failures?: string[] }[] = [];
    const next = () => new Promise<{ type: string; failures?: string[] }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { type: string }));
      child.once('exit', (code) => reject(new Error(`writer exited with ${code} before answering`)));
    });
    messages.push(await next());
    const childDone = next();
    child.send('go');
    const failures: string[] = [];
    for (let i = 0; i < 200; i++) {
      const r = await invoke(core, 'units:save', { name: `甲单位${i}`, aliases: [] });
      if (!r.ok) failures.push(r.error.message);
    }
    messages.push(await childDone);
    expect(messages[0].type).toBe('ready');
    expect(messages[1]).toEqual({ type: 'done', failures: [] });
    expect(failures).toEqual([]);
    const units = core.sqlite!.prepare('SELECT name FROM units').pluck().all() as string[];
    expect(units.filter((n) => n.startsWith('甲'))).toHaveLength(200);
    expect(units.filter((n) => n.startsWith('乙'))).toHaveLength(200);
    expect(core.sqlite!.prepare("SELECT count(*) FROM audit_log WHERE entity = 'unit'").pluck().get()).toBe(400);
    await core.close();
  });
});

describe('a database from a newer version', () => {
  async function futureDatabase(leaveWal: boolean) {
    const dir = tempDir();
    await (await openCore({ dataDir: dir, mode: 'test' })).close();
    const raw = new SQLite(path.join(dir, DB_FILE));
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 'x')").run(LATEST_VERSION + 5);
    if (!leaveWal) {
      raw.close();
      return dir;
    }
    // A newer app that was killed mid-session: its last commits are still only in the -wal.
    raw.pragma('wal_autocheckpoint = 0');
    raw.prepare("INSERT INTO units (name, created_at) VALUES ('新版本写入的单位', 'x')").run();
    const crashed = tempDir();
    for (const suffix of ['', '-wal', '-shm']) fs.copyFileSync(path.join(dir, DB_FILE + suffix), path.join(crashed, DB_FILE + suffix));
    raw.close();
    return crashed;
  }

  for (const leaveWal of [false, true]) {
    it(`is refused in Chinese before anything is written${leaveWal ? ' (with a -wal left by a crash)' : ''}: its bytes stay as they were`, async () => {
      const dir = await futureDatabase(leaveWal);
      const before = snapshot(dir);
      expect(Object.keys(before)).toEqual(leaveWal ? [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`] : [DB_FILE]);
      const err = await openCore({ dataDir: dir, mode: 'test' }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('db_too_new');
      expect((err as AppError).message).toContain('请安装最新版本');
      expect(snapshot(dir)).toEqual(before);
      expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    });
  }
});

describe('the ledger still works after all this', () => {
  it('a unit saved through the channel is read back', async () => {
    const core = await openCore({ dataDir: tempDir(), mode: 'test' });
    await call(core, 'units:save', { name: '青山县财政局', aliases: [] });
    expect((await call(core, 'units:list', {})).map((u: { name: string }) => u.name)).toContain('青山县财政局');
    await core.close();
  });
});
