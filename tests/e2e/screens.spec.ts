import { expect, openAt, test } from './fixtures.ts';

/**
 * Every screen at the common office size (1366×768) on the sample ledger: nothing runs off the
 * right edge of the window (the page itself never scrolls sideways; wide tables scroll inside
 * themselves), no English error text, and a screenshot of each is kept with the test's output for
 * looking at.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const SCREENS: [string, string, string][] = [
  ['工作台', 'workbench', 'workbench-page'],
  ['台账', 'ledger', 'ledger-table'],
  ['分析', 'analysis', 'analysis-page'],
  ['反馈批次', 'batches', 'main-menu'],
  ['责任单位', 'units', 'main-menu'],
  ['监督主体', 'organizations', 'main-menu'],
  ['导入', 'import', 'import-file'],
  ['报表', 'reports', 'main-menu'],
  ['设置', 'settings', 'main-menu'],
  ['操作日志', 'audit', 'main-menu'],
  ['回收站', 'recycle', 'main-menu'],
  ['备份与恢复', 'backup', 'main-menu'],
  ['单位考核', 'assessment', 'assessment-table'],
  ['对口监督', 'supervision/relations', 'main-menu'],
  ['监督活动', 'supervision/activities', 'main-menu'],
  ['特邀监督员', 'supervision/supervisors', 'main-menu'],
  ['观察窗口', 'supervision/windows', 'main-menu'],
  ['通报记录', 'supervision/briefings', 'main-menu'],
  ['满意度', 'supervision/satisfaction', 'main-menu'],
  ['监督统计', 'supervision/stats', 'main-menu'],
  ['帮助', 'help', 'main-menu'],
];

test('every screen fits 1366×768 without running off the right edge', async ({ page, rectify }, testInfo) => {
  await rectify.call('sample:load', {});
  const findings = await rectify.call('ledger:query', { filter: {}, pageSize: 1 });
  const [unit] = await rectify.call('units:list', {});
  const screens: [string, string, string][] = [
    ...SCREENS,
    ['问题详情', `findings/${findings.rows[0].findingId}`, 'finding-page'],
    ['新增问题', 'findings/new', 'new-finding-form'],
    ['单位详情', `units/${unit.id}`, 'main-menu'],
  ];
  for (const [name, hash, ready] of screens) {
    await openAt(page, rectify, hash);
    await expect(page.getByTestId(ready).first()).toBeVisible();
    // Let late-loading figures settle before measuring (the app's own loading indicators go away).
    await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 30_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name}：页面超出窗口右边 ${overflow} 像素`).toBeLessThanOrEqual(0);
    const text = await page.locator('body').innerText();
    expect(text, `${name}：界面上出现英文错误`).not.toMatch(/Cannot read|undefined is not|TypeError|Error:/);
    await page.screenshot({ path: testInfo.outputPath(`screen-${hash.replace(/[/?=]/g, '-')}.png`) });
  }
});
