import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import type { Download, Route } from '@playwright/test';
import { test, expect, openAt } from './fixtures.ts';

/**
 * The 报表 page on a ledger of thousands of findings (issues 7 and 8): the buttons come before the
 * figures, a Word report runs as a job with its stage shown and arrives as a download, and
 * 「取消」 stops it with nothing left behind.
 */

test.use({ seedFindings: 4000 });

function zipText(file: string, name: string): string {
  const entry = XLSX.CFB.find(XLSX.CFB.read(fs.readFileSync(file), { type: 'buffer' }), `/${name}`);
  return Buffer.from(entry!.content as Uint8Array).toString('utf8');
}

/** Folders under exports/ that hold a finished file. */
function finishedExports(dataDir: string): string[] {
  const root = path.join(dataDir, 'exports');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).filter((id) => fs.readdirSync(path.join(root, id)).some((f) => !f.endsWith('.part')));
}

test('the buttons are there and work before the figures have arrived', async ({ page, rectify }) => {
  // Hold the figures and the remembered options back until the buttons have been used: they must wait for neither.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  for (const channel of ['report%3Asummary', 'report%3Aoptions']) {
    await page.route(`**/api/${channel}`, async (route: Route) => {
      await held;
      await route.continue();
    });
  }
  await openAt(page, rectify, 'reports');
  await expect(page.getByTestId('report-word')).toBeEnabled();
  await expect(page.getByTestId('export-xlsx')).toBeEnabled();
  await expect(page.getByTestId('report-summary')).toHaveAttribute('data-loaded', 'false');
  await expect(page.getByTestId('summary-sentence')).toHaveCount(0);
  await page.getByTestId('report-word').click();
  await expect(page.getByTestId('report-job-progress')).toBeVisible();
  await page.getByTestId('report-job-cancel').click();
  await expect(page.getByTestId('report-job-progress')).toHaveCount(0);
  await expect(page.getByTestId('report-summary')).toHaveAttribute('data-loaded', 'false');
  release();
  const summary = await rectify.call('report:summary', { filter: {} });
  await expect(page.getByTestId('summary-sentence')).toHaveText(`${summary.sentence}。`);
  await expect(page.getByTestId('report-summary')).toHaveAttribute('data-loaded', 'true');
});

test('a Word report runs as a job: its stage shows, then the file downloads', async ({ page, rectify }, testInfo) => {
  await openAt(page, rectify, 'reports');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    (async () => {
      await page.getByTestId('report-word').click();
      await expect(page.getByTestId('report-job-progress')).toBeVisible();
      await expect(page.getByTestId('report-job-stage')).toContainText('正在生成');
      await expect(page.getByTestId('report-job-cancel')).toBeVisible();
    })(),
  ]);
  const target = testInfo.outputPath((download as Download).suggestedFilename());
  await (download as Download).saveAs(target);
  expect(path.basename(target)).toMatch(/^整改情况报告_\d{4}-\d{2}-\d{2}\.docx$/);
  const body = zipText(target, 'word/document.xml');
  expect(body).toContain('一、整改工作开展情况');
  expect(body).toContain((await rectify.call('report:summary', { filter: {} })).sentence);
  await expect(page.getByTestId('report-job-progress')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('report-job-save')).toBeVisible();
  // The file came from exports/ through /files/<id>, not as base64 through /api.
  expect(finishedExports(rectify.dataDir)).toHaveLength(1);
});

test('「取消」 stops a Word report and leaves no file', async ({ page, rectify }) => {
  await openAt(page, rectify, 'reports');
  let downloaded = false;
  page.on('download', () => (downloaded = true));
  await page.getByTestId('report-word').click();
  await page.getByTestId('report-job-cancel').click();
  await expect(page.getByText('已取消，没有生成文件')).toBeVisible();
  await expect(page.getByTestId('report-job-progress')).toHaveCount(0);
  await expect(page.getByTestId('report-word')).toBeEnabled();
  // A report started after the cancelled one finishes (longer than the cancelled one had left), and is the only file.
  const { jobId } = await rectify.call('jobs:start', { kind: 'report:word', input: {} });
  await expect.poll(async () => (await rectify.call('jobs:status', { jobId })).state, { timeout: 120_000 }).toBe('done');
  expect(finishedExports(rectify.dataDir)).toEqual([jobId]);
  expect(downloaded).toBe(false);
});
