import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect, openAt, pickOption } from './fixtures.ts';
import { fixtureBatch } from '../fixtures/import/batch-input.ts';

/**
 * Issue 7 at a clerk's screen size (1366×768): a county office's own parties, near-duplicate units
 * in an import, and an 操作日志 that reads as words.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const SHOTS = '/tmp/shots-dict';
test.beforeAll(() => fs.mkdirSync(SHOTS, { recursive: true }));

test('first run asks the office and its level; the batch form offers 县委 names and creates a new party', async ({ page }) => {
  const setup = page.getByTestId('office-setup');
  await expect(setup).toBeVisible();
  await setup.getByTestId('office-name').fill('中共青山县委统战部');
  // The level and place are read from the name.
  await expect(setup.getByTestId('office-place')).toHaveValue('青山县');
  await expect(setup.getByTestId('office-level')).toContainText('县级');
  await page.screenshot({ path: path.join(SHOTS, 'first-run-office.png') });
  await setup.getByTestId('save-office').click();
  await expect(page.getByText(/监督主体已按县级准备好/)).toBeVisible();
  await expect(setup).toBeHidden();
  await expect(page.getByText('中共青山县委统战部').first()).toBeVisible();

  await page.getByTestId('main-menu').getByText('反馈批次').click();
  await page.getByTestId('new-batch').click();
  const dialog = page.getByRole('dialog', { name: '登记反馈批次' });
  await dialog.getByTestId('batch-org').click();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await expect(dropdown).toContainText('民革青山县委会');
  await expect(dropdown).toContainText('民建青山县委');
  await expect(dropdown).not.toContainText('民革市委');
  await page.screenshot({ path: path.join(SHOTS, 'batch-org-county.png') });

  // A party the presets lack (a 总支 here): created from the form and chosen at once.
  await dropdown.getByTestId('batch-new-org').click();
  const orgDialog = page.getByRole('dialog', { name: '新增监督主体' });
  // The 监督主体 list closes behind the new dialog; until it has gone, its option 民进青山县委 would
  // be taken for the party 民进.
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await pickOption(page, orgDialog.getByTestId('new-org-party'), '民进', { type: false });
  await expect(orgDialog.getByTestId('new-org-name')).toHaveValue('民进青山县委');
  await pickOption(page, orgDialog.getByTestId('new-org-level'), '总支', { type: false });
  await expect(orgDialog.getByTestId('new-org-name')).toHaveValue('民进青山县总支');
  await orgDialog.getByTestId('new-org-place').fill('青山县城关镇');
  await expect(orgDialog.getByTestId('new-org-name')).toHaveValue('民进青山县城关镇总支');
  await orgDialog.getByTestId('new-org-name').fill('民进青山县城关总支');
  await page.screenshot({ path: path.join(SHOTS, 'new-org-modal.png') });
  await orgDialog.getByTestId('save-new-org').click();
  await expect(orgDialog).toBeHidden();
  await expect(dialog.getByTestId('batch-org')).toContainText('民进青山县城关总支');

  await dialog.getByTestId('batch-topic').fill('教育扶贫专项监督反馈意见');
  await dialog.getByTestId('batch-area').fill('教育扶贫');
  await dialog.getByTestId('save-batch').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('batches-table')).toContainText('民进青山县城关总支');
});

test('an imported near-duplicate unit is matched to the existing one and becomes its alias', async ({ page, rectify, dataDir }) => {
  const [org] = await rectify.call('orgs:list', {});
  await rectify.call('batches:save', fixtureBatch(org.id, '医疗保障民主监督反馈意见'));
  const health = await rectify.call('units:save', { name: '县卫生健康局', aliases: [] });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['序号', '反馈问题', '整改措施', '牵头单位', '整改时限']);
  ws.addRow([1, '医疗救助政策落实不到位', '开展医疗救助政策排查', '青山县卫生健康局', '2021年12月31日']);
  const file = path.join(dataDir, '卫健反馈.xlsx');
  await wb.xlsx.writeFile(file);

  await openAt(page, rectify, 'import');
  await pickOption(page, page.getByTestId('import-batch'), '医疗保障');
  await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(file);
  const units = page.getByTestId('units-confirm');
  await expect(units.getByTestId('unit-proposal')).toContainText('对应已有单位：县卫生健康局');
  await expect(units.getByTestId('unit-proposal')).toContainText('去掉“青山县”后与已有单位相同');
  await units.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'import-unit-proposal.png') });

  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('新增反馈问题 1 个、整改措施 1 项');
  const list = await rectify.call('units:list', {});
  expect(list.map((u) => u.name)).toEqual(['县卫生健康局']);
  expect(list[0]).toMatchObject({ id: health.id, aliases: ['青山县卫生健康局'], measureCount: 1 });

  await page.getByTestId('main-menu').getByText('责任单位').click();
  const row = page.getByTestId('units-table').locator('.ant-table-row').first();
  await expect(row).toContainText('青山县卫生健康局');
  await expect(page.getByTestId('units-table')).toContainText('配合措施');
});

test('操作日志 shows a deadline change in words, the raw record behind 详细', async ({ page, rectify }) => {
  const [org] = await rectify.call('orgs:list', {});
  const batch = await rectify.call('batches:save', fixtureBatch(org.id, '脱贫攻坚民主监督反馈意见'));
  const finance = await rectify.call('units:save', { name: '县财政局', aliases: [] });
  const auditUnit = await rectify.call('units:save', { name: '县审计局', aliases: [] });
  const finding = await rectify.call('findings:create', {
    batchId: batch.id,
    seq: '3',
    text: '扶贫资金拨付滞后',
    measures: [{ text: '建立资金拨付台账', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-06-30' } }],
  });
  const m = finding.measures[0];
  await rectify.call('measures:update', {
    id: m.id, version: m.version, text: m.text, leadUnitId: auditUnit.id, deadline: { kind: 'date', date: '2026-09-30' },
  });

  await openAt(page, rectify, 'audit');
  const table = page.getByTestId('audit-table');
  const edit = table.locator('.ant-table-row').filter({ hasText: '修改' }).first();
  await expect(edit).toContainText('整改措施：建立资金拨付台账（县审计局）');
  await expect(edit).toContainText('整改时限：2026年6月30日 → 2026年9月30日');
  await expect(edit).toContainText('牵头单位：县财政局 → 县审计局');
  await expect(edit).toContainText(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
  await expect(table.locator('.ant-table-row').filter({ hasText: '新增' }).filter({ hasText: '反馈问题 3：扶贫资金拨付滞后' })).toHaveCount(1);
  await page.screenshot({ path: path.join(SHOTS, 'audit-words.png') });

  await edit.getByRole('button', { name: '详细' }).click();
  await expect(table.getByTestId('audit-raw')).toContainText('"deadline_date": "2026-06-30"');
  await page.screenshot({ path: path.join(SHOTS, 'audit-raw.png') });
});
