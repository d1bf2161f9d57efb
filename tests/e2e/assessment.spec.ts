import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Download } from '@playwright/test';
import { test, expect, openAt } from './fixtures.ts';

/** 单位考核 and 快照 through the real UI: the page's numbers are the core's, the export reads back the same, 较上期 follows a closure. */

test.use({ seedFindings: 80, viewport: { width: 1366, height: 768 } });

test('the assessment page shows the table with its formula, and exports a workbook with the same numbers', async ({ page, rectify }, testInfo) => {
  const info = await rectify.call('app:info', {});
  const from = `${info.today.slice(0, 4)}-01-01`;
  const table = await rectify.call('assessment:table', { from, to: info.today });
  expect(table.rows.length).toBeGreaterThan(3);

  await openAt(page, rectify, 'assessment');
  // Opening the app took this month's automatic snapshot (设置 default: monthly), once.
  await expect.poll(async () => (await rectify.call('snapshots:list', {})).filter((s) => s.kind === 'monthly').length).toBe(1);
  const shown = page.getByTestId('assessment-table');
  await expect(shown.locator('tbody tr.ant-table-row')).toHaveCount(table.rows.length + 1);
  // Each unit's row, as the clerk reads it: name, 措施数 … 逾期未完成, rates, score.
  for (const [i, r] of table.rows.entries()) {
    const cells = shown.locator('tbody tr.ant-table-row').nth(i).locator('td');
    const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
    await expect(cells).toHaveText([
      String(i + 1), r.unitName, String(r.measures), String(r.longTerm), String(r.closedOnTime), String(r.closedLate), String(r.openLate),
      r.avgDaysLate === null ? '—' : r.avgDaysLate.toFixed(2), String(r.notices.reminder), String(r.notices.supervise), String(r.notices.warning),
      pct(r.completionRate), pct(r.onTimeRate), r.score.toFixed(2),
    ]);
  }
  const formula = page.getByTestId('assessment-formula');
  for (const line of table.formulas) await expect(formula).toContainText(line);
  await page.screenshot({ path: testInfo.outputPath('assessment-page.png') });
  await formula.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('assessment-formula.png') });

  // 导出 Excel: the downloaded workbook holds the same figures.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('assessment-export').click()]);
  const file = testInfo.outputPath((download as Download).suggestedFilename());
  await (download as Download).saveAs(file);
  expect(path.basename(file)).toBe(`单位考核表-${from.replaceAll('-', '')}-${info.today.replaceAll('-', '')}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('单位考核')!;
  for (const [i, r] of table.rows.entries()) {
    const row = ws.getRow(5 + i);
    expect([row.getCell(2).value, row.getCell(3).value, row.getCell(5).value, row.getCell(6).value, row.getCell(7).value, row.getCell(12).value, row.getCell(13).value, row.getCell(14).value]).toEqual([
      r.unitName, r.measures, r.closedOnTime, r.closedLate, r.openLate, r.completionRate ?? '—', r.onTimeRate ?? '—', r.score,
    ]);
  }
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '3:4' });
  fs.copyFileSync(file, testInfo.outputPath('assessment.xlsx'));
});

test('a snapshot saved on the page shows 较上期 after a closure, and each number lists its measures', async ({ page, rectify }, testInfo) => {
  await openAt(page, rectify, 'assessment');
  await page.getByTestId('snapshot-save').click();
  await page.getByTestId('snapshot-note').fill('月度通报前');
  await page.getByTestId('snapshot-save-ok').click();
  const red = (await rectify.call('stats:get', {})).bySignal.red;
  expect(red).toBeGreaterThan(1);
  await expect(page.getByTestId('delta-sentence')).toContainText(`较上期新增销号 0 项，新增逾期 0 项，仍逾期 ${red} 项`);

  // Close one late measure, then look again.
  const late = (await rectify.call('ledger:query', { filter: { signals: ['red'] }, pageSize: 1 })).rows[0]!;
  await rectify.call('measures:transition', { id: late.measureId, action: 'request_close', resultText: '已整改到位' });
  await rectify.call('measures:transition', { id: late.measureId, action: 'verify_close', verifiedBy: '赵敏' });
  await page.reload();
  await expect(page.getByTestId('delta-sentence')).toContainText(`较上期新增销号 1 项，新增逾期 0 项，仍逾期 ${red - 1} 项`);
  await page.getByTestId('delta-newlyClosed').click();
  const links = page.getByTestId('delta-item-link');
  await expect(links).toHaveCount(1);
  await expect(links.first()).toContainText(late.measureText.slice(0, 20));
  await page.screenshot({ path: testInfo.outputPath('snapshot-compare.png'), fullPage: true });
  await links.first().click();
  await expect(page).toHaveURL(new RegExp(`#/findings/${late.findingId}$`));
});

test('设置 → 预警信号: the office picks 提醒·督办·告诫 and the ledger names and colours its late rows so', async ({ page, rectify }, testInfo) => {
  await openAt(page, rectify, 'settings');
  const section = page.getByTestId('settings-signals');
  await section.getByText('提醒·督办·告诫').click();
  await expect(page.getByTestId('signal-label-red')).toHaveValue('告诫');
  await page.getByTestId('settings-long-term').fill('60');
  await page.getByTestId('weight-openLate').fill('2');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('settings-signals.png') });
  await page.getByTestId('save-settings').click();
  await expect.poll(async () => (await rectify.call('settings:get', {})).longTermPeriodDays).toBe(60);
  expect((await rectify.call('settings:get', {})).signalLevels.red).toEqual({ label: '告诫', color: '#cf1322' });
  expect((await rectify.call('settings:get', {})).assessmentWeights.openLate).toBe(2);

  const late = (await rectify.call('ledger:query', { filter: { signals: ['red'] }, pageSize: 1 })).rows[0]!;
  await openAt(page, rectify, `ledger?signal=red`);
  const words = page.locator(`[data-row-key="${late.measureId}"]`).getByTestId('deadline-signal');
  await expect(words).toHaveText(`告诫·逾期 ${late.overdueDays} 天`);
  await expect(words).toBeInViewport({ ratio: 1 });
  await expect(words).toHaveCSS('color', 'rgb(207, 19, 34)');
  await page.screenshot({ path: testInfo.outputPath('ledger-escalation-labels.png') });
  // The score formula follows the new weight.
  await openAt(page, rectify, 'assessment');
  await expect(page.getByTestId('assessment-formula')).toContainText('得分 = 完成率×50 + 按期完成率×50 − 逾期未完成项数×2');
});
