import path from 'node:path';
import type { Download, Page } from '@playwright/test';
import { test, expect, openAt } from './fixtures.ts';

/** 催办 through the real UI: a unit's page, one notice listing its late items, seen on each measure's history. */

test.use({ seedFindings: 80 });

async function download(page: Page, click: () => Promise<void>, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const target = path.join(dir, (file as Download).suggestedFilename());
  await (file as Download).saveAs(target);
  return target;
}

test('a notice issued from a unit page lists its late items and appears in each of their histories', async ({ page, rectify }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  // The unit with the most overdue items, as the core plans them.
  const plans = await rectify.call('notice:preview', { all: true });
  const plan = [...plans].sort((a, b) => b.items.length - a.items.length)[0];
  expect(plan.items.length).toBeGreaterThan(1);

  // From a late row of the ledger, its unit's name opens the unit's page (not the finding).
  await openAt(page, rectify, `ledger?lead=${plan.unitId}&signal=red`);
  await page.getByTestId('row-unit-link').first().click();
  await expect(page.getByTestId('unit-name')).toHaveText(plan.unitName);
  await expect(page).toHaveURL(new RegExp(`#/units/${plan.unitId}`));

  // From the units list to the unit's page.
  await openAt(page, rectify, 'units');
  await page.getByTestId('units-table').getByText(plan.unitName, { exact: true }).click();
  await expect(page.getByTestId('unit-name')).toHaveText(plan.unitName);
  await expect(page.getByRole('tab', { name: `逾期事项（${plan.items.length}）` })).toBeVisible();
  await expect(page.getByTestId('unit-late').locator('.ant-table-row')).toHaveCount(Math.min(plan.items.length, 20));
  await page.screenshot({ path: testInfo.outputPath('unit-page.png') });

  // 催办全部逾期事项: the dialog shows what will be sent before anything is written.
  await page.getByTestId('chase-unit').click();
  const dialog = page.getByTestId('issue-notice-modal');
  await expect(dialog).toContainText(plan.unitName);
  await expect(dialog).toContainText(`${plan.items.length} 项`);
  await expect(dialog).toContainText('自动（提醒）');
  await expect(page.getByTestId('notice-plan-items').locator('.ant-table-row').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('unit-chase-dialog.png'), animations: 'disabled' });
  const file = await download(page, () => page.getByTestId('notice-issue-ok').click(), testInfo.outputPath('files'));
  expect(path.basename(file)).toMatch(new RegExp(`^提醒函_督办〔\\d{4}〕1号_${plan.unitName}\\.docx$`));

  // The unit page now shows the notice and every item as chased.
  await expect(page.getByRole('tab', { name: `已催办事项（${plan.items.length}）` })).toBeVisible();
  await page.getByRole('tab', { name: /通知记录/ }).click();
  await expect(page.getByTestId('unit-notices')).toContainText(/督办〔\d{4}〕1号/);
  await expect(page.getByTestId('unit-notices')).toContainText(plan.items.map((i) => i.number).join('、'));
  await page.getByRole('tab', { name: /已催办事项/ }).click();
  await expect(page.getByTestId('unit-chased').locator('.ant-table-row')).toHaveCount(Math.min(plan.items.length, 20));
  await expect(page.getByTestId('unit-counts')).toContainText('提醒 1 · 督办 0 · 告诫 0');
  await page.screenshot({ path: testInfo.outputPath('unit-page-chased.png') });

  // Each listed measure's history on its finding page holds the notice.
  const [notice] = await rectify.call('notice:list', { unitId: plan.unitId, limit: 1 });
  for (const item of notice.items) {
    await openAt(page, rectify, `findings/${item.findingId}`);
    const card = page.locator(`[data-testid="measure-card"][data-measure-id="${item.measureId}"]`);
    await card.getByRole('tab', { name: '催办记录（1）' }).click();
    await expect(card.getByTestId('measure-notices')).toContainText(notice.docNumber);
    await card.getByRole('tab', { name: /办理记录/ }).click();
    await expect(card.getByRole('row').filter({ hasText: '催办' })).toContainText(notice.docNumber);
  }
  await page.screenshot({ path: testInfo.outputPath('finding-notices.png') });

  // From a late measure: the same items chased again escalate to 督办.
  const first = notice.items[0];
  await openAt(page, rectify, `findings/${first.findingId}`);
  const card = page.locator(`[data-testid="measure-card"][data-measure-id="${first.measureId}"]`);
  await card.getByTestId('chase-measure').click();
  await expect(page.getByTestId('issue-notice-modal')).toContainText('自动（督办）');
  await download(page, () => page.getByTestId('notice-issue-ok').click(), testInfo.outputPath('files'));
  await expect(card.getByRole('tab', { name: '催办记录（2）' })).toBeVisible();
  const listed = await rectify.call('notice:list', { measureId: first.measureId });
  expect(listed.map((n) => n.level)).toEqual(['supervise', 'reminder']);
});

test('a unit without overdue items cannot be chased for them, and the bulk notice covers every late unit', async ({ page, rectify }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const plans = await rectify.call('notice:preview', { all: true });
  const late = new Set(plans.map((p) => p.unitId));
  const calm = (await rectify.call('units:list', {})).find((u) => !late.has(u.id))!;
  await openAt(page, rectify, `units/${calm.id}`);
  await expect(page.getByTestId('unit-name')).toHaveText(calm.name);
  await expect(page.getByTestId('chase-unit')).toBeDisabled();

  await openAt(page, rectify, 'reports');
  await page.getByRole('tab', { name: /按单位催办/ }).click();
  await expect(page.getByTestId('chase-units').locator('.ant-table-row')).toHaveCount(Math.min(plans.length, 10));
  await page.getByTestId('chase-all').click();
  await expect(page.getByTestId('issue-notice-modal')).toContainText(`${plans.length} 个单位（各一份）`);
  const zip = await download(page, () => page.getByTestId('notice-issue-ok').click(), testInfo.outputPath('files'));
  expect(zip.endsWith('.zip')).toBe(true);
  const sent = await rectify.call('notice:list', { limit: 1000 });
  expect(sent.map((n) => n.unitId).sort()).toEqual([...late].sort());
});
