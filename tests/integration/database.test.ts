import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../shared/core/context.ts';
import { Kysely, SqliteDialect } from 'kysely';
import { DB_FILE, LATEST_VERSION } from '../../shared/core/db/open.ts';
import { MIGRATIONS } from '../../shared/core/db/migrations/index.ts';
import { AppError } from '../../shared/errors.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-db-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the database file', () => {
  it('is created with every migration, the seeded organisations and an identity, in WAL with foreign keys on', async () => {
    const dir = tempDir();
    const core = await openCore({ dataDir: dir });
    expect(core.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(core.sqlite!.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(core.sqlite!.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    const versions = core.sqlite!.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions.at(-1)).toBe(LATEST_VERSION);
    const parties = core.sqlite!.prepare('SELECT party FROM organizations').pluck().all();
    expect(parties).toEqual(expect.arrayContaining(['民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '台盟', '工商联', '无党派人士']));
    const id = core.sqlite!.prepare("SELECT value FROM meta WHERE key = 'database_id'").pluck().get();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await core.close();
    expect(fs.existsSync(path.join(dir, DB_FILE))).toBe(true);
  });

  it('opens again without re-running migrations or losing data', async () => {
    const dir = tempDir();
    const a = await openCore({ dataDir: dir });
    a.sqlite!.prepare("INSERT INTO units (name, created_at) VALUES ('测试单位', 'x')").run();
    const id = a.sqlite!.prepare("SELECT value FROM meta WHERE key = 'database_id'").pluck().get();
    await a.close();
    const b = await openCore({ dataDir: dir });
    expect(b.sqlite!.prepare('SELECT count(*) FROM units').pluck().get()).toBe(1);
    expect(b.sqlite!.prepare("SELECT value FROM meta WHERE key = 'database_id'").pluck().get()).toBe(id);
    expect(b.sqlite!.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(LATEST_VERSION);
    await b.close();
  });

  it('refuses a database written by a newer version, in Chinese, and leaves it as it was', async () => {
    const dir = tempDir();
    const a = await openCore({ dataDir: dir });
    await a.close();
    const raw = new SQLite(path.join(dir, DB_FILE));
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 'x')").run(LATEST_VERSION + 5);
    raw.close();
    const before = fs.readFileSync(path.join(dir, DB_FILE));
    const err = await openCore({ dataDir: dir }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('db_too_new');
    expect((err as AppError).message).toContain('更新版本');
    const check = new SQLite(path.join(dir, DB_FILE), { readonly: true });
    expect(check.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(LATEST_VERSION + 5);
    check.close();
    expect(fs.readFileSync(path.join(dir, DB_FILE)).length).toBe(before.length);
  });

  it('migrates a ledger from every earlier version, keeping its rows, after a 升级前 backup of it', async () => {
    for (let from = 1; from < LATEST_VERSION; from++) {
      const dir = tempDir();
      // A ledger as an older app left it: only the first `from` migrations applied.
      const raw = new SQLite(path.join(dir, DB_FILE));
      raw.pragma('journal_mode = WAL');
      const old = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
      await old.schema.createTable('schema_migrations').addColumn('version', 'integer', (c) => c.primaryKey()).addColumn('name', 'text').addColumn('applied_at', 'text').execute();
      for (const m of MIGRATIONS.slice(0, from)) {
        await m.up(old, 'sqlite');
        await old.insertInto('schema_migrations').values({ version: m.version, name: m.name, applied_at: 'x' }).execute();
      }
      const orgs = raw.prepare('SELECT count(*) FROM organizations').pluck().get();
      await old.destroy();

      const core = await openCore({ dataDir: dir, mode: 'test' });
      expect(core.sqlite!.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(LATEST_VERSION);
      expect(core.sqlite!.prepare('SELECT count(*) FROM organizations').pluck().get()).toBe(orgs);
      await core.close();
      const backups = fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('.sqlite3'));
      expect(backups, `from version ${from}`).toHaveLength(1);
      expect(backups[0]).toContain('升级前');
      const copy = new SQLite(path.join(dir, 'backups', backups[0]), { readonly: true });
      expect(copy.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(from);
      copy.close();
    }
  });
});
