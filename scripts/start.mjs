#!/usr/bin/env node
/**
 * `npm start`: open 整改台账.
 *
 *   npm start                         the desktop app where Electron can run, else browser mode
 *   npm start -- --browser            browser mode even where Electron exists
 *   npm start -- --data-dir D         use data folder D (both modes)
 *   npm start -- --no-open            browser mode: print the URL, do not open a browser
 *
 * 1. Builds what is missing or older than its sources (dist/renderer, dist/electron).
 * 2. Finds the Electron binary (node_modules/electron/dist). When it is missing it tries, outside
 *    CI, a short download; this machine has no binary and no way to fetch one, hence:
 * 3. Electron: better-sqlite3 is native, so the build compiled for Electron is put in place first
 *    (scripts/ensure-electron.mjs --sqlite-for=electron, which runs electron-builder's
 *    install-app-deps once and keeps both builds), then `electron .` is started.
 *    Browser mode: the Node build of better-sqlite3 is put back, `tsx shared/server/main.ts`
 *    starts the local server, and the URL (with its per-launch secret) is printed and opened.
 * Ctrl+C stops the app.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { fetchElectron, findElectronBinary, useSqliteBuildFor } from './ensure-electron.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const wantBrowser = argv.includes('--browser') || process.env.RECTIFY_BROWSER === '1';
const noOpen = argv.includes('--no-open');
const passThrough = argv.filter((a) => a !== '--browser' && a !== '--no-open');
const isCI = !!process.env.CI;
const hasDisplay = process.platform !== 'linux' || !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

const say = (line) => console.log(`[整改台账] ${line}`);

function newestMtime(entries) {
  let newest = 0;
  const visit = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== 'node_modules' && !name.startsWith('.')) visit(path.join(p, name));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of entries) visit(path.join(root, entry));
  return newest;
}

/** Oldest output's time, or 0 when one is missing. */
function oldestOutput(files) {
  let oldest = Infinity;
  for (const f of files) {
    const p = path.join(root, f);
    if (!fs.existsSync(p)) return 0;
    oldest = Math.min(oldest, fs.statSync(p).mtimeMs);
  }
  return oldest;
}

const PARTS = {
  renderer: {
    sources: ['renderer', 'shared', 'vite.config.ts', 'package.json'],
    outputs: ['dist/renderer/index.html'],
    flag: '--renderer-only',
    label: '界面',
  },
  electron: {
    sources: ['electron', 'shared', 'scripts/build.mjs', 'package.json'],
    outputs: ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/electron/core-host.cjs'],
    flag: '--electron-only',
    label: '桌面外壳',
  },
};

function runNode(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** Build each stale part; an old build is still used if a rebuild fails. */
async function ensureBuilt(partNames) {
  for (const name of partNames) {
    const part = PARTS[name];
    const builtAt = oldestOutput(part.outputs);
    if (builtAt && builtAt >= newestMtime(part.sources)) continue;
    say(builtAt ? `${part.label}的源文件有改动，正在重新构建…` : `${part.label}尚未构建，正在构建…`);
    const code = await runNode([path.join(root, 'scripts', 'build.mjs'), part.flag]);
    if (code !== 0) {
      if (!oldestOutput(part.outputs)) {
        say(`${part.label}构建失败，无法启动。请查看上面的错误。`);
        process.exit(1);
      }
      say(`${part.label}构建失败，先使用上一次的构建结果。`);
    }
  }
}

/** Where Electron can run: the binary exists (or was fetched just now) and there is a screen. */
async function electronOrReason() {
  if (wantBrowser) return { reason: '按要求使用浏览器模式（--browser）' };
  let binary = findElectronBinary();
  if (!binary && !isCI) {
    say('本机没有 Electron 程序文件，尝试下载（最多 20 秒）…');
    const fetched = await fetchElectron(20_000, { quiet: true });
    if (fetched.ok) binary = findElectronBinary();
    else return { reason: `本机没有 Electron 程序文件（node_modules/electron/dist 不存在），也无法下载：${fetched.reason}` };
  }
  if (!binary) return { reason: '本机没有 Electron 程序文件（node_modules/electron/dist 不存在），CI 环境中不下载' };
  if (!hasDisplay) return { reason: '没有图形界面（DISPLAY 未设置），桌面窗口无法显示' };
  return { binary };
}

function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
}

async function startElectron(binary) {
  await ensureBuilt(['renderer', 'electron']);
  const sqlite = useSqliteBuildFor('electron');
  if (!sqlite.ok) return { reason: `${sqlite.reason}（需要 Python 与 C++ 编译工具，或能下载 Electron 版的预编译文件）` };
  say('正在启动桌面版…');
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, ['.', ...passThrough], { cwd: root, stdio: 'inherit', env });
  forwardSignals(child);
  return null;
}

function openBrowser(url) {
  if (noOpen || isCI || !hasDisplay) return false;
  const [command, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', `"${url}"`]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    const opener = spawn(command, args, { detached: true, stdio: 'ignore', windowsVerbatimArguments: process.platform === 'win32' });
    opener.on('error', () => {});
    opener.unref();
    return true;
  } catch {
    return false;
  }
}

async function startBrowserMode(reason) {
  say(`${reason}。`);
  say('改用浏览器模式：同一个界面和数据，通过本机 127.0.0.1 上的服务使用。');
  await ensureBuilt(['renderer']);
  const sqlite = useSqliteBuildFor('node');
  if (!sqlite.ok) {
    say(`${sqlite.reason}，无法启动。`);
    process.exit(1);
  }
  const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, path.join(root, 'shared', 'server', 'main.ts'), ...passThrough], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  forwardSignals(child);
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    console.log(line);
    if (!line.startsWith('RECTIFY_READY ')) return;
    let ready;
    try {
      ready = JSON.parse(line.slice('RECTIFY_READY '.length));
    } catch {
      return;
    }
    const opened = openBrowser(ready.openUrl);
    say(`请用 Chrome、Edge 或 360 浏览器（极速模式）打开：${ready.openUrl}`);
    say(opened ? '已尝试打开系统浏览器。按 Ctrl+C 停止。' : '按 Ctrl+C 停止。');
  });
}

const target = await electronOrReason();
if (target.binary) {
  const failed = await startElectron(target.binary);
  if (failed) await startBrowserMode(failed.reason);
} else {
  await startBrowserMode(target.reason);
}
