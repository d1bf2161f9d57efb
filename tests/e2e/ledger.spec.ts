import fs from 'node:fs';
import path from 'node:path';
import { test, expect, fillDate, openAt, pickOption, type RectifyServer } from './fixtures.ts';
import type { Page } from '@playwright/test';

/** A clerk's day on a fresh data folder, through the real UI in Chromium (browser mode). */

async function addUnit(page: Page, name: string, contact: string) {
  await page.getByTestId('new-unit').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('unit-name').fill(name);
  await dialog.getByTestId('unit-contact').fill(contact);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('units-table').getByText(name, { exact: true })).toBeVisible();
}

function measureCard(page: Page, index: number) {
  return page.getByTestId('measure-card').nth(index);
}

async function transition(page: Page, card: ReturnType<typeof measureCard>, action: string, fill: Record<string, string>) {
  await card.getByTestId(`action-${action}`).click();
  const dialog = page.getByRole('dialog');
  for (const [testId, value] of Object.entries(fill)) await dialog.getByTestId(testId).fill(value);
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  await expect(dialog).toBeHidden();
}

test('a clerk registers a batch, enters a finding with two measures, records progress and closes them', async ({ page, rectify }, testInfo) => {
  // The first run says what to do next.
  await expect(page.getByTestId('first-run')).toBeVisible();
  await page.getByTestId('first-run').getByRole('button', { name: '登记反馈批次' }).click();

  // 登记反馈批次
  const batchDialog = page.getByRole('dialog');
  await pickOption(page, batchDialog.getByTestId('batch-org'), '民革');
  await pickOption(page, batchDialog.getByTestId('batch-mode'), '专项监督', { type: false });
  await batchDialog.getByTestId('batch-topic').fill('青山县脱贫攻坚民主监督反馈意见');
  await batchDialog.getByTestId('batch-area').fill('青山县脱贫攻坚');
  await batchDialog.getByTestId('batch-doc').fill('民革市委〔2026〕5号');
  await batchDialog.getByTestId('save-batch').click();
  await expect(batchDialog).toBeHidden();
  await expect(page.getByTestId('batches-table').getByText('青山县脱贫攻坚民主监督反馈意见')).toBeVisible();

  // Two responsible units.
  await page.getByTestId('main-menu').getByText('责任单位').click();
  await addUnit(page, '青山县财政局', '王丽');
  await addUnit(page, '青山县乡村振兴局', '李强');

  // 新增问题 from the batch: a finding with two measures, two units, two deadlines.
  await page.getByTestId('main-menu').getByText('反馈批次').click();
  await page.getByTestId('batches-table').getByRole('button', { name: '新增问题' }).click();
  const form = page.getByTestId('new-finding-form');
  await expect(form.getByTestId('finding-batch')).toContainText('青山县脱贫攻坚民主监督反馈意见');
  await form.getByTestId('finding-category').locator('input').fill('资金使用');
  await form.getByTestId('finding-text').fill('部分乡镇扶贫资金拨付滞后，项目资金闲置时间较长。');
  await form.getByTestId('finding-suggestion').fill('建议建立资金拨付台账，按月通报。');

  const first = form.getByTestId('measure-form-item').nth(0);
  await first.getByTestId('measure-text').fill('建立扶贫资金拨付台账，按月通报拨付进度。');
  await pickOption(page, first.getByTestId('measure-lead-unit'), '青山县财政局');
  await first.getByTestId('measure-leader').fill('副县长 陈明');
  await first.getByTestId('measure-person').fill('王丽');
  await fillDate(first.getByTestId('measure-deadline-date'), '2026-12-31');

  await form.getByTestId('add-measure').click();
  const second = form.getByTestId('measure-form-item').nth(1);
  await second.getByTestId('measure-text').fill('清理闲置项目资金，年底前全部拨付到位。');
  await pickOption(page, second.getByTestId('measure-lead-unit'), '青山县乡村振兴局');
  await pickOption(page, second.getByTestId('measure-co-units'), '青山县财政局', { multiple: true });
  await second.getByTestId('measure-person').fill('李强');
  await fillDate(second.getByTestId('measure-deadline-date'), '2027-03-31');
  await form.getByTestId('save-finding').click();

  // The finding's page: two measures, 未启动.
  await expect(page.getByTestId('finding-page')).toBeVisible();
  await expect(page.getByTestId('measure-card')).toHaveCount(2);
  await expect(page.getByTestId('finding-status')).toHaveAttribute('data-status', 'not_started');
  await expect(measureCard(page, 0)).toContainText('青山县财政局');
  await expect(measureCard(page, 0)).toContainText('2026-12-31');
  await expect(measureCard(page, 1)).toContainText('青山县乡村振兴局');
  await expect(measureCard(page, 1)).toContainText('2027-03-31');

  // 整改进展 with an attached file.
  const evidenceFile = path.join(testInfo.outputDir, '拨付台账.txt');
  fs.mkdirSync(testInfo.outputDir, { recursive: true });
  fs.writeFileSync(evidenceFile, '2026年10月扶贫资金拨付台账（测试文件）');
  const m1 = measureCard(page, 0);
  await m1.getByTestId('progress-text').fill('已建立拨付台账，10月通报一次。');
  await m1.locator('input[type=file]').first().setInputFiles(evidenceFile);
  await m1.getByTestId('add-progress').click();
  await expect(m1.getByTestId('progress-entry')).toContainText('已建立拨付台账');
  await expect(m1.getByTestId('progress-entry').getByTestId('evidence-link')).toHaveText('拨付台账.txt');
  await expect(m1.getByTestId('measure-status')).toHaveText('整改中');
  await expect(page.getByTestId('finding-status')).toHaveAttribute('data-status', 'in_progress');

  // 申请销号 with a result, then 验收销号 by a named person.
  await transition(page, m1, 'request_close', { 'transition-result': '台账已运行两个月，资金按月拨付。' });
  await expect(m1.getByTestId('measure-status')).toHaveText('待销号');
  await transition(page, m1, 'verify_close', { 'transition-verifier': '县委统战部 赵敏' });
  await expect(m1.getByTestId('measure-status')).toHaveText('已销号');
  await expect(m1).toContainText('县委统战部 赵敏');
  await expect(page.getByTestId('finding-status')).toHaveAttribute('data-status', 'in_progress');

  // The second measure closes too: the finding becomes 已销号.
  const m2 = measureCard(page, 1);
  await transition(page, m2, 'request_close', { 'transition-result': '闲置资金已全部拨付。' });
  await transition(page, m2, 'verify_close', { 'transition-verifier': '县委统战部 赵敏' });
  await expect(m2.getByTestId('measure-status')).toHaveText('已销号');
  await expect(page.getByTestId('finding-status')).toHaveAttribute('data-status', 'closed');
  await expect(page.getByTestId('finding-status')).toHaveText('已销号');

  // What the core holds agrees with the screen.
  const ledger = await rectify.call('ledger:query', { filter: {} });
  expect(ledger.total).toBe(2);
  expect(ledger.rows.map((r) => r.status)).toEqual(['closed', 'closed']);
  const detail = await rectify.call('findings:get', { id: ledger.rows[0].findingId });
  expect(detail.measures[0].evidence.map((e) => e.name)).toEqual(['拨付台账.txt']);
});

async function seedOneFinding(rectify: RectifyServer) {
  const [org] = await rectify.call('orgs:list', {});
  const batch = await rectify.call('batches:save', { organizationId: org.id, area: '脱贫攻坚', receivedDate: '2026-03-01', topic: '脱贫攻坚民主监督反馈意见' });
  const finance = await rectify.call('units:save', { name: '青山县财政局', aliases: ['县财政局'] });
  const rural = await rectify.call('units:save', { name: '青山县乡村振兴局', aliases: [] });
  const finding = await rectify.call('findings:create', {
    batchId: batch.id,
    category: '资金使用',
    text: '扶贫资金拨付滞后，部分项目资金闲置。',
    measures: [
      { text: '建立资金拨付台账', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-12-31' } },
      { text: '开展作风建设专项整治', leadUnitId: rural.id, deadline: { kind: 'immediate' } },
    ],
  });
  const other = await rectify.call('findings:create', {
    batchId: batch.id,
    category: '作风建设',
    text: '个别干部入户走访流于形式。',
    measures: [{ text: '组织回访核查', leadUnitId: rural.id, deadline: { kind: 'standing' } }],
  });
  return { batch, finance, rural, finding, other };
}

test('invalid input shows a Chinese message and writes nothing', async ({ page, rectify }) => {
  const { batch, finance, finding } = await seedOneFinding(rectify);
  const before = await rectify.call('app:info', {});

  // Empty finding text.
  await openAt(page, rectify, `findings/new?batch=${batch.id}`);
  const form = page.getByTestId('new-finding-form');
  const item = form.getByTestId('measure-form-item').first();
  await item.getByTestId('measure-text').fill('措施内容');
  await pickOption(page, item.getByTestId('measure-lead-unit'), '青山县财政局');
  await fillDate(item.getByTestId('measure-deadline-date'), '2026-12-31');
  await form.getByTestId('save-finding').click();
  await expect(form.getByText('请填写反馈问题')).toBeVisible();
  await expect(form.getByTestId('form-error')).toBeVisible();

  // A measure without a unit.
  await form.getByTestId('finding-text').fill('新的反馈问题');
  await form.getByTestId('add-measure').click();
  const unitless = form.getByTestId('measure-form-item').nth(1);
  await unitless.getByTestId('measure-text').fill('没有指定单位的措施');
  await fillDate(unitless.getByTestId('measure-deadline-date'), '2026-12-31');
  await form.getByTestId('save-finding').click();
  await expect(unitless.getByText('请选择牵头单位')).toBeVisible();
  await expect(form.getByText('请填写反馈问题')).toHaveCount(0);
  await expect(page.getByTestId('finding-page')).toHaveCount(0);

  // The core refuses the same input on its own, with a Chinese message, and writes nothing.
  const refused = await rectify
    .call('findings:create', { batchId: batch.id, text: '  ', measures: [{ text: '措施', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-12-31' } }] })
    .catch((e: Error) => e.message);
  expect(refused).toBe('请填写反馈问题');
  const noUnit = await rectify
    .call('findings:create', { batchId: batch.id, text: '问题', measures: [{ text: '措施', leadUnitId: 0, deadline: { kind: 'date', date: '2026-12-31' } }] })
    .catch((e: Error) => e.message);
  expect(noUnit).toBe('请选择牵头单位');

  // Leaving the half-filled form asks first; the clerk chooses to leave (the draft is dropped).
  await page.getByTestId('main-menu').getByText('台账').click();
  await page.getByRole('button', { name: '离开' }).click();
  await expect(page.getByTestId('new-finding-form')).toHaveCount(0);

  // 申请销号 without a result.
  await openAt(page, rectify, `findings/${finding.id}`);
  const card = page.getByTestId('measure-card').first();
  await card.getByTestId('action-request_close').click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  await expect(dialog.getByText('请填写整改结果')).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(card.getByTestId('measure-status')).toHaveText('未启动');
  const noResult = await rectify
    .call('measures:transition', { id: finding.measures[0].id, action: 'request_close' })
    .catch((e: Error) => e.message);
  expect(noResult).toMatch(/整改结果/);

  // Nothing was written: same counts, the measure still 未启动, no status change recorded.
  const after = await rectify.call('app:info', {});
  expect(after.counts).toEqual(before.counts);
  const detail = await rectify.call('findings:get', { id: finding.id });
  expect(detail.measures[0].status).toBe('not_started');
  expect(detail.measures[0].history).toHaveLength(0);
});

test('the ledger filters by unit and status and finds a two-character word', async ({ page, rectify }) => {
  const { finance, rural } = await seedOneFinding(rectify);
  await openAt(page, rectify, 'ledger');
  const rows = page.getByTestId('ledger-row');
  await expect(rows).toHaveCount(3);

  await pickOption(page, page.getByTestId('filter-unit'), '青山县财政局');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('建立资金拨付台账');
  expect(page.url()).toContain(`unit=${finance.id}`);

  // The filter survives a reload (it lives in the URL).
  await page.reload();
  await expect(rows).toHaveCount(1);
  await page.getByRole('button', { name: '清除筛选', exact: true }).click();
  await expect(rows).toHaveCount(3);

  await pickOption(page, page.getByTestId('filter-status'), '长期坚持', { type: false, multiple: true });
  await expect(rows).toHaveCount(0);
  await page.getByRole('button', { name: '清除筛选', exact: true }).click();
  await pickOption(page, page.getByTestId('filter-unit'), '青山县乡村振兴局');
  await expect(rows).toHaveCount(2);
  expect(page.url()).toContain(`unit=${rural.id}`);
  await page.getByRole('button', { name: '清除筛选', exact: true }).click();

  // 资金 is two characters: the core's fallback for short terms must find it.
  const search = page.getByTestId('ledger-search').locator('input');
  await search.fill('资金');
  await search.press('Enter');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('扶贫资金拨付滞后');
  await search.fill('走访流于形式');
  await search.press('Enter');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('组织回访核查');
  await search.fill('不存在的词语');
  await search.press('Enter');
  await expect(page.getByText('没有符合条件的整改措施')).toBeVisible();
});

test.describe('on a seeded ledger', () => {
  test.use({ seedFindings: 200 });

  test('sorting, paging and the deadline range are done by the core and kept in the URL', async ({ page, rectify }) => {
    const all = await rectify.call('ledger:query', { filter: {} });
    await expect(page.getByText(`共 ${all.total} 条措施`)).toBeVisible();

    // Sort by 整改时限: the first row is the core's first row for that order.
    await page.getByTestId('ledger-table').locator('th').filter({ hasText: '整改时限' }).click();
    await expect(page).toHaveURL(/sort=deadline/);
    const byDeadline = await rectify.call('ledger:query', { filter: {}, sort: 'deadline', order: 'asc', pageSize: 20 });
    await expect(page.getByTestId('ledger-row').first()).toHaveAttribute('data-row-key', String(byDeadline.rows[0].measureId));
    await page.getByTestId('ledger-table').locator('th').filter({ hasText: '整改时限' }).click();
    await expect(page).toHaveURL(/order=desc/);

    // Page 2 (the ledger shows 20 rows a page by default).
    await page.locator('.ant-pagination-item-2').click();
    await expect(page).toHaveURL(/page=2/);
    const second = await rectify.call('ledger:query', { filter: {}, sort: 'deadline', order: 'desc', page: 2, pageSize: 20 });
    await expect(page.getByTestId('ledger-row').first()).toHaveAttribute('data-row-key', String(second.rows[0].measureId));

    // A deadline range.
    await page.getByPlaceholder('时限起').click();
    await page.getByPlaceholder('时限起').fill('2026-01-01');
    await page.getByPlaceholder('时限起').press('Enter');
    await page.getByPlaceholder('时限止').fill('2026-03-31');
    await page.getByPlaceholder('时限止').press('Enter');
    await expect(page).toHaveURL(/from=2026-01-01/);
    await expect(page).toHaveURL(/to=2026-03-31/);
    const ranged = await rectify.call('ledger:query', { filter: { deadlineFrom: '2026-01-01', deadlineTo: '2026-03-31' } });
    expect(ranged.total).toBeGreaterThan(0);
    expect(ranged.total).toBeLessThan(all.total);
    await expect(page.getByText(`共 ${ranged.total} 条措施`)).toBeVisible();
    await expect(page).not.toHaveURL(/page=2/);
  });
});
