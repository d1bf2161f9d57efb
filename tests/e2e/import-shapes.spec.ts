import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph, TextRun, AlignmentType } from 'docx';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect, openAt, pickOption, type RectifyServer } from './fixtures.ts';
import { fixtureBatch } from '../fixtures/import/batch-input.ts';

/**
 * 导入 of the shapes offices really receive, through the real page at the clerks' screen size:
 * a Word feedback letter, a compiled sheet of stacked tables, a mapping chosen by hand and
 * remembered, a header pointed at by hand, and our own blank template coming back filled in.
 * Every file is written here, as Word / Excel would write it.
 */

test.use({ viewport: { width: 1366, height: 768 } });

/** Screenshots also go where a reviewer asked for them (outside the repository). */
async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(name) });
  const extra = process.env.RECTIFY_IMPORT_SHOTS;
  if (extra) {
    fs.mkdirSync(extra, { recursive: true });
    await page.screenshot({ path: path.join(extra, name) });
  }
}

async function newBatch(rectify: RectifyServer, topic: string): Promise<number> {
  const orgs = await rectify.call('orgs:list', {});
  return (await rectify.call('batches:save', fixtureBatch(orgs[0].id, topic))).id;
}

async function openImport(page: Page, batchWords: string): Promise<void> {
  await page.reload();
  await expect(page.getByTestId('main-menu')).toBeVisible();
  await page.getByTestId('main-menu').getByText('导入').click();
  await expect(page.getByTestId('import-page')).toBeVisible();
  await pickOption(page, page.getByTestId('import-batch'), batchWords);
}

async function chooseFile(page: Page, file: string): Promise<void> {
  await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(file);
}

async function writeSheet(file: string, rows: (string | number | Date | null)[][], sheet = 'Sheet1'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  rows.forEach((values, i) => {
    const row = ws.getRow(i + 1);
    values.forEach((v, k) => (row.getCell(k + 1).value = v));
  });
  await wb.xlsx.writeFile(file);
  return file;
}

/** The texts of the findings the last import created, read back from the core. */
async function createdFindingTexts(rectify: RectifyServer): Promise<string[]> {
  const created = (await rectify.call('audit:list', { entity: 'finding' })).filter((a) => a.entityId !== null);
  const texts: string[] = [];
  for (const a of created) texts.push((await rectify.call('findings:get', { id: a.entityId! })).text);
  // Whether a letter's full stop is kept is the reader's choice; the words are what matter.
  return texts.map((t) => t.replace(/。$/, '')).sort();
}

const cn = (text: string, opts: { bold?: boolean; size?: number } = {}) =>
  new TextRun({ text, bold: opts.bold, size: opts.size ?? 32, font: { ascii: 'FangSong', hAnsi: 'FangSong', eastAsia: '仿宋', hint: 'eastAsia' } });

test('a Word feedback letter (numbered paragraphs) imports its findings, not its suggestions', async ({ page, rectify }, testInfo) => {
  await newBatch(rectify, '民盟反馈意见（Word）');
  const para = (text: string, opts: { bold?: boolean; center?: boolean; size?: number } = {}) =>
    new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : undefined, children: [cn(text, opts)] });
  const doc = new Document({
    sections: [
      {
        children: [
          para('民盟XX县委关于XX县脱贫攻坚民主监督情况的反馈意见', { bold: true, center: true, size: 44 }),
          para('中共XX县委：'),
          para('根据年度民主监督工作安排，我委于2021年4月对XX县脱贫攻坚工作开展了专项监督。现将有关情况反馈如下。'),
          para('一、总体情况', { bold: true }),
          para('XX县委、县政府高度重视脱贫攻坚工作，各项政策措施落实有力。'),
          para('二、存在的问题', { bold: true }),
          para('（一）产业扶贫方面'),
          para('1.部分乡镇产业项目同质化严重，市场风险较大。'),
          para('2.扶贫车间带动就业能力不强，部分车间处于停工状态。'),
          para('（二）资金管理方面'),
          para('3.个别项目扶贫资金拨付滞后，资金闲置时间较长。'),
          para('三、意见建议', { bold: true }),
          para('1.建议因地制宜发展特色产业，避免一哄而上。'),
          para('2.建议加快资金拨付进度，提高资金使用效益。'),
          para('民盟XX县委'),
          para('2021年5月10日'),
        ],
      },
    ],
  });
  const file = testInfo.outputPath('民盟XX县委反馈意见.docx');
  fs.writeFileSync(file, await Packer.toBuffer(doc));

  await openImport(page, 'Word');
  await chooseFile(page, file);
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('preview-findings')).toBeVisible();
  await expect(preview.getByTestId('mapping-title').first()).toContainText('Word 正文段落');
  const findings = preview.getByTestId('preview-findings');
  await expect(findings.locator('tbody tr.ant-table-row')).toHaveCount(3);
  await expect(findings).toContainText('部分乡镇产业项目同质化严重');
  await expect(findings).toContainText('个别项目扶贫资金拨付滞后');
  // The suggestions are not findings, and a finding without measures says what happens next.
  await expect(findings).not.toContainText('建议因地制宜发展特色产业');
  await expect(findings.getByTestId('preview-no-measures').first()).toContainText('尚未分解整改措施，导入后在台账中分解');
  await shot(page, testInfo, 'import-word-letter-1366.png');

  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('新增反馈问题 3 个');
  expect(await createdFindingTexts(rectify)).toEqual(
    [
      '部分乡镇产业项目同质化严重，市场风险较大',
      '扶贫车间带动就业能力不强，部分车间处于停工状态',
      '个别项目扶贫资金拨付滞后，资金闲置时间较长',
    ].sort(),
  );
  const first = (await rectify.call('audit:list', { entity: 'finding' })).find((a) => a.entityId !== null)!;
  await openAt(page, rectify, `findings/${first.entityId}`);
  await expect(page.getByTestId('finding-text-view')).toBeVisible();
});

test('a sheet of two stacked tables, each under its own caption, imports both and no header as a finding', async ({ page, rectify }, testInfo) => {
  await newBatch(rectify, '汇总表（两个党派）');
  const header = ['序号', '反馈问题', '整改措施', '责任单位', '整改时限'];
  const file = await writeSheet(
    testInfo.outputPath('各党派反馈问题汇总.xlsx'),
    [
      ['民盟XX县委反馈问题'],
      header,
      [1, '产业项目同质化严重', '编制特色产业发展规划', '县农业农村局', '2021年6月底前'],
      [2, '扶贫资金拨付滞后', '建立资金拨付台账', '县财政局', '立行立改'],
      [],
      ['民建XX县委反馈问题'],
      header,
      [1, '小额信贷回收风险较大', '开展到期贷款清收', '县金融办', '2021年9月30日'],
      [2, '易地搬迁后续扶持不足', '完善安置点配套设施', '县发改局', '长期坚持'],
    ],
    '汇总',
  );

  await openImport(page, '汇总表');
  await chooseFile(page, file);
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('mapping')).toHaveCount(2);
  await expect(preview.getByTestId('mapping-title').nth(1)).toHaveText('工作表“汇总” · 第 2 个表格');
  await expect(preview.getByTestId('mapping').nth(0).getByTestId('mapping-caption-gives')).toContainText('民盟XX县委');
  await expect(preview.getByTestId('mapping').nth(1).getByTestId('mapping-caption-gives')).toContainText('民建XX县委');
  const findings = preview.getByTestId('preview-findings');
  await expect(findings.locator('tbody tr.ant-table-row')).toHaveCount(4);
  await expect(findings).toContainText('小额信贷回收风险较大');
  await shot(page, testInfo, 'import-preview-1366.png');
  await findings.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'import-findings-1366.png');

  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('新增反馈问题 4 个、整改措施 4 项');
  const rows = (await rectify.call('ledger:query', { filter: {} })).rows;
  expect(rows.map((r) => r.findingText).sort()).toEqual(['产业项目同质化严重', '小额信贷回收风险较大', '扶贫资金拨付滞后', '易地搬迁后续扶持不足'].sort());
  expect(rows.some((r) => r.findingText === '反馈问题' || r.measureText === '整改措施')).toBe(false);
});

test('a column mapped by hand is remembered for the next file with the same header', async ({ page, rectify }, testInfo) => {
  await newBatch(rectify, '手动对应');
  const header = ['序号', '反馈问题', '整改措施', '责任单位', '整改时限', '备注'];
  const first = await writeSheet(testInfo.outputPath('第一次.xlsx'), [
    ['XX县民主监督反馈问题整改台账'],
    header,
    [1, '村级公益岗位管理不规范', '制定公益岗位管理办法', '县人社局', '2021-06-30', '办法已印发'],
  ]);
  const second = await writeSheet(testInfo.outputPath('第二次.xlsx'), [
    ['XX县民主监督反馈问题整改台账'],
    header,
    [1, '农村危房改造验收不及时', '组织危房改造集中验收', '县住建局', '2021-08-31', '已验收120户'],
  ]);

  await openImport(page, '手动对应');
  await chooseFile(page, first);
  await expect(page.getByTestId('mapping-F')).toContainText('备注');
  // In this office the 备注 column holds progress: the clerk says so once.
  await pickOption(page, page.getByTestId('mapping-F'), '整改进展');
  await expect(page.getByTestId('mapping-F')).toContainText('整改进展');
  await expect(page.getByTestId('import-commit')).toBeEnabled();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('新增反馈问题 1 个');
  const rows = (await rectify.call('ledger:query', { filter: {} })).rows;
  expect(rows.map((r) => r.lastProgressText)).toEqual(['办法已印发']);

  await chooseFile(page, second);
  await expect(page.getByTestId('import-preview')).toContainText('已套用上次为同样表头选择的列对应关系');
  await expect(page.getByTestId('mapping-F')).toContainText('整改进展');
});

test('a sheet without a recognisable header shows its first rows; pointing at the header row yields findings', async ({ page, rectify }, testInfo) => {
  await newBatch(rectify, '指定表头');
  const selfCheck = [
    ['XX镇上报材料'],
    ['说明：以下为本镇自查发现的问题及做法'],
    ['存在问题', '怎么改', '谁来改', '啥时候改'],
    ['村集体经济收入偏低', '盘活闲置集体资产', '镇经发办', '2026年6月底前'],
    ['部分农户住房安全鉴定滞后', '组织住房安全排查', '镇村建办', '立行立改'],
  ];
  // Beside a sheet that reads by itself, the odd one is listed, its rows folded away.
  const twoSheets = new ExcelJS.Workbook();
  const ledger = twoSheets.addWorksheet('台账');
  [['序号', '反馈问题', '整改措施', '责任单位', '整改时限'], [1, '产业项目同质化严重', '编制特色产业发展规划', '县农业农村局', '2026-06-30']].forEach((v, i) =>
    v.forEach((x, k) => (ledger.getRow(i + 1).getCell(k + 1).value = x)),
  );
  const odd = twoSheets.addWorksheet('自查');
  selfCheck.forEach((v, i) => v.forEach((x, k) => (odd.getRow(i + 1).getCell(k + 1).value = x)));
  const both = testInfo.outputPath('台账与自查.xlsx');
  await twoSheets.xlsx.writeFile(both);

  await openImport(page, '指定表头');
  await chooseFile(page, both);
  const listed = page.getByTestId('unlocated-sheet').filter({ hasText: '工作表“自查”没有找到表头' });
  await expect(listed).toBeVisible();
  await expect(page.getByTestId('preview-findings').locator('tbody tr.ant-table-row')).toHaveCount(1);
  await listed.getByTestId('unlocated-toggle').click();
  await expect(listed.getByTestId('unlocated-grid').locator('tr[data-row]')).toHaveCount(5);
  await listed.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'import-unlocated-beside-1366.png');

  // Nothing readable at all: the grid is the page, and the clerk points at row 3.
  const file = await writeSheet(testInfo.outputPath('乡镇报来的问题.xlsx'), selfCheck, '自查');
  await chooseFile(page, file);
  const unlocated = page.getByTestId('unlocated-sheet').filter({ hasText: '工作表“自查”没有找到表头' });
  await expect(unlocated).toBeVisible();
  const grid = unlocated.getByTestId('unlocated-grid');
  await expect(grid.locator('tr[data-row]')).toHaveCount(5);
  await expect(grid.locator('tr[data-row="3"]')).toContainText('谁来改');
  await shot(page, testInfo, 'import-unlocated-1366.png');

  await grid.locator('tr[data-row="3"]').getByTestId('set-header-row').click();
  const findings = page.getByTestId('preview-findings');
  await expect(findings.locator('tbody tr.ant-table-row')).toHaveCount(2);
  await expect(findings).toContainText('村集体经济收入偏低');
  await expect(page.getByTestId('mapping').first()).toContainText('手动指定的表头');

  // The chosen row goes with the commit too.
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('新增反馈问题 2 个');
  expect(await createdFindingTexts(rectify)).toEqual(['村集体经济收入偏低', '部分农户住房安全鉴定滞后'].sort());
});

test('the blank template downloads, is filled in as an office would, and imports', async ({ page, rectify }, testInfo) => {
  await newBatch(rectify, '按模板填报');
  await openImport(page, '按模板填报');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
  expect(download.suggestedFilename()).toBe('整改台账空白模板.xlsx');
  const file = testInfo.outputPath('整改台账空白模板.xlsx');
  await download.saveAs(file);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('整改台账')!;
  const header = (ws.getRow(3).values as unknown[]).slice(1);
  const col = (name: string) => header.indexOf(name) + 1;
  const fill = (r: number, v: Record<string, string | number>) => {
    for (const [k, value] of Object.entries(v)) ws.getRow(r).getCell(col(k)).value = value;
  };
  fill(4, { 序号: 1, 反馈问题: '产业扶贫项目效益不高', 整改措施: '开展项目绩效评估', 牵头单位: '县农业农村局', 配合单位: '县财政局、县审计局', 整改时限: '2026年6月底前', 整改状态: '整改中' });
  fill(5, { 序号: 1, 反馈问题: '产业扶贫项目效益不高', 整改措施: '调整低效项目', 牵头单位: '县农业农村局', 整改时限: '长期坚持', 整改状态: '长期坚持' });
  fill(6, { 序号: 2, 反馈问题: '帮扶干部走访不到位', 整改措施: '建立走访台账', 牵头单位: '县委组织部', 整改时限: '立行立改', 整改状态: '已销号' });
  const filled = testInfo.outputPath('填好的台账.xlsx');
  await wb.xlsx.writeFile(filled);

  await chooseFile(page, filled);
  const findings = page.getByTestId('preview-findings');
  await expect(findings.locator('tbody tr.ant-table-row')).toHaveCount(2);
  await expect(findings.getByTestId('preview-measure')).toHaveCount(3);
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('新增反馈问题 2 个、整改措施 3 项');
  const rows = (await rectify.call('ledger:query', { filter: {} })).rows;
  const evaluation = rows.find((r) => r.measureText === '开展项目绩效评估')!;
  expect(evaluation).toMatchObject({ leadUnitName: '县农业农村局', deadlineKind: 'date', deadlineDate: '2026-06-30' });
  expect(evaluation.coUnitNames.sort()).toEqual(['县审计局', '县财政局'].sort());
  expect(rows.find((r) => r.measureText === '建立走访台账')).toMatchObject({ deadlineKind: 'immediate', status: 'closed' });
});
