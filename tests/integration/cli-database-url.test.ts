import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFixtureFiles } from '../fixtures/import/use-fixture-files.ts';
import { dropTestDatabase, freshTestDatabase, onPostgres } from '../support/postgres.ts';
import { redact } from '../../shared/core/db/postgres.ts';

/**
 * Issue 12: every command takes `--database-url` (or RECTIFY_DATABASE_URL) and works on the
 * office's shared ledger; `seed`, `stats --json` and `import` give the same answers on both
 * databases. Runs in the PostgreSQL pass of the suite.
 */
const noServer = !onPostgres();
if (noServer) console.log('跳过：命令行 --database-url —— 未设置 RECTIFY_TEST_DATABASE_URL（PostgreSQL 一轮才运行）。');

const tsx = path.resolve('node_modules/.bin/tsx');
function cli(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(tsx, ['shared/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, ...env, RECTIFY_DATABASE_URL: env.RECTIFY_DATABASE_URL ?? '' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
const ok = (r: ReturnType<typeof cli>) => {
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
};

describe.skipIf(noServer)('the command line on a shared PostgreSQL ledger', () => {
  const files = useFixtureFiles();
  let url = '';
  let dir = '';
  beforeAll(async () => {
    url = await freshTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-cli-sqlite-'));
  });
  afterAll(async () => {
    if (url) await dropTestDatabase(url);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('seed, stats --json and import give the same answers as on a SQLite data folder', () => {
    ok(cli(['seed', '--findings', '60', '--seed', '12', '--database-url', url]));
    ok(cli(['seed', '--findings', '60', '--seed', '12', '--data-dir', dir]));
    const statsPg = JSON.parse(ok(cli(['stats', '--json', '--today', '2026-06-15', '--database-url', url])));
    const statsLite = JSON.parse(ok(cli(['stats', '--json', '--today', '2026-06-15', '--data-dir', dir])));
    expect(statsPg.totals ?? statsPg).toBeTruthy();
    expect(statsPg).toEqual(statsLite);

    const importPg = JSON.parse(ok(cli(['import', files['01-basic.xlsx'], '--json', '--batch', '1', '--accept-new-units', '--database-url', url])));
    const importLite = JSON.parse(ok(cli(['import', files['01-basic.xlsx'], '--json', '--batch', '1', '--accept-new-units', '--data-dir', dir])));
    expect(importPg).toEqual(importLite);
    expect(JSON.parse(ok(cli(['stats', '--json', '--today', '2026-06-15', '--database-url', url])))).toEqual(
      JSON.parse(ok(cli(['stats', '--json', '--today', '2026-06-15', '--data-dir', dir]))),
    );
  });

  it('takes the URL from RECTIFY_DATABASE_URL, and says in Chinese when the server refuses the login', () => {
    const viaEnv = JSON.parse(ok(cli(['stats', '--json', '--today', '2026-06-15'], { RECTIFY_DATABASE_URL: url })));
    expect(viaEnv).toEqual(JSON.parse(ok(cli(['stats', '--json', '--today', '2026-06-15', '--database-url', url]))));
    const wrong = url.replace(/:([^:@/]+)@/, ':wrong-password@');
    const refused = cli(['stats', '--json', '--database-url', wrong]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('用户名或密码不正确');
    expect(refused.stderr).not.toContain('wrong-password');
    expect(redact(wrong)).not.toContain('wrong-password');
  });
});
