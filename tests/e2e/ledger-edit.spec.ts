import fs from 'node:fs';
import path from 'node:path';
import { test, expect, fillDate, openAt, pickOption, type RectifyServer } from './fixtures.ts';

/** Correcting what was entered: edit and delete findings and measures, add and open evidence. */

async function oneFinding(rectify: RectifyServer) {
  const [org] = await rectify.call('orgs:list', {});
  const batch = await rectify.call('batches:save', { organizationId: org.id, area: '脱贫攻坚', receivedDate: '2026-03-01', topic: '脱贫攻坚民主监督反馈意见' });
  const unit = await rectify.call('units:save', { name: '青山县教育局', aliases: [] });
  const other = await rectify.call('units:save', { name: '青山县民政局', aliases: [] });
  const finding = await rectify.call('findings:create', {
    batchId: batch.id,
    text: '控辍保学动态监测不及时。',
    measures: [
      { text: '建立月报制度', leadUnitId: unit.id, person: '刘洋', deadline: { kind: 'date', date: '2026-12-31' } },
      { text: '开展入户核查', leadUnitId: unit.id, deadline: { kind: 'standing' } },
    ],
  });
  return { batch, unit, other, finding };
}

test('a clerk edits and deletes measures and the finding', async ({ page, rectify }) => {
  const { finding } = await oneFinding(rectify);
  await openAt(page, rectify, `findings/${finding.id}`);
  await expect(page.getByTestId('measure-card')).toHaveCount(2);

  // Edit the finding's text.
  await page.getByRole('button', { name: '编辑问题' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByTestId('finding-text').fill('控辍保学动态监测不及时，部分学生信息未更新。');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('finding-text-view')).toHaveText('控辍保学动态监测不及时，部分学生信息未更新。');

  // Edit a measure: another unit, another person, another deadline.
  const card = page.getByTestId('measure-card').first();
  await card.getByRole('button', { name: '编辑' }).click();
  dialog = page.getByRole('dialog');
  await pickOption(page, dialog.getByTestId('measure-lead-unit'), '青山县民政局');
  await dialog.getByTestId('measure-person').fill('王芳');
  await fillDate(dialog.getByTestId('measure-deadline-date'), '2027-01-15');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText('青山县民政局');
  await expect(card).toContainText('王芳');
  await expect(card).toContainText('2027-01-15');

  // Add a measure to the checklist, then delete another.
  await page.getByTestId('new-measure').click();
  dialog = page.getByRole('dialog');
  await dialog.getByTestId('measure-text').fill('对辍学学生逐一劝返');
  await pickOption(page, dialog.getByTestId('measure-lead-unit'), '青山县教育局');
  await dialog.getByTestId('measure-deadline-kind').getByText('立行立改').click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('measure-card')).toHaveCount(3);
  await expect(page.getByTestId('measure-card').nth(2)).toContainText('立行立改');

  await page.getByTestId('measure-card').nth(1).getByRole('button', { name: '删除' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '删除' }).click();
  await expect(page.getByTestId('measure-card')).toHaveCount(2);
  expect((await rectify.call('findings:get', { id: finding.id })).measures.map((m) => m.text)).toEqual(['建立月报制度', '对辍学学生逐一劝返']);

  // Delete the whole finding: back to an empty ledger.
  await page.getByTestId('delete-finding').click();
  await page.getByRole('tooltip').getByRole('button', { name: '删除' }).click();
  await expect(page.getByTestId('first-run')).toBeVisible();
  expect((await rectify.call('ledger:query', { filter: {} })).total).toBe(0);
});

test('evidence is added to a measure and downloads, by id, from its copy in the data folder', async ({ page, rectify }, testInfo) => {
  const { finding } = await oneFinding(rectify);
  await openAt(page, rectify, `findings/${finding.id}`);
  const card = page.getByTestId('measure-card').first();
  await card.getByRole('tab', { name: /佐证材料/ }).click();
  await expect(card.getByTestId('evidence-panel')).toContainText('还没有佐证材料');

  fs.mkdirSync(testInfo.outputDir, { recursive: true });
  const photo = path.join(testInfo.outputDir, '入户核查记录.txt');
  const sheet = path.join(testInfo.outputDir, '学生名册.txt');
  fs.writeFileSync(photo, '入户核查记录：2026年11月');
  fs.writeFileSync(sheet, '姓名 学校\n张三 青山一小\n');
  await card.getByTestId('evidence-panel').locator('input[type=file]').setInputFiles([photo, sheet]);
  await expect(card.getByTestId('evidence-panel').getByTestId('evidence-link')).toHaveText(['入户核查记录.txt', '学生名册.txt'], { useInnerText: true });
  await expect(card.getByRole('tab', { name: '佐证材料（2）' })).toBeVisible();

  // The original can go away: the core keeps its own copy. In the browser opening is downloading
  // (a tab would render the file with this page's rights).
  fs.rmSync(photo);
  const download = page.waitForEvent('download');
  await card.getByTestId('evidence-panel').getByTestId('evidence-link').first().click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('入户核查记录.txt');
  expect(fs.readFileSync(await saved.path(), 'utf8')).toBe('入户核查记录：2026年11月');
});

test('a closure request is returned, then closed, then reopened in a later review (回头看)', async ({ page, rectify }) => {
  const { finding } = await oneFinding(rectify);
  await openAt(page, rectify, `findings/${finding.id}`);
  const card = page.getByTestId('measure-card').first();
  const act = async (action: string, testId: string, value: string) => {
    await card.getByTestId(`action-${action}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId(testId).fill(value);
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect(dialog).toBeHidden();
  };

  await act('request_close', 'transition-result', '月报制度已建立。');
  await expect(card.getByTestId('measure-status')).toHaveText('待销号');
  // 退回 needs a reason.
  await card.getByTestId('action-return').click();
  await page.getByRole('dialog').locator('.ant-modal-footer .ant-btn-primary').click();
  await expect(page.getByRole('dialog').getByText('请填写退回原因')).toBeVisible();
  await page.getByRole('dialog').getByTestId('transition-reason').fill('佐证材料不全，请补充月报样本。');
  await page.getByRole('dialog').locator('.ant-modal-footer .ant-btn-primary').click();
  await expect(card.getByTestId('measure-status')).toHaveText('整改中');
  await expect(card).toContainText('佐证材料不全，请补充月报样本。');

  await act('request_close', 'transition-result', '已补充月报样本。');
  await act('verify_close', 'transition-verifier', '县委统战部 赵敏');
  await expect(card.getByTestId('measure-status')).toHaveText('已销号');
  await expect(card.getByTestId('progress-panel')).toContainText('不再记录进展');

  await act('reopen', 'transition-reason', '回访发现月报未按时报送。');
  await expect(card.getByTestId('measure-status')).toHaveText('整改中');
  await card.getByRole('tab', { name: /办理记录/ }).click();
  await expect(card.locator('.ant-table-row')).toHaveCount(5);

  const history = (await rectify.call('findings:get', { id: finding.id })).measures[0].history.map((h) => h.action);
  expect(history).toEqual(expect.arrayContaining(['request_close', 'return', 'verify_close', 'reopen']));
});
