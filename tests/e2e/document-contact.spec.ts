import { measureNumber } from '../../shared/domain/numbering.ts';
import { test, expect } from './fixtures.ts';

/** 设置 › 公文联系人与反馈期限 (printed on 反馈函, 督办通知单, unit sheets), and the ledger's 序号 in the one numbering. */

test.use({ viewport: { width: 1366, height: 768 }, seedFindings: 20 });

test('the clerk sets the contact and reply days once; a bad value is refused and the other settings stay', async ({ page, rectify }, testInfo) => {
  const before = await rectify.call('settings:get', {});
  await page.getByTestId('main-menu').getByText('设置').click();
  await page.getByTestId('settings-office').fill('中共青山县委统战部');
  await page.getByTestId('settings-contact-name').fill('王晓燕');
  await page.getByTestId('settings-contact-phone').fill('0839-3266512');
  await page.getByTestId('settings-reply-days').fill('0');
  await page.getByTestId('save-settings').click();
  await expect(page.getByText('反馈期限须为 1 到 365 之间的整数')).toBeVisible();
  expect((await rectify.call('settings:get', {})).contactName).toBe(before.contactName);

  await page.getByTestId('settings-reply-days').fill('15');
  await page.getByTestId('save-settings').click();
  await expect(page.getByText('已保存设置')).toBeVisible();
  const saved = await rectify.call('settings:get', {});
  expect(saved).toMatchObject({ officeName: '中共青山县委统战部', contactName: '王晓燕', contactPhone: '0839-3266512', replyDays: 15, operator: before.operator, dueSoonDays: before.dueSoonDays });
  await page.getByTestId('settings-contact-name').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('settings-contact.png') });

  // Shown again after a reload, as saved.
  await page.reload();
  await page.getByTestId('main-menu').getByText('设置').click();
  await expect(page.getByTestId('settings-contact-name')).toHaveValue('王晓燕');
  await expect(page.getByTestId('settings-reply-days')).toHaveValue('15');
});

test('the ledger screen numbers measures as every document does: 3-2', async ({ page, rectify }) => {
  const { rows } = await rectify.call('ledger:query', { filter: {}, pageSize: 5 });
  await page.getByTestId('main-menu').getByText('台账', { exact: true }).click();
  const first = page.getByTestId('ledger-table').locator('.ant-table-row').first();
  await expect(first).toBeVisible();
  await expect(first.getByRole('cell', { name: measureNumber(rows[0].findingSeq, rows[0].measureSeq), exact: true })).toBeVisible();
});
