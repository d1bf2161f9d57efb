import { test, expect, openAt, pickOption } from './fixtures.ts';

/** The office's own lists: settings and who is writing, units (with merging), batches, parties. */

test('the operator set in settings signs every change in the audit log', async ({ page }) => {
  await page.getByTestId('main-menu').getByText('设置').click();
  await page.getByTestId('settings-operator').fill('张晓');
  await page.getByTestId('settings-office').fill('中共青山县委统战部');
  await page.getByTestId('save-settings').click();
  await expect(page.getByText('已保存设置')).toBeVisible();
  await expect(page.getByText('中共青山县委统战部')).toBeVisible();

  // A unit added right inside the measure form, where a clerk notices it is missing.
  await page.getByTestId('main-menu').getByText('反馈批次').click();
  await page.getByTestId('new-batch').click();
  const dialog = page.getByRole('dialog');
  await pickOption(page, dialog.getByTestId('batch-org'), '民盟');
  await dialog.getByTestId('batch-topic').fill('教育扶贫专项监督反馈意见');
  await dialog.getByTestId('batch-area').fill('教育扶贫');
  await dialog.getByTestId('save-batch').click();
  await expect(dialog).toBeHidden();
  await page.getByTestId('batches-table').getByRole('button', { name: '新增问题' }).click();
  const item = page.getByTestId('measure-form-item').first();
  await item.getByTestId('measure-lead-unit').click();
  await page.getByTestId('measure-lead-unit-new').fill('青山县教育局');
  await page.getByRole('button', { name: '添加单位' }).click();
  await expect(item.getByTestId('measure-lead-unit')).toContainText('青山县教育局');

  // The half-filled finding form asks before it is left; the clerk leaves it.
  await page.getByTestId('main-menu').getByText('操作日志').click();
  await page.getByRole('button', { name: '离开' }).click();
  const rows = page.getByTestId('audit-table').locator('.ant-table-row');
  await expect(rows.filter({ hasText: '责任单位' }).first()).toContainText('张晓');
  await expect(rows.filter({ hasText: '反馈批次' }).first()).toContainText('张晓');
  await expect(rows.filter({ hasText: '设置' }).first()).toContainText('张晓');
});

test('a duplicate unit is merged into the right one and becomes its alias', async ({ page, rectify }) => {
  const [org] = await rectify.call('orgs:list', {});
  const batch = await rectify.call('batches:save', { organizationId: org.id, area: '脱贫攻坚', receivedDate: '2026-03-01', topic: '脱贫攻坚反馈意见' });
  const dup = await rectify.call('units:save', { name: '县扶贫办', aliases: [] });
  const right = await rectify.call('units:save', { name: '青山县扶贫开发办公室', contactPerson: '周杰', aliases: [] });
  await rectify.call('findings:create', {
    batchId: batch.id,
    text: '扶贫项目公示不规范。',
    measures: [{ text: '规范项目公示', leadUnitId: dup.id, deadline: { kind: 'date', date: '2026-12-31' } }],
  });

  await openAt(page, rectify, 'units');
  const table = page.getByTestId('units-table');
  await table.locator('.ant-table-row').filter({ hasText: '县扶贫办' }).filter({ hasNotText: '青山县' }).getByRole('button', { name: '合并到…' }).click();
  const dialog = page.getByRole('dialog');
  await pickOption(page, dialog.getByTestId('merge-into'), '青山县扶贫开发办公室');
  await dialog.getByRole('button', { name: '合并' }).click();
  await expect(dialog).toBeHidden();
  await expect(table.locator('.ant-table-row')).toHaveCount(1);
  await expect(table.locator('.ant-table-row').first()).toContainText('县扶贫办');

  // The measure now belongs to the right unit.
  // The unit's name opens its page; from there, its measures in the ledger.
  await table.getByText('青山县扶贫开发办公室').click();
  await page.getByRole('button', { name: '在台账中查看' }).click();
  await expect(page.getByTestId('ledger-row')).toHaveCount(1);
  await expect(page.getByTestId('ledger-row').first()).toContainText('青山县扶贫开发办公室');
  expect(page.url()).toContain(`unit=${right.id}`);
});

test('batches are corrected and removed; a party organisation is added', async ({ page, rectify }) => {
  const [org] = await rectify.call('orgs:list', {});
  await rectify.call('batches:save', { organizationId: org.id, area: '产业扶贫', receivedDate: '2026-04-01', topic: '产业扶贫视察反馈' });
  await openAt(page, rectify, 'batches');
  const table = page.getByTestId('batches-table');
  await table.getByRole('button', { name: '编辑' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByTestId('batch-topic').fill('产业扶贫视察监督反馈意见');
  await dialog.getByTestId('save-batch').click();
  await expect(dialog).toBeHidden();
  await expect(table).toContainText('产业扶贫视察监督反馈意见');

  await table.getByRole('button', { name: '删除' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '删除' }).click();
  await expect(table).toContainText('还没有反馈批次');

  await page.getByTestId('main-menu').getByText('监督主体').click();
  await page.getByRole('button', { name: '新增监督主体' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('名称').fill('民进青山县委');
  await pickOption(page, dialog.getByLabel('党派'), '民进', { type: false });
  await pickOption(page, dialog.getByLabel('层级'), '县委', { type: false });
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('orgs-table')).toContainText('民进青山县委');
});
