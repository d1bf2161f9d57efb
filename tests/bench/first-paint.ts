import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import buildRendererIfStale from '../e2e/global-setup.ts';
import { listManifests } from '../../shared/core/backup/store.ts';
import { launchOptions, startBrowserMode } from '../support/browser.ts';
import { round, type BenchLine } from './measure.ts';

/**
 * Issue 10: the home page (工作台) on screen, from navigation to the menu and to the lists with
 * their numbers, in Chromium through browser mode on the bench's ledger — as a clerk opens it.
 *
 * Baseline, in the same run and the same browser, alternating with each open: a static page that
 * carries the interface's own stylesheet (the biggest file the home page needs) and one line of
 * text, served from memory by a plain Node server — what opening any page of ours costs on this
 * machine at this moment, with no script and no data. Each open is a fresh browser context (no
 * cache), as the first open of the day is. 7 opens each, median.
 */
const OPENS = 7;

export async function homeFirstPaint(dataDir: string): Promise<BenchLine[]> {
  await buildRendererIfStale();
  const distDir = path.resolve('dist/renderer');
  const statik = await startStaticBaseline(distDir);
  const { server, ready } = startBrowserMode(dataDir);
  let browser: Browser | undefined;
  try {
    const { openUrl } = await ready;
    browser = await chromium.launch(launchOptions());
    // The first open of the day: browser mode starts the daily backup of the ledger at the same
    // time, on the same thread (a copy and a check of the whole file), and the page opens the
    // week's automatic snapshot. Timed on its own; the 7 opens below come once the backup is done.
    const firstPage = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    let start = performance.now();
    await firstPage.goto(openUrl);
    await firstPage.getByTestId('work-overdue-count').waitFor({ timeout: 120_000 });
    const firstOpen = performance.now() - start;
    await firstPage.close();
    for (let waited = 0; !listManifests(dataDir).some((m) => m.reason === 'daily') && waited < 300; waited++) await new Promise((r) => setTimeout(r, 1000));
    const menu: number[] = [];
    const lists: number[] = [];
    const request: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      start = performance.now();
      await page.goto(statik.url);
      await page.getByTestId('static-ready').waitFor({ timeout: 30_000 });
      base.push(performance.now() - start);
      await page.close();

      const home = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      start = performance.now();
      await home.goto(openUrl);
      await home.getByTestId('main-menu').waitFor({ timeout: 30_000 });
      menu.push(performance.now() - start);
      await home.getByTestId('work-overdue-count').waitFor({ timeout: 30_000 });
      lists.push(performance.now() - start);
      // How long the 工作台's own data request took, seen from the page (sent before the interface loaded).
      request.push(await home.evaluate(() => {
        const entry = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/workbench%3Aget'));
        return entry ? (entry as PerformanceResourceTiming).responseEnd - entry.startTime : NaN;
      }));
      await home.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ms = (x: number) => `${Math.round(x)} ms`;
    const firstScreen = firstScreenBytes(distDir);
    return [
      {
        name: `首页（工作台）首屏：待办列表及数字可见（Chromium，浏览器模式，每日自动备份完成后 ${OPENS} 次中位数；基线：带同一样式表的静态页）`,
        value: round(median(lists) / 1000, 2),
        unit: `s（菜单可见 ${round(median(menu) / 1000, 2)} s；当天首次打开（同时在做每日自动备份）${round(firstOpen / 1000, 2)} s；其中工作台数据请求 ${ms(median(request))}，与界面脚本并行；首屏脚本 ${firstScreen}）`,
        baseline: round(median(base) / 1000, 2),
        ratio: round(median(lists) / median(base)),
        target: '<1 s',
        ok: median(lists) < 1000,
      },
    ];
  } finally {
    await browser?.close();
    server.kill('SIGTERM');
    await statik.close();
  }
}

/** The scripts index.html loads at once (entry and modulepreload), in KB: what the first screen downloads. */
function firstScreenBytes(distDir: string): string {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = scripts.reduce((sum, file) => sum + fs.statSync(path.join(distDir, file)).size, 0);
  return `${scripts.length} 个文件 ${Math.round(bytes / 1024)} KB`;
}

/** The baseline page: the interface's stylesheet and one line of text, from memory. */
async function startStaticBaseline(distDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const cssFile = /href="\.\/(assets\/[^"]+\.css)"/.exec(html)?.[1];
  if (!cssFile) throw new Error('dist/renderer/index.html 中没有样式表');
  const css = fs.readFileSync(path.join(distDir, cssFile));
  const page = Buffer.from(
    `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8"><title>基线</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/style.css"></head><body><div data-testid="static-ready" class="ant-typography">整改台账</div></body></html>`,
  );
  const server = http.createServer((req, res) => {
    const isCss = req.url === '/style.css';
    res.writeHead(200, { 'Content-Type': isCss ? 'text/css; charset=utf-8' : 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(isCss ? css : page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
