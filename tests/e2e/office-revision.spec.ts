import { test, expect, openAt } from './fixtures.ts';

/**
 * Other clerks' changes appear without a restart (issue 12): the window polls the ledger's change
 * stamp and, when a change it did not make arrives (here: written through the HTTP door behind the
 * page's back, as another clerk's PC or a CLI import would), the ledger reloads and says so. Works
 * the same on this PC's file and on the shared ledger (the stamp is the port's).
 */
test('a change made elsewhere shows in the open ledger with a notice', async ({ page, rectify }) => {
  const [org] = await rectify.call('orgs:list', {});
  const batch = await rectify.call('batches:save', { organizationId: org.id, area: '脱贫攻坚', receivedDate: '2026-03-01', topic: '脱贫攻坚民主监督反馈意见' });
  const unit = await rectify.call('units:save', { name: '青山县农业农村局', aliases: [] });
  await rectify.call('findings:create', {
    batchId: batch.id,
    text: '产业扶贫项目后续管护不到位。',
    measures: [{ text: '建立项目管护责任清单', leadUnitId: unit.id, deadline: { kind: 'date', date: '2026-12-31' } }],
  });
  // This window's own write is not announced as someone else's: save 设置, then let two polls pass.
  await openAt(page, rectify, 'settings');
  await page.getByTestId('save-settings').click();
  await expect(page.getByText('已保存设置')).toBeVisible();
  for (let i = 0; i < 2; i++) await page.waitForResponse((r) => r.url().includes('/api/ledger%3Arevision') || r.url().includes('/api/ledger:revision'));
  await expect(page.getByTestId('revision-notice')).toHaveCount(0);

  await page.evaluate(() => (window.location.hash = '#/ledger'));
  const table = page.getByTestId('ledger-table');
  await expect(table).toContainText('产业扶贫项目后续管护不到位');
  await expect(table).not.toContainText('易地搬迁安置点配套设施');
  await expect(page.getByTestId('revision-notice')).toHaveCount(0);

  // "Another clerk" adds a finding: the page is not reloaded by the test.
  await rectify.call('findings:create', {
    batchId: batch.id,
    text: '易地搬迁安置点配套设施不完善。',
    measures: [{ text: '补齐安置点配套设施', leadUnitId: unit.id, deadline: { kind: 'date', date: '2026-10-31' } }],
  });
  await expect(page.getByTestId('revision-notice')).toHaveText('已更新（其他同事的修改）');
  await expect(table).toContainText('易地搬迁安置点配套设施');
});
