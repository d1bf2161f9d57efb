import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test, type ElectronApplication } from '@playwright/test';
import type {} from '../../renderer/api.ts';

/**
 * The desktop shell, launched for real: window, page, preload bridge, core in its utilityProcess,
 * Chinese menu, security settings. Runs only where an Electron binary exists; elsewhere it is
 * skipped and says why. Never `require('electron')` to find the binary: that starts a download.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function electronBinary(): string | null {
  try {
    const relative = fs.readFileSync(path.join(root, 'node_modules', 'electron', 'path.txt'), 'utf8').trim();
    const binary = path.join(root, 'node_modules', 'electron', 'dist', relative);
    return relative && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const hasDisplay = process.platform !== 'linux' || !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const skipReason = !electronBinary()
  ? '本机没有 Electron 程序文件（node_modules/electron/dist 不存在；可运行 node scripts/ensure-electron.mjs 获取），跳过桌面版冒烟测试'
  : !hasDisplay
    ? '没有图形界面（DISPLAY 未设置；可用 xvfb-run 运行），跳过桌面版冒烟测试'
    : null;
if (skipReason) console.log(`[electron smoke] 已跳过：${skipReason}`);

function run(args: string[]) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`失败：node ${args.join(' ')}`);
}

test.describe('桌面版（Electron）冒烟测试', () => {
  test.skip(!!skipReason, skipReason ?? '');

  let app: ElectronApplication;
  let dataDir: string;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    if (!fs.existsSync(path.join(root, 'dist', 'electron', 'main.cjs')) || !fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
      run(['scripts/build.mjs']);
    }
    // The core's better-sqlite3 must be the build for Electron while the app runs.
    run(['scripts/ensure-electron.mjs', '--sqlite-for=electron']);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-electron-'));
    app = await _electron.launch({ args: ['.', '--data-dir', dataDir], cwd: root });
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    // Node-side tests that run after this one need the Node build back.
    run(['scripts/ensure-electron.mjs', '--sqlite-for=node', '--quiet']);
  });

  test('opens the ledger in a locked-down window with the Chinese menu', async () => {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle(/整改台账/);
    await expect(page.getByText('台账', { exact: true }).first()).toBeVisible();

    const globals = await page.evaluate(() => ({
      rectify: typeof window.rectify,
      bridge: Object.keys(window.rectify ?? {}).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      ipcRenderer: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
    }));
    expect(globals).toEqual({ rectify: 'object', bridge: ['invoke', 'openEvidence', 'print', 'saveFile'], require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' });

    // A real call through preload → ipcMain → utilityProcess → core → SQLite file.
    const info = await page.evaluate(() => window.rectify!.invoke('app:info', {}));
    expect(info).toMatchObject({ ok: true, data: { dataDir, mode: 'electron' } });
    expect(fs.existsSync(path.join(dataDir, 'ledger.sqlite3'))).toBe(true);
    const unknown = await page.evaluate(() => window.rectify!.invoke('fs:readAnything', { path: '/' }));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // No new windows, no navigation away from our page.
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await expect.poll(() => page.url()).toMatch(/^app:\/\/rectify\//);

    // window.rectify existing proves contextIsolation (contextBridge refuses to work without it);
    // no require/process proves nodeIntegration is off. The OS sandbox is reported by the metrics
    // on Windows and macOS.
    const shell = await app.evaluate(({ app: electronApp, BrowserWindow, Menu }) => ({
      windows: BrowserWindow.getAllWindows().length,
      pagesSandboxed: electronApp
        .getAppMetrics()
        .filter((metric) => metric.type === 'Tab')
        .map((metric) => metric.sandboxed ?? 'not reported'),
      menu: Menu.getApplicationMenu()?.items.map((item) => item.label),
      print: Menu.getApplicationMenu()?.items[0].submenu?.items.find((item) => item.label === '打印…')?.accelerator,
    }));
    expect(shell.windows).toBe(1);
    expect(shell.menu).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    expect(shell.print).toBe('CmdOrCtrl+P');
    if (process.platform !== 'linux') expect(shell.pagesSandboxed.every((s) => s === true)).toBe(true);
  });

  test('打印 lays the screen out on A4 and shows it in a preview window', async () => {
    const page = await app.firstWindow();
    await page.evaluate(() => window.rectify!.print({ landscape: true, title: '整改台账（冒烟测试）' }));
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle())))
      .toContain('打印预览 — 整改台账（冒烟测试）');
    const pdfs = fs.readdirSync(path.join(dataDir, 'temp', 'print'), { recursive: true }).map(String);
    expect(pdfs.some((name) => name.endsWith('整改台账（冒烟测试）.pdf'))).toBe(true);
  });
});
