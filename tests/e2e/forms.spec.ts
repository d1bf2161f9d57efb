import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, fillDate, openAt, pickOption, type RectifyServer } from './fixtures.ts';

/**
 * Typed work does not vanish, and the smaller things a clerk meets (issue 7): the unsaved-changes
 * question, drafts that survive a reload, rows pasted from Excel, settings that refuse bad
 * numbers, the 帮助 page and the shortcuts.
 */

const SHOTS = '/tmp/shots-forms';
const LEAVE = '有尚未保存的内容，确定离开吗？';

async function oneBatch(rectify: RectifyServer) {
  const [org] = await rectify.call('orgs:list', {});
  const batch = await rectify.call('batches:save', { organizationId: org.id, area: '脱贫攻坚', receivedDate: '2026-03-01', topic: '脱贫攻坚民主监督反馈意见' });
  const unit = await rectify.call('units:save', { name: '青山县教育局', aliases: [] });
  return { batch, unit };
}

const leaveQuestion = (page: Page) => page.getByRole('dialog').filter({ hasText: LEAVE });
const draftOf = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k), key);

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name) });
}

test.describe('at 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('a half-filled new finding with a measure survives a reload, is saved with Ctrl+S, and its draft is gone', async ({ page, rectify }) => {
    const { batch } = await oneBatch(rectify);
    const key = `draft:finding:new:${batch.id}`;
    await openAt(page, rectify, `findings/new?batch=${batch.id}`);
    const form = page.getByTestId('new-finding-form');
    await form.getByTestId('finding-text').fill('控辍保学动态监测不及时。');
    await expect(form.getByText('12 / 4000')).toBeVisible(); // the counter under 反馈问题
    const measure = form.getByTestId('measure-form-item').first();
    await measure.getByTestId('measure-text').fill('建立月报制度，逐月比对学籍与户籍数据');
    await pickOption(page, measure.getByTestId('measure-lead-unit'), '青山县教育局');
    await fillDate(measure.getByTestId('measure-deadline-date'), '2026-12-31');
    // The draft is written as the clerk types (the app's own store is the signal).
    await expect.poll(() => draftOf(page, key)).toContain('逐月比对学籍');

    // Reloading asks first (the browser's own question); the clerk goes ahead anyway.
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    expect(asked).toEqual(['beforeunload']);

    await expect(page.getByTestId('draft-banner')).toContainText(/已恢复上次未保存的内容（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}）/);
    await expect(form.getByTestId('finding-text')).toHaveValue('控辍保学动态监测不及时。');
    await expect(measure.getByTestId('measure-text')).toHaveValue('建立月报制度，逐月比对学籍与户籍数据');
    await expect(measure.getByTestId('measure-lead-unit')).toContainText('青山县教育局');
    await expect(measure.getByTestId('measure-deadline-date')).toHaveValue('2026-12-31');
    await shot(page, 'new-finding-draft-1366.png');

    await form.getByTestId('finding-text').press('Control+s');
    await expect(page.getByTestId('measure-card')).toHaveCount(1);
    const id = Number(/#\/findings\/(\d+)/.exec(page.url())?.[1]);
    const saved = await rectify.call('findings:get', { id });
    expect(saved.text).toBe('控辍保学动态监测不及时。');
    expect(saved.measures.map((m) => [m.text, m.leadUnitName, m.deadlineDate])).toEqual([['建立月报制度，逐月比对学籍与户籍数据', '青山县教育局', '2026-12-31']]);
    expect(await draftOf(page, key)).toBeNull();
  });

  test('the help page opens from the header button on the ledger and on a finding page', async ({ page, rectify }) => {
    const { batch, unit } = await oneBatch(rectify);
    const finding = await rectify.call('findings:create', {
      batchId: batch.id,
      text: '控辍保学动态监测不及时。',
      measures: [{ text: '建立月报制度', leadUnitId: unit.id, deadline: { kind: 'date', date: '2026-12-31' } }],
    });
    await openAt(page, rectify, 'ledger');
    await page.getByTestId('help-button').click();
    const help = page.getByTestId('help-page');
    for (const title of ['工作流程', '导入台账', '单位填报表（下发与回收）', '报表与打印', '预警颜色', '快捷键', '数据保存在哪里']) {
      await expect(help.getByRole('heading', { name: title })).toBeVisible();
    }
    await expect(help.getByTestId('help-shortcuts')).toContainText('Alt+N');
    await expect(help).toContainText(rectify.dataDir);
    await page.mouse.move(700, 400); // the button's tooltip off the picture
    await expect(page.getByRole('tooltip')).toBeHidden();
    await shot(page, 'help-1366.png');

    await openAt(page, rectify, `findings/${finding.id}`);
    await expect(page.getByTestId('measure-card')).toHaveCount(1);
    await page.getByTestId('help-button').click();
    await expect(page.getByTestId('help-page')).toBeVisible();
    await expect(page.getByTestId('main-menu').locator('.ant-menu-item-selected')).toHaveText('帮助');
  });

  test('on the ledger "/" and Ctrl+F go to the search box; Alt+N opens the new-finding form', async ({ page, rectify }) => {
    const { batch, unit } = await oneBatch(rectify);
    await rectify.call('findings:create', { batchId: batch.id, text: '控辍保学动态监测不及时。', measures: [{ text: '建立月报制度', leadUnitId: unit.id, deadline: { kind: 'standing' } }] });
    await openAt(page, rectify, 'ledger');
    const search = page.getByTestId('ledger-search').getByRole('searchbox', { name: '搜索' });
    await expect(search).toBeVisible();
    await page.keyboard.press('/');
    await expect(search).toBeFocused();
    await expect(search).toHaveValue(''); // the key itself is not typed into the box
    await search.blur();
    await expect(search).not.toBeFocused();
    await page.keyboard.press('Control+f');
    await expect(search).toBeFocused();
    await page.keyboard.press('Alt+n');
    await expect(page.getByTestId('new-finding-form')).toBeVisible();
    expect(page.url()).toContain('#/findings/new');
  });
});

test.describe('at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('leaving a dirty form by the menu or Back asks; staying keeps the text; leaving drops it', async ({ page, rectify }) => {
    const { batch } = await oneBatch(rectify);
    await openAt(page, rectify, 'batches');
    await page.getByTestId('batches-table').getByRole('button', { name: '新增问题' }).click();
    const form = page.getByTestId('new-finding-form');
    await form.getByTestId('finding-text').fill('帮扶责任人走访记录不实。');

    await page.getByTestId('main-menu').getByText('台账').click();
    await expect(leaveQuestion(page)).toBeVisible();
    await leaveQuestion(page).getByTestId('leave-stay').click();
    await expect(leaveQuestion(page)).toBeHidden();
    await expect(form.getByTestId('finding-text')).toHaveValue('帮扶责任人走访记录不实。');
    expect(page.url()).toContain('#/findings/new');

    await page.goBack();
    await expect(leaveQuestion(page)).toBeVisible();
    await leaveQuestion(page).getByTestId('leave-stay').click();
    await expect(form.getByTestId('finding-text')).toHaveValue('帮扶责任人走访记录不实。');
    expect(page.url()).toContain('#/findings/new');

    await page.getByTestId('main-menu').getByText('反馈批次').click();
    await leaveQuestion(page).getByTestId('leave-confirm').click();
    await expect(page.getByTestId('batches-table')).toBeVisible();
    expect(await draftOf(page, `draft:finding:new:${batch.id}`)).toBeNull();
    // A clean form lets the clerk go without a question.
    await page.getByTestId('batches-table').getByRole('button', { name: '新增问题' }).click();
    await expect(form).toBeVisible();
    await page.getByTestId('main-menu').getByText('台账').click();
    await expect(page.getByTestId('first-run')).toBeVisible();
    await expect(leaveQuestion(page)).toHaveCount(0);
  });

  test('Esc on the dirty edit dialog asks instead of closing; a click beside it does nothing', async ({ page, rectify }) => {
    const { batch, unit } = await oneBatch(rectify);
    const finding = await rectify.call('findings:create', {
      batchId: batch.id,
      text: '控辍保学动态监测不及时。',
      measures: [{ text: '建立月报制度', leadUnitId: unit.id, deadline: { kind: 'date', date: '2026-12-31' } }],
    });
    await openAt(page, rectify, `findings/${finding.id}`);
    await page.getByRole('button', { name: '编辑问题' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '编辑反馈问题' });
    await dialog.getByTestId('finding-text').fill('控辍保学动态监测不及时，部分学生信息未更新。');

    await page.mouse.click(8, 450); // on the mask, left of the dialog
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(leaveQuestion(page)).toBeVisible();
    await shot(page, 'leave-question-1440.png');
    await leaveQuestion(page).getByTestId('leave-stay').click();
    await expect(leaveQuestion(page)).toBeHidden();
    await expect(dialog.getByTestId('finding-text')).toHaveValue('控辍保学动态监测不及时，部分学生信息未更新。');

    await dialog.getByTestId('finding-text').press('Escape');
    await leaveQuestion(page).getByTestId('leave-confirm').click();
    await expect(dialog).toBeHidden();
    expect((await rectify.call('findings:get', { id: finding.id })).text).toBe('控辍保学动态监测不及时。');

    // Untouched, Esc closes at once.
    await page.getByRole('button', { name: '编辑问题' }).click();
    await expect(dialog.getByTestId('finding-text')).toHaveValue('控辍保学动态监测不及时。');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(leaveQuestion(page)).toHaveCount(0);
  });

  test('pasting three rows copied from Excel offers three findings and creates them', async ({ page, rectify, context }) => {
    const { batch } = await oneBatch(rectify);
    await openAt(page, rectify, `findings/new?batch=${batch.id}`);
    const rows = [
      '1\t部分学校控辍保学台账更新不及时。\t青山县教育局\t2026年6月底前',
      '2\t易地搬迁安置点后续扶持措施不到位。\t青山县发展改革委\t立行立改',
      '3\t帮扶责任人走访记录不实。\t\t',
    ].join('\r\n');
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate((text) => navigator.clipboard.writeText(text), rows);
    await page.getByTestId('finding-text').press('Control+v');

    const offer = page.getByRole('dialog').filter({ hasText: '逐行新增为反馈问题' });
    await expect(offer).toContainText('粘贴了 3 行');
    await expect(offer.getByTestId('paste-rows').locator('tbody tr.ant-table-row')).toHaveCount(3);
    await expect(offer).toContainText('将新增为责任单位：青山县发展改革委');
    await shot(page, 'paste-rows-1440.png');
    await expect(page.getByTestId('finding-text')).toHaveValue(''); // nothing went into the field
    await offer.getByTestId('paste-create').click();

    await expect(offer).toBeHidden();
    await expect(page.getByTestId('undivided-findings')).toContainText('帮扶责任人走访记录不实');
    expect(page.url()).toContain(`#/ledger?batch=${batch.id}`);
    const ledger = await rectify.call('ledger:query', { filter: { batchId: batch.id }, sort: 'default' });
    expect(ledger.rows.map((r) => [r.findingText, r.leadUnitName, r.deadlineDate ?? r.deadlineKind])).toEqual([
      ['部分学校控辍保学台账更新不及时。', '青山县教育局', '2026-06-30'],
      ['易地搬迁安置点后续扶持措施不到位。', '青山县发展改革委', expect.any(String)],
    ]);
    expect((await rectify.call('findings:undivided', { batchId: batch.id })).total).toBe(1);
  });

  test('settings refuse 0 days with a message naming the field, and keep what was saved', async ({ page, rectify }) => {
    await openAt(page, rectify, 'settings');
    const before = await rectify.call('settings:get', {});
    await page.getByTestId('settings-due-soon').fill('0');
    await page.getByTestId('save-settings').click();
    await expect(page.getByText('临期提醒天数须为 1 到 365 之间的整数')).toBeVisible();
    expect(await rectify.call('settings:get', {})).toEqual(before);
    // Typing 0 did not quietly become another number either.
    await expect(page.getByTestId('settings-due-soon')).toHaveValue('0');
  });
});
