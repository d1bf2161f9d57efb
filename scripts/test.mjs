// `npm test`: installs what the tests need, builds, type-checks, then runs every suite:
// vitest (unit + integration, real SQLite/Excel/Word files) and Playwright (the UI in Chromium
// through browser mode; the Electron smoke test where an Electron binary exists).
// Ends with one line: "Total: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules, ensureSystemTools } from './test-deps.mjs';
import { ensureTestPostgres } from './test-postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const step = (title, cmd, args, opts = {}) => {
  console.log(`\n=== ${title} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32', ...opts });
  return r.status ?? 1;
};

ensureNodeModules();
ensureSystemTools();
// Someone may have run the desktop app, which swaps in an Electron build of better-sqlite3.
step('better-sqlite3 (Node 版)', process.execPath, ['scripts/ensure-electron.mjs', '--sqlite-for=node', '--quiet']);

const failures = [];
if (step('构建界面与桌面外壳 (build)', process.execPath, ['scripts/build.mjs']) !== 0) failures.push('build');
if (step('类型检查 (tsc)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']) !== 0) failures.push('typecheck');
if (step('类型检查：桌面外壳 (electron.d.ts)', bin('tsc'), ['-p', 'tsconfig.electron.json', '--noEmit']) !== 0) failures.push('typecheck:electron');

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-results-'));
const vitestJson = path.join(out, 'vitest.json');
const vitestPgJson = path.join(out, 'vitest-postgres.json');
const pwJson = path.join(out, 'playwright.json');
// The suite on SQLite files (the single-PC ledger, the default).
if (step('单元与集成测试 (vitest, SQLite)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], { env: { ...process.env, RECTIFY_TEST_DATABASE_URL: '' } }) !== 0)
  failures.push('vitest');
// The same integration suite again on PostgreSQL (the office's shared ledger): every temp core
// gets its own database on a local cluster (scripts/test-postgres.mjs).
const pgUrl = ensureTestPostgres();
if (pgUrl) {
  const env = { ...process.env, RECTIFY_TEST_DATABASE_URL: pgUrl };
  // Files about the SQLite file itself (a crash mid-write, the folder lock, a full or read-only
  // disk, WAL readers, file backups) or about no database at all (reading import files): the
  // first pass covered them; on PostgreSQL they have nothing more to check.
  const sqliteOnly = ['crash-kill', 'folder-lock', 'db-failures', 'db-reliability', 'database', 'backup-restore', 'import-reader', 'import-docx'];
  console.log(`\nPostgreSQL 一轮不重复运行（只与本机 SQLite 文件有关，或不读写数据库）：${sqliteOnly.map((f) => `${f}.test.ts`).join('、')}`);
  const exclude = sqliteOnly.flatMap((f) => ['--exclude', `tests/integration/${f}.test.ts`]);
  if (step('集成测试 (vitest, PostgreSQL)', bin('vitest'), ['run', 'tests/integration', ...exclude, '--reporter=default', '--reporter=json', `--outputFile.json=${vitestPgJson}`], { env }) !== 0)
    failures.push('vitest:postgres');
} else {
  console.log('\n=== 集成测试 (vitest, PostgreSQL)：跳过，原因见上 ===');
}
if (
  step('界面测试 (Playwright, Chromium)', bin('playwright'), ['test', '--reporter=list,json'], {
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson, RECTIFY_TEST_DATABASE_URL: pgUrl ?? '' },
  }) !== 0
)
  failures.push('playwright');

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(vitestJson)) {
  const v = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + (v.numTodoTests ?? 0);
} else failed++;
if (pgUrl) {
  if (fs.existsSync(vitestPgJson)) {
    const v = JSON.parse(fs.readFileSync(vitestPgJson, 'utf8'));
    passed += v.numPassedTests;
    failed += v.numFailedTests;
    skipped += v.numPendingTests + (v.numTodoTests ?? 0);
    console.log(`PostgreSQL 一轮：${v.numPassedTests} passed, ${v.numFailedTests} failed, ${v.numPendingTests + (v.numTodoTests ?? 0)} skipped`);
  } else failed++;
}
if (fs.existsSync(pwJson)) {
  const s = JSON.parse(fs.readFileSync(pwJson, 'utf8')).stats;
  passed += s.expected + (s.flaky ?? 0);
  failed += s.unexpected;
  skipped += s.skipped;
} else failed++;

console.log(`\n${failures.length ? `未通过的步骤：${failures.join('、')}` : '全部步骤通过'}`);
console.log(`Total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failures.length ? 1 : 0);
