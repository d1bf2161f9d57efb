import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import type { Download, Page } from '@playwright/test';
import { test, expect, openAt } from './fixtures.ts';

/** 报表 through the real UI: the buttons produce real files, and printing repeats the ledger header. */

test.use({ seedFindings: 60 });

const NO_POPPLER = 'pdftotext 未安装（.ci/run 会安装 poppler-utils），跳过打印预览的分页检查';

async function download(page: Page, click: () => Promise<void>, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const target = path.join(dir, (file as Download).suggestedFilename());
  await (file as Download).saveAs(target);
  return target;
}

function zipText(file: string, name: string): string {
  const entry = XLSX.CFB.find(XLSX.CFB.read(fs.readFileSync(file), { type: 'buffer' }), `/${name}`);
  return Buffer.from(entry!.content as Uint8Array).toString('utf8');
}

const hasPoppler = spawnSync('which', ['pdftotext']).status === 0;
if (!hasPoppler) console.log(`[report print] 已跳过：${NO_POPPLER}`);

function pdfPage(pdf: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], { encoding: 'utf8' });
}

test('the export and report buttons produce an Excel ledger, a Word report and a 督办通知单', async ({ page, rectify }, testInfo) => {
  const dir = testInfo.outputPath('files');
  fs.mkdirSync(dir, { recursive: true });
  await openAt(page, rectify, 'reports');
  const summary = await rectify.call('report:summary', { filter: {} });
  await expect(page.getByTestId('summary-sentence')).toHaveText(`${summary.sentence}。`);

  // Excel: only four columns, grouped by unit.
  const picker = page.getByTestId('column-picker');
  for (const c of ['source', 'category', 'target', 'units', 'leader', 'person', 'progress', 'evidence', 'closedDate', 'signal', 'note', 'finding']) {
    const item = picker.getByTestId(`column-${c}`);
    if ((await item.getAttribute('data-checked')) === 'true') {
      await item.click();
      await expect(item).toHaveAttribute('data-checked', 'false');
    }
  }
  const xlsx = await download(page, () => page.getByTestId('export-xlsx').click(), dir);
  expect(path.basename(xlsx)).toMatch(/^整改台账_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const ws = wb.getWorksheet('整改台账')!;
  expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '整改措施', '牵头单位', '整改时限', '整改状态']);
  expect(wb.getWorksheet('统计')).toBeTruthy();
  // The choice is remembered.
  expect((await rectify.call('report:options', {})).columns).toEqual(['seq', 'measure', 'leadUnit', 'deadline', 'status']);

  const docx = await download(page, () => page.getByTestId('report-word').click(), dir);
  expect(path.basename(docx)).toMatch(/^整改情况报告_.*\.docx$/);
  const body = zipText(docx, 'word/document.xml');
  expect(body).toContain('一、整改工作开展情况');
  expect(body).toContain(summary.sentence);

  // 督办: the first late measure gets notice No. 1 of the year, listed and reprintable.
  // A number cannot be taken back: the clerk is told which one before it is issued.
  await page.getByTestId('issue-notice').first().click();
  await expect(page.getByRole('dialog').filter({ hasText: '编号一经生成不能收回' })).toContainText('将生成督办单 第 1 号');
  const notice = await download(page, () => page.getByTestId('issue-notice-confirm').click(), dir);
  // The first notice of a measure is a 提醒函, named with its number and the unit it goes to.
  expect(path.basename(notice)).toMatch(/^提醒函_督办〔\d{4}〕1号_.+\.docx$/);
  await page.getByRole('tab', { name: /已发通知单/ }).click();
  await expect(page.getByTestId('notice-list').getByText(/督办〔\d{4}〕1号/)).toBeVisible();
  const again = await download(page, () => page.getByTestId('notice-list').getByRole('button', { name: '重印' }).click(), dir);
  expect(zipText(again, 'word/document.xml')).toMatch(/督办〔\d{4}〕1号/);
  await page.screenshot({ path: testInfo.outputPath('reports-page.png'), fullPage: true });
});

test('printing the ledger gives A4 landscape pages whose header row repeats on page 2', async ({ page, rectify }, testInfo) => {
  test.skip(!hasPoppler, NO_POPPLER);
  await openAt(page, rectify, 'reports');
  // The preview is what Chromium would print: keep the dialog out of the way and render the pages.
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await page.getByTestId('print-ledger-button').click();
  await expect(page.locator('#print-root [data-testid=print-ledger] tbody tr')).toHaveCount((await rectify.call('stats:get', {})).measures);
  await page.emulateMedia({ media: 'print' });
  const pdf = testInfo.outputPath('ledger-print.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(2);
  expect(info).toMatch(/Page size:\s+84[12]\.\d+ x 59[45]\.\d+/);
  const firstLine = (t: string) => t.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
  expect(firstLine(pdfPage(pdf, 1))).toMatch(/整改台账$/);
  expect(firstLine(pdfPage(pdf, 2))).toMatch(/^序号\s+反馈来源\s+问题类别\s+反馈问题\s+整改措施/);
  // Nothing of the app (menu, buttons) is printed.
  expect(pdfPage(pdf, 1)).not.toContain('导出 Excel 台账');
});

test('a finding prints as a one-page portrait 交办单', async ({ page, rectify }, testInfo) => {
  test.skip(!hasPoppler, NO_POPPLER);
  await openAt(page, rectify, 'reports');
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await page.getByTestId('print-assignment-button').first().click();
  await expect(page.locator('#print-root [data-testid=assignment-sheet]')).toBeAttached();
  await page.emulateMedia({ media: 'print' });
  const pdf = testInfo.outputPath('assignment.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true });
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(1);
  expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 84[12]\.\d+/);
  expect(pdfPage(pdf, 1).replace(/\s+/g, '')).toContain('民主监督反馈问题整改交办单');
});
