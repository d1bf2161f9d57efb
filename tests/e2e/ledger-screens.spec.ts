import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, pickOption } from './fixtures.ts';

/**
 * Every page on a seeded ledger opens, shows its Chinese title and no English leftovers.
 * Screenshots land in /tmp/shots (or RECTIFY_SHOTS_DIR) for a person to look at.
 */
const shots = process.env.RECTIFY_SHOTS_DIR ?? '/tmp/shots';

/** Wait until no table or page is loading (antd marks a loading container with -spin-blur). */
async function settled(page: Page) {
  await expect(page.locator('.ant-spin-blur, .ant-skeleton-active')).toHaveCount(0);
}

const PAGES = [
  { menu: '台账', title: '整改台账', shot: 'ledger' },
  { menu: '反馈批次', title: '反馈批次', shot: 'batches' },
  { menu: '责任单位', title: '责任单位', shot: 'units' },
  { menu: '监督主体', title: '监督主体', shot: 'organizations' },
  { menu: '设置', title: '设置', shot: 'settings' },
  { menu: '操作日志', title: '操作日志', shot: 'audit' },
  { menu: '导入', title: null, shot: 'import' },
  { menu: '报表', title: null, shot: 'reports' },
];

test.describe('seeded', () => {
  test.use({ seedFindings: 200 });

test('every page opens on a seeded ledger', async ({ page }) => {
  fs.mkdirSync(shots, { recursive: true });
  await expect(page.getByTestId('ledger-row').first()).toBeVisible();
  for (const p of PAGES) {
    await page.getByTestId('main-menu').getByText(p.menu, { exact: true }).click();
    if (p.title) await expect(page.locator('.ant-card-head-title').filter({ hasText: p.title }).first()).toBeVisible();
    await settled(page);
    await page.screenshot({ path: `${shots}/${p.shot}.png`, fullPage: false });
  }

  await page.getByTestId('main-menu').getByText('反馈批次').click();
  await page.getByTestId('new-batch').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.screenshot({ path: `${shots}/batch-dialog.png` });
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

  await page.getByTestId('main-menu').getByText('责任单位').click();
  await page.getByTestId('units-table').getByRole('button', { name: '合并到…' }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.screenshot({ path: `${shots}/unit-merge-dialog.png` });
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

  await page.getByTestId('main-menu').getByText('台账', { exact: true }).click();
  await page.getByTestId('ledger-row').first().click();
  await expect(page.getByTestId('finding-page')).toBeVisible();
  await expect(page.getByTestId('measure-card').first()).toBeVisible();
  await page.screenshot({ path: `${shots}/finding.png` });
  await page.getByTestId('measure-actions').first().getByRole('button').first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.screenshot({ path: `${shots}/finding-transition.png` });
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

  await page.getByTestId('main-menu').getByText('台账', { exact: true }).click();
  await page.getByTestId('new-finding').click();
  await expect(page.getByTestId('new-finding-form')).toBeVisible();
  await page.screenshot({ path: `${shots}/new-finding.png` });

  await page.getByTestId('main-menu').getByText('台账', { exact: true }).click();
  await pickOption(page, page.getByTestId('filter-signal'), '逾期', { type: false, multiple: true });
  await settled(page);
  await page.screenshot({ path: `${shots}/ledger-overdue.png` });
});
});

test('first run: sample data is offered, marked and removable', async ({ page }) => {
  fs.mkdirSync(shots, { recursive: true });
  await expect(page.getByTestId('first-run')).toBeVisible();
  await page.screenshot({ path: `${shots}/first-run.png` });
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('sample-banner')).toContainText('当前包含示例数据');
  await expect(page.getByTestId('ledger-row').first()).toBeVisible();
  await settled(page);
  await page.screenshot({ path: `${shots}/sample-loaded.png` });

  // The audit log reads in Chinese, before and after.
  await page.getByTestId('main-menu').getByText('操作日志').click();
  const transition = page.getByTestId('audit-table').locator('.ant-table-row').filter({ hasText: '办理（' }).first();
  await transition.getByRole('button', { name: '详细' }).click();
  await expect(page.getByTestId('audit-table')).toContainText('修改后');
  await page.screenshot({ path: `${shots}/audit-expanded.png` });
  await page.getByTestId('main-menu').getByText('台账', { exact: true }).click();
  await page.getByTestId('remove-sample').click();
  await page.getByRole('tooltip').getByRole('button', { name: '删除' }).click();
  await expect(page.getByTestId('sample-banner')).toHaveCount(0);
  await expect(page.getByTestId('first-run')).toBeVisible();
});
