import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { chromium } from '@playwright/test';
import type { JobRequest } from '../../shared/contract/jobs.ts';
import { openCore, type Core } from '../../shared/core/context.ts';
import { invoke } from '../../shared/core/invoke.ts';
import { jobWorkerPeakHeapMb, startJob, whenJobEnds } from '../../shared/core/jobs/runner.ts';
import { buildFile, planFile } from '../../shared/core/reports/file-builds.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { pct, round, type BenchLine } from './measure.ts';
import { launchOptions, startBrowserMode } from '../support/browser.ts';

/**
 * Long jobs off the request path and the 报表 page (issues 7 and 8), on 100,000 findings:
 * (a) the 报表 page's first useful paint in Chromium (its report buttons visible and enabled),
 *     beside the ledger page's first rows in the same run;
 * (b) ledger:query p95 while a Word report job runs, beside the same with nothing running;
 * (c) the Word report job: its duration beside the same build on the core's own thread, and the
 *     core thread's peak heap beside the worker's.
 */
const FINDINGS = 100_000;
const WORD: JobRequest = { kind: 'report:word', input: { filter: {}, title: null } };
const mb = (bytes: number) => bytes / (1024 * 1024);

export async function benchReportJobs(): Promise<BenchLine[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-jobs-'));
  const lines: BenchLine[] = [];
  try {
    const core = await openCore({ dataDir, mode: 'cli' });
    try {
      await seedSynthetic(core, { findings: FINDINGS, seed: 3 });
      lines.push(...(await ledgerWhileJob(core)));
      lines.push(...(await jobBesideInProcess(core)));
    } finally {
      await core.close();
    }
    lines.push(...(await firstPaint(dataDir)));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
}

/** (b) and (c, job half): the ledger keeps answering while the worker writes the report. */
async function ledgerWhileJob(core: Core): Promise<BenchLine[]> {
  const query = () => invoke(core, 'ledger:query', {});
  const timeOne = async () => {
    const t = performance.now();
    await query();
    return performance.now() - t;
  };
  for (let i = 0; i < 5; i++) await query(); // warm up

  let mainPeak = v8.getHeapStatistics().used_heap_size;
  const sampler = setInterval(() => (mainPeak = Math.max(mainPeak, v8.getHeapStatistics().used_heap_size)), 50);
  const started = performance.now();
  const { jobId } = await startJob(core, WORD);
  let ended = false;
  const end = whenJobEnds(jobId).then((s) => ((ended = true), s));
  const busy: number[] = [];
  while (!ended) {
    busy.push(await timeOne());
    // A clerk paging through the ledger, not a flood: one query every 50 ms.
    await new Promise((r) => setTimeout(r, 50));
  }
  const status = await end;
  const jobMs = performance.now() - started;
  clearInterval(sampler);
  if (status.state !== 'done') throw new Error(`报告任务未完成：${status.error?.message ?? status.state}`);

  const idle: number[] = [];
  for (let i = 0; i < Math.max(busy.length, 50); i++) {
    idle.push(await timeOne());
    await new Promise((r) => setTimeout(r, 5));
  }
  busy.sort((a, b) => a - b);
  idle.sort((a, b) => a - b);
  const p95 = pct(busy, 95);
  const base = pct(idle, 95);
  jobStats = { ms: jobMs, mainPeakMb: mb(mainPeak), workerPeakMb: jobWorkerPeakHeapMb(jobId) ?? NaN, sizeMb: mb(status.file!.size) };
  return [
    {
      name: `ledger:query p95，10 万问题 Word 报告任务进行中（${busy.length} 次）`,
      value: round(p95),
      unit: `ms (p50 ${round(pct(busy, 50))} ms)`,
      baseline: round(base),
      ratio: round(p95 / base),
      target: '< 200 ms',
      ok: p95 < 200,
    },
  ];
}

let jobStats: { ms: number; mainPeakMb: number; workerPeakMb: number; sizeMb: number } | null = null;

/** (c): the same report built on the core's own thread, as the synchronous channel does. */
async function jobBesideInProcess(core: Core): Promise<BenchLine[]> {
  const job = jobStats!;
  let peak = v8.getHeapStatistics().used_heap_size;
  const sampler = setInterval(() => (peak = Math.max(peak, v8.getHeapStatistics().used_heap_size)), 50);
  const t = performance.now();
  const built = await buildFile(core, await planFile(core, WORD), () => (peak = Math.max(peak, v8.getHeapStatistics().used_heap_size)));
  peak = Math.max(peak, v8.getHeapStatistics().used_heap_size);
  const inProcessMs = performance.now() - t;
  clearInterval(sampler);
  const size = built.bytes.length;
  return [
    {
      name: `Word 报告任务（10 万问题，${round(job.sizeMb, 1)} MB）用时`,
      value: round(job.ms / 1000, 1),
      unit: 's',
      baseline: round(inProcessMs / 1000, 1),
      ratio: round(job.ms / inProcessMs),
      target: '基线＝同一报告在核心线程上生成（旧的同步通道，不含 base64）',
    },
    {
      name: '任务进行中核心线程堆内存峰值',
      value: Math.round(job.mainPeakMb),
      unit: `MB（工作线程堆峰值 ≥${Math.round(job.workerPeakMb)} MB；在核心线程上生成时峰值 ≥${Math.round(mb(peak))} MB，文件 ${round(mb(size), 1)} MB）`,
      baseline: Math.round(mb(peak)),
      ratio: round(job.mainPeakMb / mb(peak)),
    },
  ];
}

/** (a): navigation → the 报表 page's buttons enabled, beside navigation → the ledger's first rows. */
async function firstPaint(dataDir: string): Promise<BenchLine[]> {
  const { server, ready: serverReady } = startBrowserMode(dataDir);
  try {
    const ready = (await serverReady);
    const browser = await chromium.launch(launchOptions());
    const measure = async (hash: string, ready$: (page: import('@playwright/test').Page) => Promise<unknown>) => {
      const page = await browser.newPage();
      // The tab already holds the secret, as after the first visit.
      await page.addInitScript((token) => sessionStorage.setItem('rectify-token', token), ready.token);
      const start = performance.now();
      await page.goto(`${ready.url}#/${hash}`);
      await ready$(page);
      const ms = performance.now() - start;
      await page.close();
      return ms;
    };
    const buttons = (page: import('@playwright/test').Page) =>
      page.waitForFunction(() => {
        const b = document.querySelector<HTMLButtonElement>('[data-testid="report-word"]');
        return !!b && !b.disabled && b.getBoundingClientRect().height > 0;
      }, undefined, { timeout: 60_000 });
    const rows = (page: import('@playwright/test').Page) => page.locator('[data-testid="ledger-table"] tbody tr.ant-table-row').first().waitFor({ timeout: 60_000 });
    const figures = (page: import('@playwright/test').Page) => page.locator('[data-testid="report-summary"][data-loaded="true"]').waitFor({ timeout: 60_000 });
    await measure('reports', buttons); // warm up: the page's code and the server's first queries
    await measure('ledger', rows);
    const report: number[] = [];
    const ledger: number[] = [];
    const full: number[] = [];
    for (let i = 0; i < 5; i++) {
      // Interleaved so a busy moment on the shared machine hits both alike.
      report.push(await measure('reports', buttons));
      ledger.push(await measure('ledger', rows));
      full.push(await measure('reports', figures));
    }
    await browser.close();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2];
    const r = median(report);
    const l = median(ledger);
    return [
      {
        name: '报表页首次可用（按钮可点，Chromium，10 万问题，5 次中位数）',
        value: round(r / 1000, 2),
        unit: 's',
        baseline: round(l / 1000, 2),
        ratio: round(r / l),
        target: '< 1 s（基线：台账首屏可见）',
        ok: r < 1000,
      },
      { name: '报表页统计数字填入（10 万问题，5 次中位数）', value: round(median(full) / 1000, 2), unit: 's', baseline: round(l / 1000, 2), ratio: round(median(full) / l) },
    ];
  } finally {
    server.kill('SIGTERM');
  }
}

// Run directly: `npx tsx tests/bench/report-jobs.ts`.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  for (const l of await benchReportJobs()) console.log(JSON.stringify(l));
}
