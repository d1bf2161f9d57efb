import fs from 'node:fs';
import path from 'node:path';
import { test, expect, openAt } from './fixtures.ts';

/** 回收站: a deleted batch comes back, with its findings, from the 回收站 page. */

const SHOTS = process.env.RECYCLE_SHOTS ?? '/tmp/shots-recycle';

test('a clerk deletes a batch, finds it in 回收站 and restores it with its findings', async ({ page, rectify }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const org = (await rectify.call('orgs:list', {})).find((o) => o.party === '民革')!;
  const batch = await rectify.call('batches:save', { organizationId: org.id, area: '脱贫攻坚', docNumber: '统战〔2021〕5号', receivedDate: '2021-05-10', topic: '脱贫攻坚' });
  const unit = await rectify.call('units:save', { name: '青山县财政局', aliases: [] });
  for (const text of ['扶贫资金拨付滞后', '产业项目带贫效果不明显', '易地搬迁后续扶持不到位']) {
    await rectify.call('findings:create', { batchId: batch.id, text, measures: [{ text: `整改：${text}`, leadUnitId: unit.id, deadline: { kind: 'date', date: '2021-12-31' } }] });
  }

  await openAt(page, rectify, 'batches');
  const row = page.getByTestId('batches-table').getByRole('row', { name: /脱贫攻坚/ });
  await row.getByRole('button', { name: '删除' }).click();
  await expect(page.getByRole('tooltip')).toContainText('3 个问题及其措施、进展、佐证材料一并移入回收站');
  await page.getByRole('tooltip').getByRole('button', { name: '删除' }).click();
  await expect(page.getByText('已移入回收站，可在“回收站”中恢复')).toBeVisible();
  await expect(page.getByTestId('batches-table')).toContainText('还没有反馈批次');

  await page.getByTestId('main-menu').getByText('回收站').click();
  const bin = page.getByTestId('recycle-table');
  const entry = bin.getByRole('row', { name: /民革市委/ });
  await expect(entry).toContainText('反馈批次');
  await expect(entry).toContainText('反馈批次：民革市委 统战〔2021〕5号 · 脱贫攻坚');
  await expect(entry).toContainText('3 个问题、3 项措施');
  await expect(entry).toContainText(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'recycle-1366x768.png') });

  await entry.getByRole('button', { name: '恢复' }).click();
  await expect(page.getByTestId('restored-message')).toContainText('已恢复：反馈批次：民革市委 统战〔2021〕5号 · 脱贫攻坚');
  await expect(bin).toContainText('回收站是空的');
  await page.screenshot({ path: path.join(SHOTS, 'recycle-empty-1366x768.png') });

  await page.getByTestId('restored-message').getByText('查看').click();
  await expect(page.getByTestId('ledger-row')).toHaveCount(3);
  await expect(page.getByTestId('ledger-table')).toContainText('易地搬迁后续扶持不到位');
  expect((await rectify.call('batches:list', {})).map((b) => [b.id, b.findingCount])).toEqual([[batch.id, 3]]);
});

test('彻底删除 asks once, then the entry is gone for good', async ({ page, rectify }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const [org] = await rectify.call('orgs:list', {});
  const batch = await rectify.call('batches:save', { organizationId: org.id, area: '脱贫攻坚', receivedDate: '2021-05-10', topic: '脱贫攻坚' });
  const finding = await rectify.call('findings:create', { batchId: batch.id, text: '扶贫资金拨付滞后' });
  await rectify.call('findings:delete', { id: finding.id });

  await openAt(page, rectify, 'recycle');
  const entry = page.getByTestId('recycle-table').getByRole('row', { name: /扶贫资金拨付滞后/ });
  await expect(entry).toContainText('原属：反馈批次');
  await entry.getByRole('button', { name: '彻底删除' }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('将被永久删除，不能再恢复');
  await confirm.getByRole('button', { name: '彻底删除' }).click();
  await expect(page.getByTestId('recycle-table')).toContainText('回收站是空的');
  expect(await rectify.call('recycle:list', {})).toEqual([]);
  expect((await rectify.call('audit:list', { limit: 5 }))[0].action).toBe('purge');
});
