import fs from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { addDays } from '../../shared/domain/dates.ts';
import { test, expect, openAt, pickOption, type RectifyServer } from './fixtures.ts';

/**
 * Issue 10 (批量修改) and issue 11 (与以往反馈相似 / 再次反馈) in the real renderer at 1366×768:
 * tick measures, preview what changes in words, confirm; a workflow rule broken by one row blocks
 * all; similar earlier findings shown while typing and on the finding page, confirmed, filtered.
 */

test.use({ viewport: { width: 1366, height: 768 } });

async function shot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(name) });
  const extra = process.env.RECTIFY_SHOTS;
  if (extra) {
    fs.mkdirSync(extra, { recursive: true });
    await page.screenshot({ path: path.join(extra, name) });
  }
}

async function ledger(rectify: RectifyServer) {
  const { today } = await rectify.call('app:info', {});
  const org = (await rectify.call('orgs:list', {})).find((o) => o.party === '民革')!;
  const batch = await rectify.call('batches:save', {
    organizationId: org.id, area: '脱贫攻坚', docNumber: '统战〔2025〕5号', receivedDate: addDays(today, -300), topic: '脱贫攻坚民主监督反馈意见',
  });
  const finance = await rectify.call('units:save', { name: '青山县财政局', aliases: [] });
  const rural = await rectify.call('units:save', { name: '青山县乡村振兴局', aliases: [] });
  const d = (n: number) => ({ kind: 'date' as const, date: addDays(today, n) });
  const f1 = await rectify.call('findings:create', {
    batchId: batch.id,
    text: '扶贫项目资金拨付进度滞后，部分资金闲置。',
    measures: [
      { text: '建立资金拨付台账，按月通报', leadUnitId: finance.id, person: '王芳', deadline: d(20) },
      { text: '约谈拨付滞后的乡镇', leadUnitId: finance.id, person: '王芳', deadline: d(20) },
    ],
  });
  const f2 = await rectify.call('findings:create', {
    batchId: batch.id,
    text: '部分村低保对象识别不精准。',
    measures: [{ text: '逐户核实低保对象', leadUnitId: rural.id, person: '陈静', deadline: d(40) }],
  });
  await rectify.call('measures:transition', { id: f2.measures[0].id, action: 'start' });
  return { today, org, batch, finance, rural, f1, f2 };
}

test('批量修改: tick two measures, preview the deadline change in words, confirm; one row against the workflow blocks every row', async ({ page, rectify }, info) => {
  const { today, f1, f2 } = await ledger(rectify);
  await openAt(page, rectify, 'ledger');
  const rows = page.getByTestId('ledger-row');
  await expect(rows).toHaveCount(3);
  await rows.filter({ hasText: '建立资金拨付台账' }).getByTestId('bulk-select').locator('input').check();
  await rows.filter({ hasText: '约谈拨付滞后' }).getByTestId('bulk-select').locator('input').check();
  await expect(page.getByTestId('bulk-count')).toHaveText('已勾选 2 项');
  // Ticking did not open the finding.
  await expect(page).toHaveURL(/#\/ledger/);
  await page.getByTestId('bulk-edit').click();

  const modal = page.getByRole('dialog', { name: /批量修改整改措施/ });
  await modal.getByTestId('bulk-field-deadline').check();
  const newDate = addDays(today, 90);
  await modal.getByTestId('bulk-deadline-date').click();
  await page.keyboard.type(newDate);
  await page.keyboard.press('Enter');
  await modal.getByTestId('bulk-field-person').check();
  await modal.getByTestId('bulk-person').fill('李明');
  await modal.getByTestId('bulk-preview').click();
  const [y, m, dd] = newDate.split('-').map(Number);
  const headline = modal.getByTestId('bulk-headline');
  await expect(headline).toContainText('将修改 2 项');
  await expect(headline).toContainText(`→ ${y}年${m}月${dd}日（2 项）`);
  await expect(headline).toContainText('责任人：王芳 → 李明（2 项）');
  await expect(modal.locator('.ant-table-row')).toHaveCount(2);
  await shot(page, info, 'bulk-preview-1366x768.png');
  await modal.getByTestId('bulk-apply').click();
  await expect(page.getByText('已批量修改 2 项措施')).toBeVisible();
  await expect(modal).toBeHidden();
  const after = await rectify.call('findings:get', { id: f1.id });
  expect(after.measures.map((x) => [x.deadlineDate, x.person])).toEqual([[newDate, '李明'], [newDate, '李明']]);
  await expect(rows.filter({ hasText: '李明' })).toHaveCount(2);

  // 全部符合筛选条件: one tick, then every row of the (unfiltered) ledger; 开始整改 is refused for the row already started.
  await rows.filter({ hasText: '建立资金拨付台账' }).getByTestId('bulk-select').locator('input').check();
  await page.getByTestId('bulk-all-of-filter').click();
  await expect(page.getByTestId('bulk-count')).toHaveText('已选择全部符合筛选条件的 3 项');
  await page.getByTestId('bulk-edit').click();
  await modal.getByTestId('bulk-field-action').check();
  await modal.getByTestId('bulk-action').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '开始整改' }).click();
  await modal.getByTestId('bulk-preview').click();
  const problems = modal.getByTestId('bulk-problems');
  await expect(problems).toContainText('措施 2-1');
  await expect(problems).toContainText('“整改中”');
  await expect(modal.getByTestId('bulk-apply')).toBeDisabled();
  await shot(page, info, 'bulk-problems-1366x768.png');
  await modal.getByRole('button', { name: '取消' }).click();
  const unchanged = await rectify.call('findings:get', { id: f1.id });
  expect(unchanged.measures.map((x) => x.status)).toEqual(['not_started', 'not_started']);
  expect((await rectify.call('findings:get', { id: f2.id })).measures[0].status).toBe('in_progress');
});

test('与以往反馈相似: shown while typing a new finding and on its page, confirmed as 再次反馈, and the ledger filters it', async ({ page, rectify }, info) => {
  const { today, org, rural, f2 } = await ledger(rectify);
  const later = await rectify.call('batches:save', {
    organizationId: org.id, area: '脱贫攻坚', docNumber: '统战〔2026〕2号', receivedDate: addDays(today, -10), topic: '脱贫攻坚民主监督“回头看”反馈意见',
  });

  const again = await rectify.call('findings:create', {
    batchId: later.id,
    text: '个别村低保对象识别仍不够精准，存在错评漏评。',
    measures: [{ text: '开展低保对象专项核查', leadUnitId: rural.id, deadline: { kind: 'date', date: addDays(today, 60) } }],
  });
  await openAt(page, rectify, `findings/${again.id}`);
  const panel = page.getByTestId('similar-panel');
  await expect(panel.getByTestId('similar-item')).toHaveCount(1);
  await expect(panel.getByTestId('similar-item')).toHaveAttribute('data-finding-id', String(f2.id));
  await panel.getByTestId('confirm-repeat').click();
  await expect(panel.getByTestId('repeat-tag')).toBeVisible();
  await expect(panel).toContainText('本问题已确认为再次反馈');
  await shot(page, info, 'similar-finding-page-1366x768.png');

  await openAt(page, rectify, 'ledger');
  await expect(page.getByTestId('ledger-row')).toHaveCount(4);
  await page.getByTestId('filter-repeat').check();
  await expect(page).toHaveURL(/repeat=1/);
  await expect(page.getByTestId('ledger-row')).toHaveCount(1);
  await expect(page.getByTestId('ledger-row')).toContainText('开展低保对象专项核查');
  await shot(page, info, 'repeat-filter-1366x768.png');

  // While typing a new finding of the later round, the earlier one is proposed (the new one, in the same batch, is not).
  await openAt(page, rectify, `findings/new?batch=${later.id}`);
  await page.getByTestId('finding-text').fill('个别村低保对象识别仍不够精准，存在错评漏评');
  const typing = page.getByTestId('similar-while-typing');
  await expect(typing).toContainText('以往批次反馈过 1 个相似的问题');
  await expect(typing.getByTestId('similar-link')).toContainText('部分村低保对象识别不精准');
  await expect(typing).toContainText('统战〔2025〕5号');
  await shot(page, info, 'similar-new-finding-1366x768.png');
  // An unrelated text proposes nothing.
  await page.getByTestId('finding-text').fill('农村留守儿童关爱服务不到位');
  await expect(typing).toBeHidden();
});

test('导入预览: a new row that repeats a finding of an earlier round says so, with a link; an unrelated row does not', async ({ page, rectify }, info) => {
  const { today, org } = await ledger(rectify);
  await rectify.call('batches:save', {
    organizationId: org.id, area: '脱贫攻坚', docNumber: '统战〔2026〕3号', receivedDate: addDays(today, -5), topic: '脱贫攻坚民主监督第二轮反馈意见',
  });
  const file = info.outputPath('第二轮反馈问题.csv');
  fs.writeFileSync(
    file,
    '\ufeff序号,反馈问题,整改措施,牵头单位,整改时限\n1,部分扶贫项目资金拨付进度明显滞后，资金闲置,建立拨付台账,青山县财政局,2026-12-31\n2,农村留守儿童关爱服务不到位,开展关爱走访,青山县乡村振兴局,2026-12-31\n',
  );
  await openAt(page, rectify, 'import');
  await pickOption(page, page.getByTestId('import-batch'), '第二轮');
  await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(file);
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('preview-measure')).toHaveCount(2);
  const similar = preview.getByTestId('preview-similar');
  await expect(similar).toHaveCount(1);
  await expect(similar).toContainText('扶贫项目资金拨付进度滞后');
  await expect(similar).toContainText('统战〔2025〕5号');
  await similar.scrollIntoViewIfNeeded();
  await shot(page, info, 'similar-import-preview-1366x768.png');
});
