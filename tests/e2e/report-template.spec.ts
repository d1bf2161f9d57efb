import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page, TestInfo } from '@playwright/test';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { readArchive } from '../../shared/core/backup/archive.ts';
import { measureNumber } from '../../shared/domain/numbering.ts';
import { pdf, png } from '../support/evidence-files.ts';
import { test, expect, openAt } from './fixtures.ts';

/**
 * Issue 9 on the 报表 page at 1366×768: choose the office's template, 检查模板 lists its tags (and
 * names a wrong one), the report comes out in the template; the evidence binder downloads as a zip
 * holding the numbered files and the 材料清单.
 */

test.use({ viewport: { width: 1366, height: 768 }, seedFindings: 30 });
// Each test starts a report worker thread from source (tsx) on a machine shared with other runs.
test.describe.configure({ timeout: 180_000 });

async function shot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(name) });
  const extra = process.env.RECTIFY_SHOTS;
  if (extra) {
    fs.mkdirSync(extra, { recursive: true });
    await page.screenshot({ path: path.join(extra, name) });
  }
}

function documentText(file: string): string {
  const xml = readArchive(fs.readFileSync(file), 'report').get('word/document.xml')!.toString('utf8');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

async function downloadFrom(page: Page, info: TestInfo, click: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), click()]);
  const target = info.outputPath((download as Download).suggestedFilename());
  await (download as Download).saveAs(target);
  return target;
}

test('choose a template, check it, and produce the report in it', async ({ page, rectify }, info) => {
  const settings = await rectify.call('settings:get', {});
  await rectify.call('settings:update', { ...settings, officeName: '中共青山县委统战部' });
  await openAt(page, rectify, 'reports');
  const card = page.getByTestId('template-card');
  await expect(card.getByTestId('template-current')).toContainText('还没有本单位模板');

  // A template with a slip: {问题数} is no tag; the check names it and the nearest one, and it is not kept.
  const wrong = info.outputPath('有错的模板.docx');
  fs.writeFileSync(wrong, await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('青山县委统战部：反馈的{问题数}个问题。')] })] }] })));
  await card.locator('input[type=file]').setInputFiles(wrong);
  await expect(card.getByTestId('template-check-result')).toHaveAttribute('data-ok', 'false');
  await expect(card.getByTestId('template-unknown')).toContainText('{问题数}');
  await expect(card.getByTestId('template-unknown')).toContainText('是否应为 {问题总数}');
  await expect(card.getByTestId('template-current')).toContainText('还没有本单位模板');
  await expect(card.getByTestId('template-report')).toBeDisabled();
  await card.getByTestId('template-check-result').scrollIntoViewIfNeeded();
  await shot(page, info, 'report-template-unknown-1366x768.png');

  // The sample template, downloaded from the card, is a good one.
  const sample = await downloadFrom(page, info, () => card.getByTestId('template-sample').click());
  expect(path.basename(sample)).toBe('整改情况报告-示例模板.docx');
  await card.locator('input[type=file]').setInputFiles(sample);
  await expect(card.getByTestId('template-current')).toContainText('整改情况报告-示例模板.docx');
  await card.getByTestId('template-check').click();
  await expect(card.getByTestId('template-check-result')).toHaveAttribute('data-ok', 'true');
  for (const tag of ['{办公室名称}', '{措施总数}', '{摘要段落}', '{#措施}', '{成文日期}']) await expect(card.getByTestId('template-tags')).toContainText(tag);
  await card.getByTestId('template-check-result').scrollIntoViewIfNeeded();
  await shot(page, info, 'report-template-check-1366x768.png');

  const report = await downloadFrom(page, info, async () => {
    await card.getByTestId('template-report').click();
    await expect(card.getByTestId('report-job-progress')).toBeVisible();
  });
  expect(path.basename(report)).toMatch(/^整改情况报告_\d{4}-\d{2}-\d{2}\.docx$/);
  const text = documentText(report);
  const summary = await rectify.call('report:summary', { filter: {} });
  expect(text).toContain('中共××县委统战部');
  expect(text).toContain(summary.sentence);
  expect(text).toContain('中共青山县委统战部');
  expect(text).not.toMatch(/\{|\}/);
  await expect(card.getByTestId('report-job-progress')).toHaveAttribute('data-state', 'done');
  fs.copyFileSync(report, info.outputPath('template-report.docx'));
});

test('the evidence binder downloads as a zip with numbered files and the 材料清单', async ({ page, rectify }, info) => {
  const measures = (await rectify.call('ledger:query', { filter: {}, pageSize: 3 })).rows;
  for (const [i, m] of measures.entries()) {
    await rectify.call('evidence:add', {
      measureId: m.measureId,
      files: [
        { name: `整改会议纪要${i + 1}.pdf`, base64: pdf(`纪要${i}`).toString('base64') },
        { name: '现场照片.png', base64: png().toString('base64') },
      ],
    });
  }
  await openAt(page, rectify, 'reports');
  const card = page.getByTestId('binder-card');
  await card.scrollIntoViewIfNeeded();
  await expect(card.getByTestId('binder-preview')).toContainText(`共 ${measures.length * 2} 份佐证材料`);
  await shot(page, info, 'report-binder-1366x768.png');
  const zip = await downloadFrom(page, info, async () => {
    await card.getByTestId('binder-build').click();
    await expect(card.getByTestId('report-job-progress')).toBeVisible();
  });
  expect(path.basename(zip)).toMatch(/^佐证材料汇编_.+_\d{8}\.zip$/);
  const entries = readArchive(fs.readFileSync(zip), 'binder');
  const names = [...entries.keys()];
  expect(names.filter((n) => n.startsWith('材料清单.')).sort()).toEqual(['材料清单.docx', '材料清单.xlsx']);
  const files = names.filter((n) => !n.startsWith('材料清单.'));
  expect(files).toHaveLength(measures.length * 2);
  for (const [i, m] of measures.entries()) {
    const seq = measureNumber(m.findingSeq, m.measureSeq);
    expect(files.some((n) => n.endsWith(`${seq}-1-整改会议纪要${i + 1}.pdf`))).toBe(true);
    expect(files.some((n) => n.endsWith(`${seq}-2-现场照片.png`))).toBe(true);
  }
});
