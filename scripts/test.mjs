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
const pwJson = path.join(out, 'playwright.json');
if (step('单元与集成测试 (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]) !== 0) failures.push('vitest');
if (
  step('界面测试 (Playwright, Chromium)', bin('playwright'), ['test', '--reporter=list,json'], { env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson } }) !== 0
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
if (fs.existsSync(pwJson)) {
  const s = JSON.parse(fs.readFileSync(pwJson, 'utf8')).stats;
  passed += s.expected + (s.flaky ?? 0);
  failed += s.unexpected;
  skipped += s.skipped;
} else failed++;

console.log(`\n${failures.length ? `未通过的步骤：${failures.join('、')}` : '全部步骤通过'}`);
console.log(`Total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failures.length ? 1 : 0);
