import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import type { Download, Page } from '@playwright/test';
import { test, expect, openAt } from './fixtures.ts';

/**
 * Issue 9 at a clerk's screen (1366×768): the Word 整改情况报告 card — 主送机关, the office's own
 * wording, charts — produces a report that carries them, and remembers them for the next one.
 */
test.use({ seedFindings: 60, viewport: { width: 1366, height: 768 } });

async function download(page: Page, click: () => Promise<void>, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), click()]);
  const target = path.join(dir, (file as Download).suggestedFilename());
  await (file as Download).saveAs(target);
  return target;
}

const documentText = (file: string) => {
  const cfb = XLSX.CFB.read(fs.readFileSync(file), { type: 'buffer' });
  const xml = Buffer.from(XLSX.CFB.find(cfb, '/word/document.xml')!.content as Uint8Array).toString('utf8');
  return { xml, media: cfb.FullPaths.filter((p: string) => /word\/media\/.+\.png$/.test(p)).length };
};

test('the clerk addresses the report, words its first part and asks for charts; the Word file carries them and they are remembered', async ({ page, rectify }, testInfo) => {
  const dir = testInfo.outputPath('files');
  fs.mkdirSync(dir, { recursive: true });
  await openAt(page, rectify, 'reports');
  const card = page.getByTestId('report-word-card');
  await card.scrollIntoViewIfNeeded();
  // The seeded office is 中共青山市委统战部: its superior is offered as the 主送机关.
  await expect(card.getByTestId('report-addressee')).toHaveAttribute('placeholder', '中共青山市委');
  await card.getByTestId('report-addressee').fill('中共青山市委、青山市人民政府');
  await card.getByTestId('report-charts').check();
  await card.getByText(/报告文字（可按本单位实际修改/).click();
  const leadership = card.getByTestId('wording-leadership');
  await leadership.fill('收到反馈意见后，{我部}第一时间召开部务会专题研究，制定措施{措施数}条。');
  await expect(card.getByText('已修改 1 段')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('report-word-card.png') });

  const file = await download(page, () => card.getByTestId('report-word').click(), dir);
  const { xml, media } = documentText(file);
  expect(xml).toContain('中共青山市委、青山市人民政府：');
  const measures = (await rectify.call('report:summary', { filter: {} })).total.measures;
  expect(xml).toContain(`收到反馈意见后，我部第一时间召开部务会专题研究，制定措施${measures}条。`);
  expect(xml).toContain('特此报告。');
  expect(media).toBe(2);

  // Remembered: the next visit shows the same choices.
  const saved = await rectify.call('report:options', {});
  expect(saved.addressee).toBe('中共青山市委、青山市人民政府');
  expect(saved.charts).toBe(true);
  expect(saved.wording.leadership).toContain('部务会');
  await page.reload();
  await expect(page.getByTestId('report-addressee')).toHaveValue('中共青山市委、青山市人民政府');
  await expect(page.getByTestId('report-charts')).toBeChecked();
});

test('a field the app does not know is refused in Chinese and nothing is written', async ({ page, rectify }) => {
  await openAt(page, rectify, 'reports');
  const card = page.getByTestId('report-word-card');
  await card.getByText(/报告文字（可按本单位实际修改/).click();
  await card.getByTestId('wording-plan').fill('制定了{措施总数}条措施。');
  await card.getByTestId('report-word').click();
  await expect(page.getByText(/不认识的填充项：\{措施总数\}/).first()).toBeVisible();
  expect((await rectify.call('report:options', {})).wording).toEqual({});
});
