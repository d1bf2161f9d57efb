import { addDays } from '../../shared/domain/dates.ts';
import { chinaToday, weekOf } from '../../renderer/pages/ledger/quick-ranges.ts';
import { test, expect, openAt, type RectifyServer } from './fixtures.ts';
import type { Page } from '@playwright/test';

/**
 * Issue 7: lateness in words where the clerk looks (no hovering, no scrolling sideways on a
 * 1366×768 screen), columns of her choosing that stay chosen, 本周到期 in one click, and search by
 * 文号 / unit / person with the words marked.
 */

async function smallLedger(rectify: RectifyServer) {
  const { today } = await rectify.call('app:info', {});
  const org = (await rectify.call('orgs:list', {})).find((o) => o.party === '民革')!;
  const batch = await rectify.call('batches:save', {
    organizationId: org.id, area: '脱贫攻坚', docNumber: '统战〔2021〕5号', receivedDate: '2026-03-01', topic: '脱贫攻坚民主监督反馈意见',
  });
  const finance = await rectify.call('units:save', { name: '青山县财政局', aliases: [] });
  const rural = await rectify.call('units:save', { name: '青山县乡村振兴局', aliases: [] });
  const late = await rectify.call('findings:create', {
    batchId: batch.id,
    text: '扶贫项目资金拨付滞后，部分资金闲置。',
    measures: [{ text: '建立资金拨付台账，按月通报', leadUnitId: finance.id, leader: '张建国', person: '王芳', deadline: { kind: 'date', date: addDays(today, -20) } }],
  });
  const onTime = await rectify.call('findings:create', {
    batchId: batch.id,
    text: '个别干部入户走访流于形式。',
    measures: [{ text: '组织回访核查', leadUnitId: rural.id, person: '陈静', deadline: { kind: 'date', date: addDays(today, 90) } }],
  });
  return { today, batch, finance, rural, late, onTime };
}

const rows = (page: Page) => page.getByTestId('ledger-row');

for (const viewport of [{ width: 1366, height: 768 }, { width: 1440, height: 900 }]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('the overdue words are on screen in the deadline cell, without hovering or scrolling sideways', async ({ page, rectify }) => {
      const { late } = await smallLedger(rectify);
      await openAt(page, rectify, 'ledger');
      const row = rows(page).filter({ hasText: '建立资金拨付台账' });
      const words = row.getByTestId('deadline-cell').getByTestId('deadline-signal');
      await expect(words).toHaveText('已逾期 20 天');
      await expect(words).toBeInViewport({ ratio: 1 });
      const box = (await words.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      // Nothing was scrolled sideways to get there: not the table, not the page.
      const scrolled = await page.evaluate(() =>
        [document.scrollingElement, ...document.querySelectorAll('.ant-table-content, .ant-table-body, main, [id]')].map((el) => el?.scrollLeft ?? 0),
      );
      expect(Math.max(...scrolled)).toBe(0);
      // 状态 stands beside it, also in view.
      await expect(row.getByTestId('row-status')).toBeInViewport({ ratio: 1 });

      // 逾期优先 puts the late measure first.
      await page.getByTestId('ledger-sort').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '逾期优先' }).click();
      await expect(page).toHaveURL(/sort=overdue/);
      await expect(rows(page).first()).toHaveAttribute('data-row-key', String(late.measures[0].id));
    });
  });
}

test('the column chooser hides a column, and the choice survives a reload', async ({ page, rectify }) => {
  await smallLedger(rectify);
  await openAt(page, rectify, 'ledger');
  const header = page.getByTestId('ledger-table').locator('thead th');
  await expect(header.filter({ hasText: '整改措施' })).toHaveCount(1);
  await expect(rows(page).first()).toContainText('建立资金拨付台账');

  await page.getByTestId('column-chooser-button').click();
  const chooser = page.getByTestId('column-chooser');
  await chooser.getByLabel('整改措施').uncheck();
  await expect(header.filter({ hasText: '整改措施' })).toHaveCount(0);
  await expect(rows(page).first()).not.toContainText('建立资金拨付台账');
  // The key columns cannot be taken away.
  await expect(chooser.getByLabel('反馈问题（固定显示）')).toBeDisabled();

  await page.reload();
  await expect(rows(page).first()).toBeVisible();
  await expect(header.filter({ hasText: '整改措施' })).toHaveCount(0);
  await expect(page.getByTestId('column-chooser-button')).toContainText('隐藏 1');

  await page.getByTestId('column-chooser-button').click();
  await page.getByTestId('column-chooser').getByLabel('整改措施').check();
  await expect(header.filter({ hasText: '整改措施' })).toHaveCount(1);
});

test('本周到期 shows exactly the measures due Monday to Sunday of this week; 已逾期 the late ones', async ({ page, rectify }) => {
  const { batch, rural, late } = await smallLedger(rectify);
  const week = weekOf(chinaToday());
  const due = (text: string, date: string) => ({ text, leadUnitId: rural.id, deadline: { kind: 'date' as const, date } });
  const f = await rectify.call('findings:create', {
    batchId: batch.id,
    text: '村级公益岗位管理不规范。',
    measures: [
      due('周一到期的措施', week.from),
      due('周日到期的措施', week.to),
      due('上周日到期的措施', addDays(week.from, -1)),
      due('下周一到期的措施', addDays(week.to, 1)),
      { text: '长期坚持的措施', leadUnitId: rural.id, deadline: { kind: 'standing' as const } },
    ],
  });
  await openAt(page, rectify, 'ledger');
  await expect(rows(page)).toHaveCount(7);

  await page.getByTestId('quick-ranges').getByRole('button', { name: '本周到期' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${week.from}&to=${week.to}|to=${week.to}.*from=${week.from}`));
  await expect(rows(page)).toHaveCount(2);
  const keys = await rows(page).evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-row-key'))).sort((a, b) => a - b));
  expect(keys).toEqual([f.measures[0].id, f.measures[1].id]);
  await expect(page.getByTestId('quick-ranges').getByRole('button', { name: '本周到期' })).toHaveAttribute('aria-pressed', 'true');

  // Pressed again, the range is gone.
  await page.getByTestId('quick-ranges').getByRole('button', { name: '本周到期' }).click();
  await expect(rows(page)).toHaveCount(7);

  await page.getByTestId('quick-ranges').getByRole('button', { name: '已逾期' }).click();
  await expect(page).toHaveURL(/signal=red/);
  const red = await rectify.call('ledger:query', { filter: { signals: ['red'] } });
  await expect(rows(page)).toHaveCount(red.total);
  expect(red.rows.map((r) => r.measureId)).toContain(late.measures[0].id);
});

test('search by 文号, unit and person finds the finding and marks the words', async ({ page, rectify }) => {
  await smallLedger(rectify);
  await openAt(page, rectify, 'ledger');
  const search = page.getByTestId('ledger-search').locator('input');
  // Ctrl+F / "/" (the shell's shortcut) asks the ledger to focus its search box.
  await page.evaluate(() => window.dispatchEvent(new CustomEvent('rectify:focus-search')));
  await expect(search).toBeFocused();

  const hits = page.getByTestId('search-hit');
  for (const [term, expected] of [['统战〔2021〕5号', 2], ['5号', 2], ['财政', 1], ['县财政局', 1], ['王芳', 1], ['张建国', 1], ['陈静', 1]] as const) {
    await search.fill(term);
    await search.press('Enter');
    await expect(rows(page), term).toHaveCount(expected);
    await expect(hits.first(), term).toHaveText(term);
    await expect(hits.first(), term).toBeVisible();
  }
  // A word of the finding's own text is marked in the 反馈问题 cell.
  await search.fill('资金');
  await search.press('Enter');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first().locator('mark').filter({ hasText: '资金' })).toHaveCount(3);
});

test.describe('on a seeded ledger', () => {
  test.use({ seedFindings: 200 });

  test('逾期优先 stays on when paging, and a column header still sorts by its column', async ({ page, rectify }) => {
    await expect(rows(page).first()).toBeVisible();
    await page.getByTestId('ledger-sort').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '逾期优先' }).click();
    await expect(page).toHaveURL(/sort=overdue/);
    const first = await rectify.call('ledger:query', { sort: 'overdue', pageSize: 20 });
    expect(first.rows[0].signal).toBe('red');
    await expect(rows(page).first()).toHaveAttribute('data-row-key', String(first.rows[0].measureId));
    await expect(rows(page).first().getByTestId('deadline-signal')).toHaveText(`已逾期 ${first.rows[0].overdueDays} 天`);

    await page.locator('.ant-pagination-item-2').click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page).toHaveURL(/sort=overdue/);
    const second = await rectify.call('ledger:query', { sort: 'overdue', page: 2, pageSize: 20 });
    await expect(rows(page).first()).toHaveAttribute('data-row-key', String(second.rows[0].measureId));

    await page.getByTestId('ledger-table').locator('th').filter({ hasText: '整改时限' }).click();
    await expect(page).toHaveURL(/sort=deadline/);
    await expect(page.getByTestId('ledger-sort')).toContainText('按整改时限');
  });
});
