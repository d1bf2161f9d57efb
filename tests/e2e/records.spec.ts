import fs from 'node:fs';
import path from 'node:path';
import { test, expect, fillDate, openAt, type RectifyServer } from './fixtures.ts';

/**
 * Issue 7, "every record editable", on a clerk's 1366×768 screen: a stale save is refused and can
 * be reapplied, progress entries are corrected with a trail in the 操作日志, and 回头看 on a past
 * deadline asks for a new one. Screenshots go to /tmp/shots-records/ to be looked at.
 */

test.use({ viewport: { width: 1366, height: 768 } });

const SHOTS = '/tmp/shots-records';
const shot = (name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  return path.join(SHOTS, name);
};

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function oneFinding(rectify: RectifyServer, deadline: string) {
  const [org] = await rectify.call('orgs:list', {});
  const batch = await rectify.call('batches:save', { organizationId: org.id, area: '脱贫攻坚', receivedDate: '2026-03-01', topic: '脱贫攻坚民主监督反馈意见' });
  const unit = await rectify.call('units:save', { name: '青山县财政局', aliases: [] });
  return rectify.call('findings:create', {
    batchId: batch.id,
    text: '扶贫资金拨付滞后。',
    measures: [{ text: '清理拨付扶贫资金', leadUnitId: unit.id, person: '王芳', deadline: { kind: 'date', date: deadline } }],
  });
}

test('two windows edit one finding: the later save is refused, the fresher text kept, then reapplied', async ({ page, rectify, browser }) => {
  const finding = await oneFinding(rectify, '2027-06-30');
  await openAt(page, rectify, `findings/${finding.id}`);

  // A second window on the same server (its own browser context, as another tab or PC would be).
  const other = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const pageB = await other.newPage();
  const crashes: string[] = [];
  pageB.on('pageerror', (e) => crashes.push(e.message));
  await pageB.goto(rectify.openUrl);
  await expect(pageB.getByTestId('main-menu')).toBeVisible();
  await openAt(pageB, rectify, `findings/${finding.id}`);

  // Both open the editor on version 1.
  await page.getByRole('button', { name: '编辑问题' }).click();
  await pageB.getByRole('button', { name: '编辑问题' }).click();
  const dialogA = page.getByRole('dialog');
  const dialogB = pageB.getByRole('dialog');
  await expect(dialogB.getByTestId('finding-text')).toHaveValue('扶贫资金拨付滞后。');

  // A saves a corrected text first.
  await dialogA.getByTestId('finding-text').fill('扶贫资金拨付滞后，部分项目资金闲置。');
  await dialogA.getByRole('button', { name: '保存' }).click();
  await expect(dialogA).toBeHidden();

  // B, still on version 1, adds a 整改目标 and saves: refused, with what changed, nothing lost.
  await dialogB.getByTestId('finding-target').fill('年底前资金全部拨付到位');
  await dialogB.getByRole('button', { name: '保存' }).click();
  const alert = dialogB.getByTestId('stale-alert');
  await expect(alert).toContainText('该问题已被他人修改（反馈问题：“扶贫资金拨付滞后。” → “扶贫资金拨付滞后，部分项目资金闲置。”），您的修改未保存。请查看最新内容后重新提交。');
  await expect(dialogB).toBeVisible();
  await pageB.screenshot({ path: shot('stale-save.png') });
  expect(await rectify.call('findings:get', { id: finding.id })).toMatchObject({ text: '扶贫资金拨付滞后，部分项目资金闲置。', target: null, version: 2 });

  // 载入最新内容并重新应用: A's text comes in, B's 整改目标 stays on top; saving now works.
  await alert.getByTestId('stale-reapply').click();
  await expect(dialogB.getByTestId('finding-text')).toHaveValue('扶贫资金拨付滞后，部分项目资金闲置。');
  await expect(dialogB.getByTestId('finding-target')).toHaveValue('年底前资金全部拨付到位');
  await expect(dialogB.getByTestId('stale-alert')).toBeHidden();
  await dialogB.getByRole('button', { name: '保存' }).click();
  await expect(dialogB).toBeHidden();
  await expect(pageB.getByTestId('finding-text-view')).toHaveText('扶贫资金拨付滞后，部分项目资金闲置。');
  await expect(pageB.getByTestId('finding-page')).toContainText('年底前资金全部拨付到位');
  expect(await rectify.call('findings:get', { id: finding.id })).toMatchObject({ text: '扶贫资金拨付滞后，部分项目资金闲置。', target: '年底前资金全部拨付到位', version: 3 });
  expect(crashes).toEqual([]);
  await other.close();
});

test('a progress entry is corrected and then deleted, and both appear in the 操作日志', async ({ page, rectify }) => {
  const finding = await oneFinding(rectify, '2027-06-30');
  const { today } = await rectify.call('app:info', {});
  await rectify.call('progress:add', { measureId: finding.measures[0].id, date: today, text: '已拨付资金一半' });
  await openAt(page, rectify, `findings/${finding.id}`);
  const panel = page.getByTestId('measure-card').first().getByTestId('progress-panel');
  await expect(panel.getByTestId('progress-entry')).toContainText('已拨付资金一半');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('progress-entry.png') });

  await panel.getByTestId('progress-edit').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('progress-edit-text').fill('已拨付资金八成');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByTestId('progress-entry')).toHaveText(/已拨付资金八成/);

  await panel.getByTestId('progress-delete').click();
  await page.getByRole('tooltip').getByRole('button', { name: '删除' }).click();
  await expect(panel.getByTestId('progress-entry')).toHaveCount(0);
  await expect(page.getByTestId('measure-card').first().getByRole('tab', { name: '整改进展（0）' })).toBeVisible();

  await openAt(page, rectify, 'audit');
  const rows = page.getByTestId('audit-table').locator('.ant-table-row');
  await expect(rows.filter({ hasText: '整改进展' })).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('删除');
  await expect(rows.nth(1)).toContainText('修改');
  // The correction's before and after, as the office would check it.
  await rows.nth(1).getByRole('button', { name: '详细' }).click();
  const expanded = page.getByTestId('audit-table').locator('.ant-table-expanded-row').first();
  await expect(expanded).toContainText('已拨付资金一半');
  await expect(expanded).toContainText('已拨付资金八成');
});

test('回头看 on a measure whose deadline is past asks for a new one; the reopened measure is not overdue', async ({ page, rectify }) => {
  const { today } = await rectify.call('app:info', {});
  const finding = await oneFinding(rectify, addDays(today, -20));
  const id = finding.measures[0].id;
  await rectify.call('measures:transition', { id, action: 'request_close', resultText: '资金已全部拨付', date: addDays(today, -25) });
  await rectify.call('measures:transition', { id, action: 'verify_close', verifiedBy: '县委统战部 赵敏', date: addDays(today, -22) });
  await openAt(page, rectify, `findings/${finding.id}`);
  const card = page.getByTestId('measure-card').first();
  await expect(card.getByTestId('measure-status')).toHaveText('已销号');

  await card.getByTestId('action-reopen').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`原整改时限（${addDays(today, -20)}）已过`);
  await dialog.getByTestId('transition-reason').fill('回访发现部分资金又被滞留。');
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  await expect(dialog.getByText('请选择新的整改时限')).toBeVisible();
  await page.screenshot({ path: shot('reopen-dialog.png') });
  const newDeadline = addDays(today, 60);
  await fillDate(dialog.getByTestId('transition-new-deadline'), newDeadline);
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  await expect(dialog).toBeHidden();

  await expect(card.getByTestId('measure-status')).toHaveText('整改中');
  await expect(card.getByTestId('measure-reopen-reason')).toHaveText('回访发现部分资金又被滞留。');
  await expect(card.getByTestId('measure-return-reason')).toHaveCount(0);
  await expect(card.getByTestId('signal')).not.toHaveAttribute('data-signal', 'red');
  await expect(card).toContainText(newDeadline);
  // The old result and closure are gone from the card and kept in its history.
  await expect(card).not.toContainText('验收人');
  await card.getByRole('tab', { name: /办理记录/ }).click();
  await expect(card.locator('.ant-table-row').first()).toContainText(`回访发现部分资金又被滞留。（整改时限：${addDays(today, -20)} → ${newDeadline}）`);
  await expect(card.locator('.ant-table-row').filter({ hasText: '资金已全部拨付' })).toHaveCount(1);
  await card.getByRole('tab', { name: /整改进展/ }).click();
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: shot('reopened-card.png') });
});
