import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import XLSX from 'xlsx';
import { test, expect, openAt, pickOption } from './fixtures.ts';

/**
 * Issue 11 at a clerk's screen size: the 民主监督 registers. A clerk records an activity with 人次
 * and a report, appoints a supervisor, sets up an observation window, grades a batch's
 * satisfaction, and finds all of it in 监督统计 and in the exported paragraph. Every screen is
 * photographed at 1366×768.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const SHOTS = process.env.SUPERVISION_SHOTS ?? '/tmp/s1/shots';
test.beforeAll(() => fs.mkdirSync(SHOTS, { recursive: true }));
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

const PAGES = [
  ['relations', '对口监督', '还没有对口监督关系'],
  ['activities', '监督活动', '还没有监督活动'],
  ['supervisors', '特邀监督员', '还没有监督员'],
  ['windows', '观察窗口', '还没有观察窗口'],
  ['briefings', '通报记录', '还没有通报记录'],
  ['satisfaction', '满意度', '还没有满意度评价'],
] as const;

test('each register, empty, says what it is for; the 民主监督 menu opens them', async ({ page, rectify }) => {
  await openAt(page, rectify, 'supervision/activities');
  const menu = page.getByTestId('main-menu');
  for (const [key, label, empty] of PAGES) {
    await menu.getByText(label, { exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`#/supervision/${key}`));
    await expect(page.getByTestId(`${key}-table`)).toContainText(empty);
    await shot(page, `empty-${key}`);
  }
  await menu.getByText('监督统计', { exact: true }).click();
  await expect(page.getByTestId('stats-paragraph')).toContainText('暂无民主监督工作记录');
  await shot(page, 'empty-stats');
  // With the group open the menu is taller than the window: it scrolls, and its last items stay reachable.
  await menu.getByText('回收站', { exact: true }).click();
  await expect(page).toHaveURL(/#\/recycle/);
});

test('record an activity, a supervisor, a window and a batch’s satisfaction; see them in 监督统计 and the exported paragraph', async ({ page, rectify }) => {
  const org = (await rectify.call('orgs:list', {})).find((o) => o.party === '民盟')!;
  const info = await rectify.call('app:info', {});
  const year = info.today.slice(0, 4);
  const batch = await rectify.call('batches:save', { organizationId: org.id, area: '脱贫攻坚', docNumber: '民盟〔2026〕3号', receivedDate: info.today, topic: '产业扶贫专项监督反馈意见' });

  // 监督活动: 专项监督 with 12 人次 and a report that became the batch.
  await openAt(page, rectify, 'supervision/activities');
  await page.getByTestId('new-activity').click();
  const a = page.getByRole('dialog', { name: '登记监督活动' });
  await pickOption(page, a.getByTestId('activity-org'), org.name);
  await a.getByLabel('参与人次').fill('12');
  await a.getByPlaceholder('如：青山县城关镇红岩村').fill('青山县城关镇');
  await a.getByPlaceholder('如：李建华、王秀英等，用顿号隔开').fill('李建华、王秀英等');
  await a.getByTestId('activity-report').fill('关于产业扶贫项目情况的监督报告');
  await pickOption(page, a.getByTestId('activity-batch'), '产业扶贫专项监督反馈意见', { type: false });
  await shot(page, 'activity-form');
  await a.getByRole('button', { name: '保存' }).click();
  await expect(a).toBeHidden();
  const activities = page.getByTestId('activities-table');
  await expect(activities).toContainText('专项监督');
  await expect(activities).toContainText('关于产业扶贫项目情况的监督报告');
  await expect(activities).toContainText('反馈批次：民盟市委 民盟〔2026〕3号 · 产业扶贫专项监督反馈意见');
  await expect(page.getByText('共 1 次，党派监督参与 12 人次')).toBeVisible();
  await shot(page, 'activities');

  // A bad save is refused in the form, in Chinese, and nothing is added.
  await page.getByTestId('new-activity').click();
  const bad = page.getByRole('dialog', { name: '登记监督活动' });
  await bad.getByRole('button', { name: '保存' }).click();
  await expect(bad.getByText('请选择党派')).toBeVisible();
  await bad.getByRole('button', { name: '取消' }).click();
  await expect(activities.locator('tbody tr.ant-table-row')).toHaveCount(1);

  // 特邀监督员: the phone is in the detail only.
  await page.getByTestId('main-menu').getByText('特邀监督员', { exact: true }).click();
  await page.getByTestId('new-supervisor').click();
  const s = page.getByRole('dialog', { name: '聘任监督员' });
  await s.getByTestId('supervisor-name').fill('李建华');
  await pickOption(page, s.getByTestId('supervisor-org'), org.name);
  await s.getByLabel('工作单位').fill('青山县人民医院');
  await s.getByLabel('联系电话').fill('13800001234');
  await s.getByRole('button', { name: '保存' }).click();
  await expect(s).toBeHidden();
  const supervisors = page.getByTestId('supervisors-table');
  await expect(supervisors).toContainText('李建华');
  await expect(supervisors).toContainText('在任');
  await expect(supervisors).not.toContainText('13800001234');
  await shot(page, 'supervisors');
  await supervisors.getByRole('button', { name: '详情' }).click();
  await expect(page.getByTestId('supervisor-detail')).toContainText('13800001234');
  await shot(page, 'supervisor-detail');
  await page.getByRole('dialog', { name: '监督员详情' }).getByRole('button', { name: '关闭', exact: true }).last().click();

  // 观察窗口: a county window watching 40 households.
  await page.getByTestId('main-menu').getByText('观察窗口', { exact: true }).click();
  await page.getByTestId('new-window').click();
  const w = page.getByRole('dialog', { name: '设立观察窗口' });
  await pickOption(page, w.getByTestId('window-level'), '县级', { type: false });
  await w.getByTestId('window-place').fill('青山县');
  await pickOption(page, w.getByTestId('window-org'), org.name);
  await w.getByLabel('观察户数').fill('40');
  await w.getByLabel('反映情况').fill(`${year}年5月：观察户反映产业项目分红未按时发放。`);
  await w.getByRole('button', { name: '保存' }).click();
  await expect(w).toBeHidden();
  await expect(page.getByTestId('windows-table')).toContainText('县级');
  await expect(page.getByText('共 1 个窗口，观察 40 户')).toBeVisible();
  await shot(page, 'windows');

  // 满意度 of the batch, from the 反馈批次 page.
  await page.getByTestId('main-menu').getByText('反馈批次', { exact: true }).click();
  await page.getByTestId(`batch-grade-${batch.id}`).click();
  const g = page.getByRole('dialog', { name: '登记满意度评价' });
  await g.getByTestId('satisfaction-grade').getByText('基本满意').click();
  await g.getByLabel('备注').fill('据民盟市委对反馈函的复函');
  await shot(page, 'satisfaction-form');
  await g.getByRole('button', { name: '保存' }).click();
  await expect(g).toBeHidden();
  await expect(page.getByTestId(`batch-grade-${batch.id}`)).toHaveText('基本满意');
  await shot(page, 'batches-satisfaction');
  await page.getByTestId('main-menu').getByText('满意度', { exact: true }).click();
  await expect(page.getByTestId('satisfaction-table')).toContainText('整个批次');
  await shot(page, 'satisfaction');

  // 通报 and 对口监督, so that every screen has a row to show.
  await rectify.call('briefings:save', { kind: 'meeting', date: info.today, organizationId: org.id, title: `${year}年脱贫攻坚工作情况通报会` });
  await rectify.call('relations:save', { organizationId: org.id, area: '青山县脱贫攻坚', sinceDate: `${year}-01-10`, planTitle: '民盟市委对口青山县开展脱贫攻坚民主监督实施方案', planDocNumber: '统战〔2026〕3号', focusAreas: ['资金使用', '产业扶贫'] });
  await page.getByTestId('main-menu').getByText('通报记录', { exact: true }).click();
  await expect(page.getByTestId('briefings-table')).toContainText('通报会');
  await shot(page, 'briefings');
  await page.getByTestId('main-menu').getByText('对口监督', { exact: true }).click();
  await expect(page.getByTestId('relations-table')).toContainText('青山县脱贫攻坚');
  await shot(page, 'relations');

  // 监督统计: the table and the paragraph.
  await page.getByTestId('main-menu').getByText('监督统计', { exact: true }).click();
  const paragraph = page.getByTestId('stats-paragraph');
  const expected =
    `${year}年，我部协助各民主党派开展民主监督，组织专项监督1次，参与监督12人次，提出监督报告或意见共计1篇次。` +
    '聘任特邀监督员1名，设立县级观察窗口1个，观察贫困户40个。定期向各民主党派通报情况，召开通报会1次。' +
    '全年收到反馈意见1批。各民主党派对整改反馈的评价为基本满意1批。';
  await expect(paragraph).toHaveText(expected);
  const table = page.getByTestId('stats-table');
  await expect(table.getByRole('row', { name: /民盟市委/ })).toContainText('12');
  await expect(table.getByRole('row', { name: /合计/ })).toBeVisible();
  await expect(page.getByTestId('export-stats')).toBeEnabled();
  await expect(table.locator('.ant-spin-spinning')).toHaveCount(0);
  await shot(page, 'stats');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-paragraph').click()]);
  expect(download.suggestedFilename()).toBe(`${year}年民主监督工作情况.docx`);
  const docx = path.join(SHOTS, download.suggestedFilename());
  await download.saveAs(docx);
  const zip = XLSX.CFB.read(fs.readFileSync(docx), { type: 'buffer' });
  const xml = Buffer.from(XLSX.CFB.find(zip, '/word/document.xml')!.content as Uint8Array).toString('utf8');
  expect(xml.replace(/<[^>]+>/g, '')).toContain(expected);

  const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-stats').click()]);
  expect(sheet.suggestedFilename()).toBe(`${year}年民主监督工作统计.xlsx`);
  await sheet.saveAs(path.join(SHOTS, sheet.suggestedFilename()));
});

test('a deleted register entry waits in the 回收站 under its own name and comes back', async ({ page, rectify }) => {
  const org = (await rectify.call('orgs:list', {})).find((o) => o.party === '民建')!;
  await rectify.call('briefings:save', { kind: 'forum', date: '2026-03-12', organizationId: org.id, title: '民主监督工作座谈会' });
  await openAt(page, rectify, 'supervision/briefings');
  const table = page.getByTestId('briefings-table');
  await table.getByRole('button', { name: '删除' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '删除' }).click();
  await expect(page.getByText('已移入回收站，可在“回收站”中恢复')).toBeVisible();
  await expect(table).toContainText('还没有通报记录');

  await page.getByTestId('main-menu').getByText('回收站', { exact: true }).click();
  const entry = page.getByTestId('recycle-table').getByRole('row', { name: /民主监督工作座谈会/ });
  await expect(entry).toContainText('通报记录：2026年3月12日 座谈会：民主监督工作座谈会');
  await shot(page, 'recycle-briefing');
  await entry.getByRole('button', { name: '恢复' }).click();
  await expect(page.getByTestId('restored-message')).toContainText('已恢复：通报记录');
  await page.getByTestId('main-menu').getByText('通报记录', { exact: true }).click();
  await expect(page.getByTestId('briefings-table')).toContainText('民主监督工作座谈会');
});
