import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { ledgerQuery } from '../../shared/contract/ledger.ts';
import { openCore, type Core } from '../../shared/core/context.ts';
import { invoke } from '../../shared/core/invoke.ts';
import { ledgerCountQuery, ledgerPageIdsQuery, ledgerRowsQuery } from '../../shared/core/ledger/ledger-query.ts';
import { signalDates } from '../../shared/core/ledger/signal-sql.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { pct, round, sample, samplePair, type BenchLine } from './measure.ts';
import { launchOptions, startBrowserMode } from '../support/browser.ts';

const FINDINGS = 100_000;
const RUNS = 200;

/** Representative first pages a clerk asks for. */
const QUERIES: Record<string, unknown> = {
  '全部（默认排序）': {},
  '某单位未完成·按时限': { filter: { unitId: 7, statuses: ['not_started', 'in_progress'] }, sort: 'deadline' },
  '逾期·按时限': { filter: { signals: ['red'] }, sort: 'deadline' },
  '某批次·整改中': { filter: { batchId: 600, statuses: ['in_progress'] } },
};

export async function benchLedger(): Promise<BenchLine[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-ledger-'));
  const core = await openCore({ dataDir, mode: 'cli' });
  const lines: BenchLine[] = [];
  try {
    const seedStart = performance.now();
    const seeded = await seedSynthetic(core, { findings: FINDINGS, seed: 1 });
    lines.push({ name: `生成 ${seeded.findings} 个问题 / ${seeded.measures} 项措施`, value: round((performance.now() - seedStart) / 1000, 1), unit: 's' });
    const today = core.today();
    const t = { dueSoonDays: 7, stagnantDays: 30 };

    for (const [label, raw] of Object.entries(QUERIES)) {
      const query = ledgerQuery.parse(raw);
      const [ours, base] = await samplePair(RUNS, () => invoke(core, 'ledger:query', raw), rawLedger(core, query, today, t));
      const p95 = pct(ours, 95);
      const ratio = p95 / pct(base, 95);
      lines.push({
        name: `台账首页 ${label} p95`,
        value: round(p95),
        unit: `ms (p50 ${round(pct(ours, 50))} ms，基线 p50 ${round(pct(base, 50))} ms，p50 比值 ${round(pct(ours, 50) / pct(base, 50))}×)`,
        baseline: round(pct(base, 95)),
        ratio: round(ratio),
        target: '≤1.5× 且 <30 ms',
        ok: ratio <= 1.5 && p95 < 30,
      });
    }
    for (const term of ['资金', '扶贫资金']) {
      const times = await sample(RUNS, () => invoke(core, 'ledger:query', { filter: { q: term } }));
      lines.push({ name: `搜索“${term}” p95（${Array.from(term).length} 字）`, value: round(pct(times, 95)), unit: 'ms', target: '<50 ms', ok: pct(times, 95) < 50 });
    }
  } finally {
    await core.close();
  }
  lines.push(await firstRowsVisible(dataDir));
  fs.rmSync(dataDir, { recursive: true, force: true });
  return lines;
}

/**
 * The baseline: the very statements the core runs for one page (ids, count, rows), compiled
 * once and run through better-sqlite3 prepared statements.
 */
function rawLedger(core: Core, query: ReturnType<typeof ledgerQuery.parse>, today: string, t: { dueSoonDays: number; stagnantDays: number }) {
  const d = signalDates(today, t, core.dialect);
  const idsQ = ledgerPageIdsQuery(core.db, query, d).compile();
  const countQ = ledgerCountQuery(core.db, query.filter, d).compile();
  const idsStmt = core.sqlite!.prepare(idsQ.sql);
  const countStmt = core.sqlite!.prepare(countQ.sql);
  const sample50 = (idsStmt.all(...idsQ.parameters) as { id: number }[]).map((r) => r.id);
  const rowsQ = ledgerRowsQuery(core.db, sample50).compile();
  const rowsStmt = core.sqlite!.prepare(rowsQ.sql);
  return () => {
    idsStmt.all(...idsQ.parameters);
    countStmt.get(...countQ.parameters);
    // The page's ids are the same on every run, so the rows statement's parameters are too.
    rowsStmt.all(...rowsQ.parameters);
  };
}

/** From navigation to the ledger's first rows on screen, in Chromium through browser mode. */
async function firstRowsVisible(dataDir: string): Promise<BenchLine> {
  const { server, ready: serverReady } = startBrowserMode(dataDir);
  try {
    const openUrl = (await serverReady).openUrl;
    const browser = await chromium.launch(launchOptions());
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage();
      // The app opens on the 工作台 (issue 10): open '#/ledger' itself, the secret already in the tab.
      const token = /token=([^&]+)/.exec(openUrl)![1];
      await page.addInitScript((t) => sessionStorage.setItem('rectify-token', t), token);
      const start = performance.now();
      await page.goto(openUrl.replace(/#.*$/, '#/ledger'));
      await page.locator('[data-testid="ledger-table"] tbody tr.ant-table-row').first().waitFor({ timeout: 30_000 });
      times.push(performance.now() - start);
      await page.close();
    }
    await browser.close();
    times.sort((a, b) => a - b);
    const median = times[2];
    return { name: '台账首屏可见（Chromium，10 万问题，5 次中位数）', value: round(median / 1000, 2), unit: 's', target: '<1.5 s', ok: median < 1500 };
  } finally {
    server.kill('SIGTERM');
  }
}
