import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { test, expect, pickOption, type RectifyServer } from './fixtures.ts';
import { makeFixtures } from '../fixtures/import/make-fixtures.ts';
import { fixtureBatch } from '../fixtures/import/batch-input.ts';

/** 导入 through the real UI in Chromium: preview and mapping, a refused file, the round trip with units. */

let fxDir: string;
let files: Record<string, string>;
test.beforeAll(async () => {
  fxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-e2e-import-fx-'));
  files = await makeFixtures(fxDir);
});
test.afterAll(() => fs.rmSync(fxDir, { recursive: true, force: true }));

async function newBatch(rectify: RectifyServer, topic: string): Promise<number> {
  const orgs = await rectify.call('orgs:list', {});
  const batch = await rectify.call('batches:save', fixtureBatch(orgs[0].id, topic));
  return batch.id;
}

async function openImport(page: Page) {
  await page.getByTestId('main-menu').getByText('导入').click();
  await expect(page.getByTestId('import-page')).toBeVisible();
}

test('import a template: preview, change a column mapping, confirm new units, see it in the ledger', async ({ page, rectify }, testInfo) => {
  await newBatch(rectify, '民主监督反馈意见（第一批）');
  await page.reload();
  await expect(page.getByTestId('main-menu')).toBeVisible();
  await openImport(page);

  await pickOption(page, page.getByTestId('import-batch'), '第一批');
  await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(files['01-basic.xlsx']);
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId('preview-measure')).toHaveCount(4);
  await expect(preview.getByTestId('preview-findings')).toContainText('资金使用');
  await expect(preview.getByTestId('new-unit')).toHaveCount(4);

  // Column B (问题类别) is not wanted: the clerk sets it to 不导入, the preview follows.
  await pickOption(page, page.getByTestId('mapping-B'), '（不导入）');
  await expect(preview.getByTestId('preview-findings')).not.toContainText('资金使用');
  await expect(page.getByTestId('mapping-B')).toContainText('（不导入）');
  await page.screenshot({ path: testInfo.outputPath('import-preview.png') });
  await preview.getByTestId('preview-findings').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('import-preview-findings.png') });

  await preview.getByText('逐行处理结果').click();
  await expect(preview.getByTestId('preview-rows')).toContainText('表尾（填报人/联系电话等）');
  await preview.getByTestId('preview-rows').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('import-preview-rows.png') });

  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('新增反馈问题 4 个、整改措施 4 项');
  await page.getByTestId('import-result').getByRole('button', { name: '查看台账' }).click();
  await expect(page.getByTestId('ledger-row')).toHaveCount(4);
  await expect(page.getByTestId('ledger-table')).toContainText('扶贫资金拨付滞后');

  const rows = (await rectify.call('ledger:query', { filter: {} })).rows;
  expect(rows.every((r) => r.category === null)).toBe(true);

  // The same header next time: the mapping is remembered, and nothing is duplicated.
  await openImport(page);
  await pickOption(page, page.getByTestId('import-batch'), '第一批');
  await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(files['01-basic.xlsx']);
  await expect(page.getByTestId('import-preview')).toContainText('已套用上次为同样表头选择的列对应关系');
  await expect(page.getByTestId('mapping-B')).toContainText('（不导入）');
  await expect(page.getByTestId('import-commit')).toBeDisabled();

  await page.getByRole('tab', { name: '表头词库' }).click();
  await expect(page.getByTestId('header-words')).toContainText('问题表现');
  await page.screenshot({ path: testInfo.outputPath('header-words.png') });
});

test('a refused file shows its message and the ledger is unchanged', async ({ page, rectify }, testInfo) => {
  await newBatch(rectify, '民主监督反馈意见（第二批）');
  const before = await rectify.call('stats:get', {});
  await page.reload();
  await expect(page.getByTestId('main-menu')).toBeVisible();
  await openImport(page);
  await pickOption(page, page.getByTestId('import-batch'), '第二批');
  await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(files['bad-encrypted.xlsx']);
  await expect(page.getByTestId('import-error')).toContainText('文件“bad-encrypted.xlsx”：工作簿设有打开密码');
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('import-refused.png') });

  // No header found: the clerk is shown the sheet's first rows to point at one, and nothing is written.
  await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(files['bad-no-header.xlsx']);
  await expect(page.getByTestId('unlocated-sheet')).toContainText('没有找到表头');
  await expect(page.getByTestId('unlocated-grid')).toBeVisible();
  expect(await rectify.call('stats:get', {})).toEqual(before);
  expect((await rectify.call('audit:list', { entity: 'finding' })).length).toBe(0);
});

async function download(page: Page, item: string, dir: string): Promise<string> {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('unit-sheets-files').locator('.ant-list-item').filter({ hasText: item }).getByRole('button', { name: '保存' }).click(),
  ]);
  const target = path.join(dir, dl.suggestedFilename());
  await dl.saveAs(target);
  return target;
}

/** What a unit does with its sheet: fills the three open columns of one row and saves. */
async function fillAsUnit(file: string, measureText: string, values: { progress?: string; completion?: string; status?: string }): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  for (let r = 4; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.getCell(3).text !== measureText) continue;
    if (values.progress) row.getCell(7).value = values.progress;
    if (values.completion) row.getCell(8).value = values.completion;
    if (values.status) row.getCell(9).value = values.status;
  }
  await wb.xlsx.writeFile(file);
}

test('round trip: unit sheets out, two filled in and returned, changes confirmed, progress and statuses in the ledger', async ({ page, rectify }, testInfo) => {
  const batchId = await newBatch(rectify, '民主监督反馈意见（第三批）');
  const upload = { name: '02-two-row-header.xlsx', base64: fs.readFileSync(files['02-two-row-header.xlsx']).toString('base64') };
  const preview = await rectify.call('import:preview', { file: upload, batchId });
  await rectify.call('import:commit', { file: upload, batchId, newUnits: preview.units.map((u) => u.name) });
  await page.reload();
  await expect(page.getByTestId('main-menu')).toBeVisible();
  await openImport(page);
  await page.getByRole('tab', { name: '单位填报表（下发与回收）' }).click();

  await page.getByTestId('unit-sheets-generate').click();
  await expect(page.getByTestId('unit-sheets-files')).toContainText('已生成 3 个文件');
  const work = testInfo.outputPath('returned');
  fs.mkdirSync(work, { recursive: true });
  const shang = await download(page, '县商务局', work);
  const fupin = await download(page, '县扶贫办', work);
  await fillAsUnit(shang, '建立产销对接机制', { progress: '已与5家企业签订产销协议', completion: '产销对接机制已建立', status: '已完成' });
  await fillAsUnit(fupin, '制定扶贫项目资产管理办法', { progress: '办法已起草，正在征求意见', status: '正在整改' });

  await page.getByTestId('returned-files').locator('input[type=file]').setInputFiles([shang, fupin]);
  const changes = page.getByTestId('returned-changes');
  await expect(changes.locator('tbody tr.ant-table-row')).toHaveCount(2);
  await expect(changes).toContainText('已与5家企业签订产销协议');
  await expect(changes).toContainText('待销号');
  await changes.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('returned-preview.png') });
  await page.getByTestId('returned-commit').click();
  await expect(page.getByTestId('returned-result')).toContainText('新增进展 2 条，状态变更 1 项');

  await page.getByTestId('main-menu').getByText('台账', { exact: true }).click();
  const shangRow = page.getByTestId('ledger-row').filter({ hasText: '建立产销对接机制' });
  await expect(shangRow.locator('[data-status]').first()).toHaveAttribute('data-status', 'pending');
  const fupinRow = page.getByTestId('ledger-row').filter({ hasText: '制定扶贫项目资产管理办法' });
  await expect(fupinRow.locator('[data-status]').first()).toHaveAttribute('data-status', 'in_progress');
  const rows = (await rectify.call('ledger:query', { filter: {} })).rows;
  expect(rows.find((r) => r.measureText === '建立产销对接机制')?.lastProgressText).toBe('已与5家企业签订产销协议');

  // The same returned sheets read a second time offer nothing: the same words from the same unit are not a change.
  await openImport(page);
  await page.getByRole('tab', { name: '单位填报表（下发与回收）' }).click();
  await page.getByTestId('returned-files').locator('input[type=file]').setInputFiles([shang, fupin]);
  await expect(page.getByTestId('returned-changes')).toContainText('交回的表格中没有填写新的进展或状态');
  await expect(page.getByTestId('returned-changes').locator('tbody tr.ant-table-row')).toHaveCount(0);
  const after = (await rectify.call('ledger:query', { filter: {} })).rows;
  expect(after.find((r) => r.measureText === '建立产销对接机制')?.lastProgressText).toBe('已与5家企业签订产销协议');
});
