import fs from 'node:fs';
import path from 'node:path';
import { test, expect, openAt } from './fixtures.ts';

/** 备份与恢复: a clerk backs up, loses a finding, and gets it back from the page. */

const SHOTS = process.env.RECTIFY_SHOTS_DIR;

test('a finding deleted after 立即备份 comes back when the backup is restored from the page', async ({ page, rectify }) => {
  const [org] = await rectify.call('orgs:list', {});
  const batch = await rectify.call('batches:save', { organizationId: org.id, area: '脱贫攻坚', receivedDate: '2026-03-01', topic: '脱贫攻坚民主监督反馈意见' });
  const unit = await rectify.call('units:save', { name: '青山县农业农村局', aliases: [] });
  const finding = await rectify.call('findings:create', {
    batchId: batch.id,
    text: '产业扶贫项目后续管护不到位。',
    measures: [{ text: '建立项目管护责任清单', leadUnitId: unit.id, deadline: { kind: 'date', date: '2026-12-31' } }],
  });

  await openAt(page, rectify, 'backup');
  await expect(page.getByRole('menuitem', { name: '备份与恢复' })).toHaveClass(/selected/);
  const rows = page.getByTestId('backup-row');
  const before = await rows.count(); // the server's own 每日自动 backup may already be listed
  await page.getByTestId('backup-now').click();
  await expect(page.getByText(/^已备份：/)).toBeVisible();
  await expect(rows).toHaveCount(before + 1);
  const manual = rows.filter({ hasText: '手动' });
  await expect(manual).toHaveCount(1);
  await expect(manual).toContainText(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);

  await rectify.call('findings:delete', { id: finding.id });
  await expect(rectify.call('findings:get', { id: finding.id })).rejects.toThrow();

  await manual.getByTestId('restore-backup').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('恢复前，程序会先自动备份当前数据');
  await dialog.getByRole('button', { name: '恢复' }).click();
  await expect(page.getByText(/^已恢复：现有反馈问题 1 个/)).toBeVisible();
  await expect(rows.filter({ hasText: '恢复前' })).toHaveCount(1);
  await expect(page.getByTestId('undo-restore')).toBeVisible();

  await page.setViewportSize({ width: 1366, height: 768 });
  if (SHOTS) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'backup-page-1366x768.png') });
  }

  // The finding is back, on its own page.
  await openAt(page, rectify, `findings/${finding.id}`);
  await expect(page.getByText('产业扶贫项目后续管护不到位。').first()).toBeVisible();
  await expect(page.getByTestId('measure-card')).toHaveCount(1);
});
