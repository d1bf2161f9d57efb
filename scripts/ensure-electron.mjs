#!/usr/bin/env node
/**
 * Makes sure the Electron binary for this machine exists in node_modules/electron/dist.
 *
 *   node scripts/ensure-electron.mjs               fetch it if missing (up to 180 s), exit 1 if impossible
 *   node scripts/ensure-electron.mjs --timeout=20  give up after 20 s
 *   node scripts/ensure-electron.mjs --check       only report; never download
 *   node scripts/ensure-electron.mjs --sqlite-for=node|electron
 *                                                  put in place the better-sqlite3 build for that runtime
 *
 * package.json's allowScripts keeps electron's own postinstall from running (it would fail on
 * machines without internet access); this script is the deliberate, time-limited way to fetch it.
 * Never `require('electron')` from Node to find the binary: that starts a download by itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');

/** The Electron executable's path if it is installed and runnable here, else null. */
export function findElectronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return fs.existsSync(candidate) ? candidate : null;
  }
  try {
    const relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    const binary = path.join(electronDir, 'dist', relative);
    return relative && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export function electronVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** Runs electron's own install.js (which downloads through @electron/get) for at most `timeoutMs`. */
export function fetchElectron(timeoutMs, { quiet = false } = {}) {
  return new Promise((resolve) => {
    const installer = path.join(electronDir, 'install.js');
    if (!fs.existsSync(installer)) return resolve({ ok: false, reason: '没有安装 electron 包（node_modules/electron 不存在），请先运行 npm install' });
    const child = spawn(process.execPath, [installer], { cwd: electronDir, stdio: quiet ? 'pipe' : 'inherit' });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill();
      resolve({ ok: false, reason: `下载 Electron 超过 ${Math.round(timeoutMs / 1000)} 秒仍未完成（可能无法访问外网）` });
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: err.message });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 && findElectronBinary()) return resolve({ ok: true });
      // The error's own line, not the stack frames under it.
      const lines = output.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at '));
      const cause = lines.find((l) => /error|failed|ENOTFOUND|ECONN|ETIMEDOUT/i.test(l)) ?? lines.at(-1);
      resolve({ ok: false, reason: `下载 Electron 失败（退出代码 ${code}）${cause ? `：${cause}` : ''}` });
    });
  });
}

/**
 * better-sqlite3 is native: the build for Node (tests, CLI, browser mode) cannot load in Electron
 * and vice versa. Each build is kept in node_modules/.cache/rectify-native/<runtime-abi>/ and
 * copied into place on demand, so switching between `npm start` (Electron) and `npm test` costs a
 * file copy, not a compile. A missing build is made once: for Electron with electron-builder's
 * install-app-deps (@electron/rebuild: Electron's prebuilt binary, else a local compile), for Node
 * with `npm rebuild better-sqlite3`.
 */
export function useSqliteBuildFor(runtime, { quiet = false } = {}) {
  const log = (m) => quiet || console.log(`[sqlite] ${m}`);
  const moduleDir = path.join(root, 'node_modules', 'better-sqlite3');
  const binary = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  const marker = `${binary}.built-for`;
  const cache = path.join(root, 'node_modules', '.cache', 'rectify-native');
  const wanted = runtime === 'electron' ? `electron-${electronVersion()}` : `node-${process.versions.modules}`;
  const loadsInNode = () =>
    spawnSync(process.execPath, ['-e', "require('better-sqlite3')(':memory:').close()"], { cwd: root, stdio: 'ignore' }).status === 0;

  // A binary newer than its marker was replaced behind our back (npm install, electron-builder's
  // packaging rebuild): find out again what it is.
  const markerFresh = fs.existsSync(marker) && fs.existsSync(binary) && fs.statSync(binary).mtimeMs <= fs.statSync(marker).mtimeMs + 1000;
  let current = markerFresh ? fs.readFileSync(marker, 'utf8').trim() : null;
  if (!current && fs.existsSync(binary) && loadsInNode()) current = `node-${process.versions.modules}`;
  if (current === wanted && fs.existsSync(binary)) return { ok: true, changed: false };

  // Keep the build we are about to replace.
  if (current && fs.existsSync(binary)) {
    fs.mkdirSync(path.join(cache, current), { recursive: true });
    fs.copyFileSync(binary, path.join(cache, current, 'better_sqlite3.node'));
  }
  const cached = path.join(cache, wanted, 'better_sqlite3.node');
  if (fs.existsSync(cached)) {
    fs.mkdirSync(path.dirname(binary), { recursive: true });
    fs.copyFileSync(cached, binary);
    fs.writeFileSync(marker, wanted);
    log(`已换用为 ${wanted} 编译的 better-sqlite3`);
    return { ok: true, changed: true };
  }

  log(`正在为 ${wanted} 编译 better-sqlite3（只需一次）…`);
  const result =
    runtime === 'electron'
      ? spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-builder', 'cli.js'), 'install-app-deps'], { cwd: root, stdio: 'inherit' })
      : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0 || !fs.existsSync(binary) || (runtime === 'node' && !loadsInNode())) {
    return { ok: false, reason: `为 ${wanted} 编译 better-sqlite3 失败` };
  }
  fs.writeFileSync(marker, wanted);
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  fs.copyFileSync(binary, cached);
  return { ok: true, changed: true };
}

function hint() {
  const version = electronVersion() ?? '45';
  return [
    '可以这样解决：',
    '  · 国内网络可先设置镜像再重试：ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ node scripts/ensure-electron.mjs',
    `  · 或在能上网的电脑下载 electron-v${version}-${process.platform}-${process.arch}.zip，解压到 node_modules/electron/dist，`,
    `    并把可执行文件名（Windows 为 electron.exe）写入 node_modules/electron/path.txt`,
    '  · 没有 Electron 时，npm start 会改用浏览器模式运行整改台账',
  ].join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const quiet = args.includes('--quiet');
  const timeoutArg = args.find((a) => a.startsWith('--timeout='));
  const timeoutMs = (timeoutArg ? Number(timeoutArg.split('=')[1]) : 180) * 1000;

  const sqliteFor = args.find((a) => a.startsWith('--sqlite-for='))?.split('=')[1];
  if (sqliteFor) {
    if (sqliteFor !== 'node' && sqliteFor !== 'electron') {
      console.error('[sqlite] --sqlite-for 只能是 node 或 electron');
      return 2;
    }
    const result = useSqliteBuildFor(sqliteFor, { quiet });
    if (!result.ok) console.error(`[sqlite] ${result.reason}`);
    return result.ok ? 0 : 1;
  }

  const existing = findElectronBinary();
  if (existing) {
    if (!quiet) console.log(`[electron] 已有 Electron ${electronVersion()}：${existing}`);
    return 0;
  }
  if (check) {
    if (!quiet) console.log('[electron] 本机没有 Electron 程序文件（node_modules/electron/dist 不存在）');
    return 1;
  }
  if (!quiet) console.log(`[electron] 本机没有 Electron 程序文件，正在尝试下载 Electron ${electronVersion()}（最多 ${timeoutMs / 1000} 秒）…`);
  const result = await fetchElectron(timeoutMs, { quiet });
  if (result.ok) {
    if (!quiet) console.log(`[electron] 下载完成：${findElectronBinary()}`);
    return 0;
  }
  console.error(`[electron] 无法获得 Electron：${result.reason}\n${hint()}`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
