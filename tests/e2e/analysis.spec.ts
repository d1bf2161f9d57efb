import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DashboardData } from '../../shared/contract/dashboard.ts';
import { MEASURE_STATUSES, MEASURE_STATUS_LABEL } from '../../shared/domain/vocabulary.ts';
import { expect, repoRoot, test, type RectifyServer } from './fixtures.ts';

/**
 * 分析: every figure on the page equals `stats --json` on the same data (a backup of the running
 * ledger, read by the command line), and clicking a bar or a number opens the ledger with the
 * same count.
 */
test.use({ seedFindings: 120, startAt: 'analysis', viewport: { width: 1366, height: 768 } });

/** `stats --json` on a consistent copy of the ledger the server holds (the server keeps the folder locked). */
async function statsJson(rectify: RectifyServer, today: string): Promise<DashboardData> {
  const backup = await rectify.call('backup:create', { reason: 'manual' });
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-stats-copy-'));
  try {
    fs.copyFileSync(path.join(rectify.dataDir, 'backups', backup.id), path.join(copy, 'ledger.sqlite3'));
    const { stdout } = await promisify(execFile)(path.join(repoRoot, 'node_modules/.bin/tsx'), ['shared/cli/main.ts', 'stats', '--json', '--today', today, '--data-dir', copy], { cwd: repoRoot });
    return JSON.parse(stdout) as DashboardData;
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

/** The text of every cell of a figure table's first page, row by row. */
async function tableRows(card: ReturnType<import('@playwright/test').Page['getByTestId']>) {
  return card.locator('tbody tr.ant-table-row').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
}

test('every figure equals `stats --json`, and a bar or a number opens the ledger with the same count', async ({ page, rectify }, testInfo) => {
  const info = await rectify.call('app:info', {});
  await expect(page.getByTestId('analysis-page')).toBeVisible();
  const stats = await statsJson(rectify, info.today);
  expect(stats.measures).toBeGreaterThan(100);

  await expect(page.getByTestId('kpi-measures')).toContainText(String(stats.measures));
  await expect(page.getByTestId('kpi-closed')).toContainText(String(stats.completion.closed));
  await expect(page.getByTestId('kpi-red')).toContainText(String(stats.bySignal.red));
  await expect(page.getByTestId('kpi-completion')).toContainText(`${(stats.completion.rate! * 100).toFixed(1)}%`);
  await expect(page.getByTestId('kpi-ontime')).toContainText(`${(stats.onTime.rate! * 100).toFixed(1)}%`);
  await expect(page.getByTestId('kpi-ontime')).toContainText(`按期销号 ${stats.onTime.onTime} ÷（有时限的已销号＋已逾期）${stats.onTime.counted}`);

  expect(await tableRows(page.getByTestId('by-status-table'))).toEqual(
    MEASURE_STATUSES.map((s) => [MEASURE_STATUS_LABEL[s], String(stats.byStatus[s]), expect.any(String)]),
  );
  expect((await tableRows(page.getByTestId('by-signal-table'))).map((r) => r[1])).toEqual([String(stats.bySignal.red), String(stats.bySignal.yellow), String(stats.bySignal.green)]);
  const row = (name: string, g: { measures: number; closed: number; open: number; overdue: number }) => [name, String(g.measures), String(g.closed), String(g.open), String(g.overdue), expect.any(String)];
  expect(await tableRows(page.getByTestId('by-unit-table'))).toEqual(stats.byUnit.slice(0, 10).map((u) => [...row(u.unit, u), String(u.yellow)]));
  expect(await tableRows(page.getByTestId('by-org-table'))).toEqual(stats.byOrganization.slice(0, 10).map((o) => row(o.organization, o)));
  expect(await tableRows(page.getByTestId('by-category-table'))).toEqual(stats.byCategory.slice(0, 10).map((c) => row(c.category ?? '（未分类）', c)));
  expect(await tableRows(page.getByTestId('by-batch-table'))).toEqual(stats.byBatch.slice(0, 10).map((b) => row(b.batch, b)));
  // Units by name (no ranking unless the office turns it on).
  expect(stats.ranked).toBe(false);
  expect(stats.byUnit.map((u) => u.unit)).toEqual([...stats.byUnit.map((u) => u.unit)].sort(new Intl.Collator('zh-CN').compare));

  await page.screenshot({ path: testInfo.outputPath('analysis-1366x768.png') });
  for (const card of ['by-unit', 'by-org', 'by-category', 'by-batch', 'trend']) await page.getByTestId(card).screenshot({ path: testInfo.outputPath(`analysis-${card}.png`) });

  // A bar: the first unit's 已销号 bar opens the ledger of that unit's closed measures.
  const first = stats.byUnit[0];
  const chart = page.getByTestId('by-unit-chart');
  await chart.scrollIntoViewIfNeeded();
  const bar = chart.locator('svg path[fill="#009E73"], svg path[style*="009E73"]').first();
  const bars = await chart.locator('svg path').count();
  expect(bars).toBeGreaterThan(0);
  // Its decal pattern lies over the bar: click the spot, as a mouse would (ECharts hit-tests the point).
  await bar.click({ force: true });
  await expect(page).toHaveURL(new RegExp(`#/ledger\\?lead=${first.unitId}&status=closed`));
  await expect(page.getByText(`共 ${first.closed} 条措施`)).toBeVisible();
  await expect(page.getByTestId('filter-lead-unit')).toContainText(first.unit);

  // A number in a table: a category's 逾期 opens exactly those measures.
  await page.goBack();
  await expect(page.getByTestId('analysis-page')).toBeVisible();
  const category = stats.byCategory.find((c) => c.category && c.overdue > 0)!;
  await page.getByTestId('by-category-table').locator('tr', { hasText: category.category! }).locator('a[data-figure="逾期"]').click();
  await expect(page.getByText(`共 ${category.overdue} 条措施`)).toBeVisible();
});

test('units are ranked only when the office turns ranking on in 设置', async ({ page, rectify }) => {
  await expect(page.getByTestId('by-unit')).toContainText('按名称排列');
  await expect(page.getByTestId('by-unit-table').locator('th').first()).toHaveText('责任单位');
  await page.getByTestId('main-menu').getByText('设置').click();
  await page.getByTestId('settings-rank-units').click();
  await page.getByTestId('save-settings').click();
  await expect(page.getByText('已保存设置')).toBeVisible();
  const dash = await rectify.call('dashboard:get', {});
  expect(dash.ranked).toBe(true);
  await page.getByTestId('main-menu').getByText('分析').click();
  await expect(page.getByTestId('by-unit')).toContainText('按完成率排名');
  const first = (await page.getByTestId('by-unit-table').locator('tbody tr.ant-table-row').first().locator('td').allTextContents()).map((t) => t.trim());
  expect(first.slice(0, 3)).toEqual(['1', dash.byUnit[0].unit, String(dash.byUnit[0].measures)]);
  const rates = dash.byUnit.map((u) => u.completionRate ?? 0);
  expect(rates).toEqual([...rates].sort((a, b) => b - a));
});
