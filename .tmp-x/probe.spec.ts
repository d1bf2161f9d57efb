import { test, expect, openAt } from '../tests/e2e/fixtures.ts';

test('probe: chooser across a refresh', async ({ page, rectify }) => {
  const org = (await rectify.call('orgs:list', {})).find((o) => o.party === '民革')!;
  const batch = await rectify.call('batches:save', { organizationId: org.id, area: '脱贫攻坚', receivedDate: '2026-03-01', topic: 'x' });
  const u = await rectify.call('units:save', { name: '青山县财政局', aliases: [] });
  await rectify.call('findings:create', { batchId: batch.id, text: '问题一', measures: [{ text: '建立资金拨付台账', leadUnitId: u.id, deadline: { kind: 'date', date: '2026-12-01' } }] });
  await openAt(page, rectify, 'ledger');
  await expect(page.getByTestId('ledger-row').first()).toBeVisible();
  await page.waitForTimeout(4000);
  await page.getByTestId('column-chooser-button').click();
  const chooser = page.getByTestId('column-chooser');
  await expect(chooser).toBeVisible();
  await rectify.call('findings:create', { batchId: batch.id, text: '问题二' });
  await expect(page.getByTestId('revision-notice')).toBeVisible({ timeout: 8000 });
  console.log('chooser visible after refresh:', await chooser.isVisible());
  await page.screenshot({ path: '/tmp/probe1.png' });
  await chooser.getByLabel('整改措施').uncheck();
  console.log('ok uncheck');
});
