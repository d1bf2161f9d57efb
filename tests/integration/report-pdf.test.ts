import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { fromBase64, tempCore, callReport } from './report-fixtures.ts';
import { rawSql } from '../support/raw-sql.ts';

/**
 * The printed pages, as LibreOffice lays them out: the ledger repeats its header on page 2, the
 * report has portrait pages then a landscape 附件 whose table header repeats, a notice is one page.
 * .ci/run installs LibreOffice and poppler-utils; on a machine without them this file says so and skips.
 */

const soffice = ['libreoffice', 'soffice'].find((cmd) => spawnSync('which', [cmd]).status === 0);
const hasPoppler = spawnSync('which', ['pdftotext']).status === 0;
if (!soffice || !hasPoppler) console.warn('跳过 PDF 版面测试：本机没有 LibreOffice 或 pdftotext（.ci/run 会安装它们）');

let env: Awaited<ReturnType<typeof tempCore>>;
let core: Core;
let out: string;

/** Convert with a private LibreOffice profile, so parallel runs and an open office suite do not collide. */
function toPdf(file: string, timeout = 180_000): string {
  const profile = path.join(out, 'lo-profile');
  execFileSync(soffice!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, file], { stdio: 'ignore', timeout });
  const pdf = file.replace(/\.\w+$/, '.pdf');
  expect(fs.existsSync(pdf), `${pdf} was not produced`).toBe(true);
  return pdf;
}

function pageCount(pdf: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
}

function pageText(pdf: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], { encoding: 'utf8' });
}

const firstLine = (text: string) => text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';

function isLandscape(pdf: string, page: number): boolean {
  const info = execFileSync('pdfinfo', ['-f', String(page), '-l', String(page), pdf], { encoding: 'utf8' });
  const [, w, h] = /Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
  return Number(w) > Number(h);
}

describe.skipIf(!soffice || !hasPoppler)('printed pages (LibreOffice → PDF)', () => {
  beforeAll(async () => {
    env = await tempCore();
    core = env.core;
    out = path.join(env.dir, 'pdf');
    fs.mkdirSync(out);
    await seedSynthetic(core, { findings: 40, seed: 5 });
  });
  afterAll(() => env.dispose());

  it('prints the Excel ledger on A4 landscape with the header row again at the top of page 2', async () => {
    const file = path.join(out, 'ledger.xlsx');
    fs.writeFileSync(file, fromBase64(await callReport(core, 'report:ledger-xlsx', { filter: {}, groupBy: 'category' })));
    const pdf = toPdf(file);
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(isLandscape(pdf, 1)).toBe(true);
    const one = pageText(pdf, 1);
    expect(firstLine(one)).toMatch(/整改台账$/);
    expect(one).toContain('截至 2026年11月21日');
    expect(one).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/);
    const two = firstLine(pageText(pdf, 2));
    expect(two).toMatch(/^序号\s+反馈问题\s+整改措施\s+牵头单位\s+配合单位/);
    // The statistics sheet prints after the ledger, portrait.
    expect(pageText(pdf, pages)).toMatch(/按期完成率＝/);
  });

  it('prints the report on portrait pages, then a landscape 附件 whose header repeats, numbered — N —', async () => {
    const file = path.join(out, 'report.docx');
    fs.writeFileSync(file, fromBase64(await callReport(core, 'report:word', { filter: {} })));
    const pdf = toPdf(file);
    const pages = pageCount(pdf);
    const landscape = Array.from({ length: pages }, (_, i) => isLandscape(pdf, i + 1));
    const firstAnnex = landscape.indexOf(true) + 1;
    expect(firstAnnex).toBeGreaterThan(1);
    // Portrait main text, then only landscape pages.
    expect(landscape.slice(0, firstAnnex - 1).every((l) => !l)).toBe(true);
    expect(landscape.slice(firstAnnex - 1).every((l) => l)).toBe(true);
    expect(pages - firstAnnex + 1).toBeGreaterThanOrEqual(2);

    const p1 = pageText(pdf, 1);
    expect(p1.replace(/\s+/g, '')).toMatch(/^关于.*民主监督反馈问题整改情况的报告/);
    expect(p1).toContain('中共青山市委：');
    expect(p1).toMatch(/—\s*1\s*—/);
    expect(pageText(pdf, firstAnnex)).toMatch(/^\s*附件/);
    // Every annex page starts with the header row of its table, or with the label of the next annex.
    let unitAnnex = false;
    for (let p = firstAnnex + 1; p <= pages; p++) {
      const line = firstLine(pageText(pdf, p));
      unitAnnex ||= /^附件\s*2/.test(line);
      expect(line, `page ${p}`).toMatch(unitAnnex ? /^(附件\s*2|序号\s+牵头单位\s+措施数)/ : /^序号\s+反馈问题\s+整改措施\s+牵头单位\s+配合单位\s+整改时限/);
    }
    expect(unitAnnex).toBe(true);
    // Every page carries its number, and the last number is the page count.
    expect(pageText(pdf, pages)).toMatch(new RegExp(`—\\s*${pages}\\s*—`));
    // The main text ends with the signature date before the 附件 starts on its own page.
    expect(pageText(pdf, firstAnnex - 1).replace(/\s+/g, '')).toContain('2026年11月21日');
  });

  it('converts the report of 2,000 findings, its body (before 附件1) under 15 pages', async () => {
    const big = await tempCore();
    try {
      await seedSynthetic(big.core, { findings: 2000, seed: 9 });
      const file = path.join(out, 'report-2000.docx');
      fs.writeFileSync(file, fromBase64(await callReport(big.core, 'report:word', { filter: {} })));
      const wall = Date.now();
      // Kill timeout only: the time itself goes to the bench, where it stands beside a baseline.
      const pdf = toPdf(file, 600_000);
      console.log(`LibreOffice：2,000 个问题的报告转 PDF 用时 ${((Date.now() - wall) / 1000).toFixed(1)} 秒（墙钟时间，随本机负载变化）`);
      const pages = pageCount(pdf);
      let annexAt = 0;
      for (let p = 1; p <= Math.min(pages, 30) && !annexAt; p++) if (/^\s*附件\s*1/.test(pageText(pdf, p))) annexAt = p;
      expect(annexAt, 'the page where 附件1 starts').toBeGreaterThan(1);
      const bodyPages = annexAt - 1;
      console.log(`2,000 个问题：正文 ${bodyPages} 页，全文 ${pages} 页`);
      expect(bodyPages).toBeLessThan(15);
      expect(isLandscape(pdf, annexAt)).toBe(true);
      expect(pageText(pdf, bodyPages).replace(/\s+/g, '')).toMatch(/中共青山市委统战部2026年11月21日/);
    } finally {
      await big.dispose();
    }
  }, 900_000);

  it('prints a 督办通知单 on one page', async () => {
    const late = rawSql(core)
      .prepare(`SELECT id FROM measures WHERE status IN ('not_started','in_progress') AND deadline_kind <> 'standing' AND deadline_date < '2026-11-21' LIMIT 1`)
      .get() as { id: number };
    const { file } = await callReport(core, 'notice:create', { measureId: late.id });
    const docx = path.join(out, 'notice.docx');
    fs.writeFileSync(docx, fromBase64(file));
    const pdf = toPdf(docx);
    expect(pageCount(pdf)).toBe(1);
    expect(pageText(pdf, 1).replace(/\s+/g, '')).toContain('督办〔2026〕1号');
  });
});
