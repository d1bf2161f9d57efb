import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { ChannelInput, ChannelName, ChannelResult } from '../../shared/contract/index.ts';

/**
 * One fresh data folder and one browser-mode server per test (STYLE.md: "one fixture gives each
 * e2e test a fresh data folder"). Other e2e tests (import, reports) import `test` and `expect`
 * from here.
 *
 *   test('…', async ({ page, rectify }) => { await rectify.call('app:info', {}); });
 *   test.use({ seedFindings: 200 });   // start on a ledger seeded by the CLI
 */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');

export interface RectifyServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** url + "#token=…": what a clerk opens. */
  openUrl: string;
  token: string;
  dataDir: string;
  /** Call a channel over HTTP with the secret, as the renderer does; throws on an error value. */
  call<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelResult<K>>;
  /** Everything the server printed, for failure messages. */
  output(): string;
}

export class ChannelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function startServer(dataDir: string, extraEnv: Record<string, string>): Promise<{ server: RectifyServer; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(tsx, ['shared/server/main.ts', '--data-dir', dataDir, '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));

  // Wait for the server's own signal, never for a fixed time.
  const ready = await new Promise<{ url: string; openUrl: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`服务器 60 秒内未就绪：\n${log}`)), 60_000);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      log += `${line}\n`;
      const m = /^RECTIFY_READY (.*)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(JSON.parse(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`服务器退出（代码 ${code}）：\n${log}`));
    });
  });

  const server: RectifyServer = {
    ...ready,
    dataDir,
    output: () => log,
    async call(channel, input) {
      const res = await fetch(`${ready.url}api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Rectify-Token': ready.token },
        body: JSON.stringify(input ?? {}),
      });
      const reply = (await res.json()) as { ok: true; data: never } | { ok: false; error: { code: string; message: string } };
      if (!reply.ok) throw new ChannelError(reply.error.code, reply.error.message);
      return reply.data;
    },
  };

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killTimer);
  };
  return { server, stop };
}

interface RectifyOptions {
  /** Run `cli seed --findings N` on the fresh folder before the server starts (0: empty folder). */
  seedFindings: number;
  /** Extra environment for the server process. */
  serverEnv: Record<string, string>;
  /**
   * The page the test starts on. The app opens on the 工作台 (issue 10); tests written when it
   * opened on the ledger go there explicitly. '' : the 工作台, as a clerk sees it.
   */
  startAt: string;
}

interface RectifyFixtures {
  dataDir: string;
  rectify: RectifyServer;
  /** The page, already open at the app with its secret, first screen shown. */
  page: Page;
}

export const test = base.extend<RectifyOptions & RectifyFixtures>({
  seedFindings: [0, { option: true }],
  serverEnv: [{}, { option: true }],
  startAt: ['ledger', { option: true }],

  dataDir: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-e2e-'));
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  },

  rectify: async ({ dataDir, seedFindings, serverEnv }, use) => {
    if (seedFindings > 0) {
      await promisify(execFile)(tsx, ['shared/cli/main.ts', 'seed', '--findings', String(seedFindings), '--data-dir', dataDir], { cwd: repoRoot });
    }
    const { server, stop } = await startServer(dataDir, serverEnv);
    await use(server);
    await stop();
  },

  page: async ({ page, rectify, startAt }, use, testInfo) => {
    // Uncaught errors and console errors (a CSP violation shows up there) are kept with the test.
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`页面异常：${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning' || msg.text().startsWith('[整改台账]')) problems.push(`控制台${msg.type()}：${msg.text()}`);
    });
    await page.goto(rectify.openUrl);
    // The shell (its menu) appears once app:info has answered.
    await expect(page.getByTestId('main-menu')).toBeVisible();
    if (startAt) await page.evaluate((hash) => (window.location.hash = hash), `#/${startAt}`);
    await use(page);
    if (problems.length) await testInfo.attach('browser-console', { body: problems.join('\n'), contentType: 'text/plain' });
    if (process.env.RECTIFY_E2E_PRINT_CONSOLE) console.log(problems.join('\n'));
    // A failure on a machine we cannot look at (the CI's) should carry its story in the log:
    // what the page complained of and the server's last words.
    if (testInfo.status !== testInfo.expectedStatus) {
      const serverTail = rectify.output().split('\n').slice(-40).join('\n');
      const notices = await page
        .evaluate(() => [...document.querySelectorAll('.ant-message-notice, .ant-notification-notice, .ant-alert')].map((el) => el.textContent ?? '').join(' | '))
        .catch(() => '（页面已关闭）');
      problems.push(`屏幕上的提示：${notices || '（无）'}`);
      console.log(`—— ${testInfo.title}：浏览器控制台 ——\n${problems.join('\n') || '（无）'}\n—— 服务器输出（最后 40 行）——\n${serverTail}`);
    }
  },
});

export { expect };

/** Pick an option of an antd Select (typing first filters a searchable one). */
export async function pickOption(page: Page, select: Locator, text: string, options: { type?: boolean; multiple?: boolean } = {}): Promise<void> {
  await select.click();
  if (options.type ?? true) await page.keyboard.type(text);
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
  // A multiple select stays open after a pick; a single one closes by itself.
  if (options.multiple) await page.keyboard.press('Escape');
}

/** Type a date into an antd DatePicker ("2026-12-31") and confirm it. */
export async function fillDate(picker: Locator, isoDate: string): Promise<void> {
  const input = (await picker.evaluate((el) => el.tagName)) === 'INPUT' ? picker : picker.locator('input').first();
  await input.click();
  await input.fill(isoDate);
  await input.press('Enter');
}

/**
 * Open a page of the app ("ledger", "findings/3") after data was written behind its back (through
 * `rectify.call` or the CLI): a reload makes the app ask the core again. The secret stays in the
 * tab's sessionStorage.
 */
export async function openAt(page: Page, rectify: RectifyServer, hashPath: string): Promise<void> {
  await page.goto(`${rectify.url}#/${hashPath}`);
  await page.reload();
  await expect(page.getByTestId('main-menu')).toBeVisible();
}
