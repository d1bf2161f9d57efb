import path from 'node:path';
import SQLite from 'better-sqlite3';
import { DB_FILE } from '../../shared/core/db/open.ts';
import { addDays, localIsoDate } from '../../shared/domain/dates.ts';
import { expect, test } from './fixtures.ts';

/**
 * 工作台, the home page: it lists exactly the overdue, due-soon, awaiting-验收 and silent items of
 * the data; 查看全部 opens the ledger with the same count; an item opens its finding. The server
 * has no "today" override, so the data is dated from the real today.
 */
test.use({ startAt: '', viewport: { width: 1366, height: 768 } });

test('the 工作台 lists exactly the due, red, pending and stagnant items, each list a click from the ledger', async ({ page, rectify }, testInfo) => {
  const today = localIsoDate(new Date());
  const org = (await rectify.call('orgs:list', {})).find((o) => o.party === '民盟')!;
  const batch = await rectify.call('batches:save', { organizationId: org.id, area: '脱贫攻坚', docNumber: '民盟〔2026〕9号', receivedDate: addDays(today, -90), topic: '脱贫攻坚民主监督反馈意见', mode: '专项监督' });
  const fin = await rectify.call('units:save', { name: '青山县财政局', aliases: [], contactPerson: '王芳', contactPhone: '6202345' });
  const pov = await rectify.call('units:save', { name: '青山县扶贫开发办公室', aliases: [], contactPerson: '李明', contactPhone: '6201234' });
  const on = (d: number) => ({ kind: 'date' as const, date: addDays(today, d), text: null });
  const finding = await rectify.call('findings:create', {
    batchId: batch.id,
    category: '资金使用',
    text: '扶贫资金拨付滞后，部分项目资金闲置',
    measures: [
      { text: '逾期：清理闲置资金', leadUnitId: fin.id, coUnitIds: [], deadline: on(-5) },
      { text: '临期：完成资金拨付', leadUnitId: pov.id, coUnitIds: [], deadline: on(3) },
      { text: '停滞：建立资金监管制度', leadUnitId: fin.id, coUnitIds: [], deadline: on(60) },
      { text: '正常：开展专项检查', leadUnitId: pov.id, coUnitIds: [], deadline: on(60) },
      { text: '待销号：公开资金使用情况', leadUnitId: pov.id, coUnitIds: [], deadline: on(30) },
    ],
  });
  const [late, soon, silent, fine, pending] = finding.measures;
  await rectify.call('progress:add', { measureId: silent.id, date: addDays(today, -45), text: '已起草制度初稿' });
  await rectify.call('progress:add', { measureId: fine.id, date: today, text: '已完成检查方案' });
  await rectify.call('measures:transition', { id: pending.id, action: 'request_close', resultText: '已在政务网公开' });
  await page.reload();

  await expect(page.getByTestId('workbench-page')).toBeVisible();
  const listed = async (kind: string) => page.getByTestId(`work-${kind}`).getByTestId('work-item').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-measure'))));
  await expect(page.getByTestId('work-overdue-count')).toHaveText('1');
  expect(await listed('overdue')).toEqual([late.id]);
  // Numbered as the ledger numbers it (问题 1, 措施 1: 1-1), not by its finding alone.
  await expect(page.getByTestId('work-overdue').getByTestId('work-item-number')).toHaveText('1-1');
  await expect(page.getByTestId('work-pending').getByTestId('work-item-number')).toHaveText('1-5');
  await expect(page.getByTestId('work-overdue')).toContainText('已逾期 5 天');
  expect(await listed('dueSoon')).toEqual([soon.id]);
  await expect(page.getByTestId('work-dueSoon')).toContainText('3 天后到期');
  expect(await listed('pending')).toEqual([pending.id]);
  expect(await listed('stagnant')).toEqual([silent.id]);
  await expect(page.getByTestId('work-stagnant')).toContainText('45 天无进展');
  expect(await listed('standingDue')).toEqual([]);
  await expect(page.getByTestId('work-item').filter({ hasText: fine.text })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('workbench-1366x768.png') });

  // 查看全部: the ledger filtered to exactly that list.
  for (const [kind, text] of [['overdue', late.text], ['stagnant', silent.text], ['dueSoon', soon.text]] as const) {
    await page.getByTestId(`work-${kind}-all`).click();
    await expect(page.getByText('共 1 条措施')).toBeVisible();
    await expect(page.getByTestId('ledger-row')).toHaveCount(1);
    await expect(page.getByTestId('ledger-row')).toContainText(text);
    await page.getByTestId('main-menu').getByText('工作台').click();
    await expect(page.getByTestId('workbench-page')).toBeVisible();
  }

  // An item opens its finding.
  await page.getByTestId('work-pending').getByTestId('work-item').first().click();
  await expect(page).toHaveURL(new RegExp(`#/findings/${finding.id}$`));
  await expect(page.getByText('扶贫资金拨付滞后，部分项目资金闲置').first()).toBeVisible();
});

test('the home page is the 工作台, with its quick actions', async ({ page }) => {
  await expect(page.getByTestId('workbench-page')).toBeVisible();
  await expect(page.getByTestId('main-menu').locator('.ant-menu-item-selected')).toHaveText('工作台');
  await expect(page.getByTestId('work-changes')).toContainText('这是第一次打开工作台');
  await page.getByTestId('quick-actions').getByRole('button', { name: '单位填报表' }).click();
  await expect(page.getByRole('tab', { name: '单位填报表（下发与回收）', selected: true })).toBeVisible();
});

test('opening the app after a while reminds of what went red since, after the 工作台 has its numbers, and a reload does not remind again', async ({ page, rectify, dataDir }, testInfo) => {
  const today = localIsoDate(new Date());
  const org = (await rectify.call('orgs:list', {})).find((o) => o.party === '民盟')!;
  const batch = await rectify.call('batches:save', { organizationId: org.id, area: '脱贫攻坚', docNumber: '民盟〔2026〕7号', receivedDate: addDays(today, -90), topic: '脱贫攻坚民主监督反馈意见', mode: '专项监督' });
  const unit = await rectify.call('units:save', { name: '青山县财政局', aliases: [], contactPerson: '王芳', contactPhone: '6202345' });
  await rectify.call('findings:create', {
    batchId: batch.id,
    category: '资金使用',
    text: '扶贫资金拨付滞后',
    measures: [
      // Red two days ago: after the last visit five days ago, so it "went red since".
      { text: '清理闲置资金', leadUnitId: unit.id, coUnitIds: [], deadline: { kind: 'date', date: addDays(today, -2), text: null } },
      { text: '完成资金拨付', leadUnitId: unit.id, coUnitIds: [], deadline: { kind: 'date', date: addDays(today, 3), text: null } },
    ],
  });
  // The clerk last opened the app five days ago (the visit marker the core keeps in settings).
  const fiveDaysAgo = new Date(Date.now() - 5 * 86_400_000);
  const raw = new SQLite(path.join(dataDir, DB_FILE));
  try {
    raw.pragma('busy_timeout = 5000');
    const visit = JSON.stringify({ 管理员: { last: fiveDaysAgo.toISOString(), previous: new Date(Date.now() - 9 * 86_400_000).toISOString() } });
    raw.prepare("INSERT INTO settings (key, value) VALUES ('visits', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(visit);
  } finally {
    raw.close();
  }

  // The reminder is asked for only once the 工作台's own data has arrived: the core answers one
  // request at a time, and the clerk's lists come first.
  const seen: string[] = [];
  page.on('request', (r) => r.url().includes('workbench%3Aopened') && seen.push('opened asked'));
  page.on('response', (r) => r.url().includes('workbench%3Aget') && seen.push('lists answered'));
  await page.reload();
  const reminder = page.getByTestId('opening-reminder');
  await expect(reminder).toBeVisible();
  const m = fiveDaysAgo.getMonth() + 1;
  const d = fiveDaysAgo.getDate();
  await expect(reminder).toContainText(`自上次打开（${m}月${d}日）以来 1 项措施转为逾期；7 天内到期 1 项；目前共逾期 1 项。`);
  expect(seen.indexOf('lists answered')).toBeGreaterThanOrEqual(0);
  expect(seen.indexOf('lists answered')).toBeLessThan(seen.indexOf('opened asked'));
  // The 工作台 compares with the same visit, though it asked before the opening was recorded.
  const changes = page.getByTestId('work-changes');
  await expect(changes).toContainText(`${m}月${d}日`);
  await expect(changes).toContainText('转为逾期 1');
  await expect(changes).toContainText('清理闲置资金');
  await page.screenshot({ path: testInfo.outputPath('opening-reminder-1366x768.png'), animations: 'disabled' });
  await reminder.getByRole('button', { name: '查看工作台' }).click();
  await expect(reminder).toHaveCount(0);

  // A reload in the same sitting: the core says nothing new, and no notice appears.
  const answered = page.waitForResponse((r) => r.url().includes('workbench%3Aopened'));
  await page.reload();
  await answered;
  await expect(page.getByTestId('work-overdue-count')).toHaveText('1');
  await expect(page.getByTestId('opening-reminder')).toHaveCount(0);
});
