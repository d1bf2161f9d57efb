import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { getSettings, saveSettings } from '../../shared/core/ledger/settings.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { callReport, fromBase64, tempCore, zipEntry } from './report-fixtures.ts';
import { MEASURES, seedChaseLedger, type ChaseLedger } from './chasing-fixtures.ts';
import { rawSql } from '../support/raw-sql.ts';

/**
 * The notice on paper (issue 9): A4 after GB/T 9704, the unit's late items in a table, the reply
 * date in Chinese, 落款 and 成文日期 kept with the last lines, the 附注 (联系人/电话 from settings)
 * below the date; five items with long realistic text on one page as LibreOffice lays it out.
 */

const TODAY = '2026-11-21';
let env: Awaited<ReturnType<typeof tempCore>>;
let core: Core;
let s: ChaseLedger;
let five: Buffer;
let fiveXml: string;

beforeAll(async () => {
  env = await tempCore(TODAY);
  core = env.core;
  s = await seedChaseLedger(core, TODAY);
  await saveSettings(core.db, { ...(await getSettings(core.db)), officeName: '中共某某县委统战部', contactName: '周晓梅', contactPhone: '0816-2201234', replyDays: 10 });
  five = fromBase64((await callReport(core, 'notice:create', { unitId: s.agri, lateOnly: true, level: 'supervise' })).file);
  fiveXml = zipEntry(five, 'word/document.xml');
});
afterAll(() => env.dispose());

/** Body paragraphs (not those inside the table), each with its XML. */
function bodyParagraphs(xml: string): { text: string; xml: string }[] {
  const body = xml.replace(/<w:tbl>.*?<\/w:tbl>/gs, '');
  return [...body.matchAll(/<w:p[ >].*?<\/w:p>/g)].map((m) => ({ xml: m[0], text: [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('') }));
}

describe('督办通知单 (Word)', () => {
  it('has the title of its level, its number, the unit as 主送, and the reply date in Chinese', () => {
    const texts = bodyParagraphs(fiveXml).map((p) => p.text);
    expect(texts[0]).toBe('民主监督反馈问题整改督办通知单');
    expect(texts[1]).toBe('督办〔2026〕1号（黄色督办）');
    expect(texts[2]).toBe('县农业农村局：');
    expect(texts.join('')).toContain('并于2026年12月1日前将整改进展情况（附佐证材料）书面报送中共某某县委统战部。');
    // Dates in prose are Chinese, never 2026-12-01.
    expect(fiveXml).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('puts the 附注 (联系人/电话 from settings) on the line below the 成文日期, in parentheses, two characters in', () => {
    const ps = bodyParagraphs(fiveXml).filter((p) => p.text);
    const date = ps.findIndex((p) => p.text === '2026年11月21日');
    expect(ps[date - 1].text).toBe('中共某某县委统战部');
    expect(ps[date + 1].text).toBe('（联系人：周晓梅，联系电话：0816-2201234）');
    expect(ps[date + 1].xml).toMatch(/<w:ind [^>]*w:firstLineChars="200"/);
    expect(date + 1).toBe(ps.length - 1);
  });

  it('keeps the 落款 with the body: the request, the blank line, 署名 and 成文日期 all keep with the next paragraph', () => {
    const ps = bodyParagraphs(fiveXml);
    const ask = ps.findIndex((p) => p.text.startsWith('请你单位高度重视'));
    const date = ps.findIndex((p) => p.text === '2026年11月21日');
    expect(ask).toBeGreaterThan(0);
    for (const p of ps.slice(ask, date + 1)) expect(p.xml, p.text || '(空行)').toContain('<w:keepNext/>');
    // The table's rows never split, and its header repeats.
    const table = /<w:tbl>.*?<\/w:tbl>/s.exec(fiveXml)![0];
    expect(table.match(/<w:cantSplit\/>/g)).toHaveLength(6);
    expect(table).toContain('<w:tblHeader/>');
  });

  it('prints the table no smaller than 小四 (12 pt)', () => {
    const table = /<w:tbl>.*?<\/w:tbl>/s.exec(fiveXml)![0];
    const sizes = [...table.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(24);
  });

  it('is called 提醒函 or 告诫函 at those levels, and says so in its request', async () => {
    const remind = fromBase64((await callReport(core, 'notice:create', { measureId: s.financeLate[0], level: 'reminder' })).file);
    const warn = fromBase64((await callReport(core, 'notice:create', { measureId: s.financeLate[1], level: 'warning' })).file);
    expect(bodyParagraphs(zipEntry(remind, 'word/document.xml'))[0].text).toBe('民主监督反馈问题整改提醒函');
    const warnTexts = bodyParagraphs(zipEntry(warn, 'word/document.xml')).map((p) => p.text);
    expect(warnTexts[0]).toBe('民主监督反馈问题整改告诫函');
    expect(warnTexts.join('')).toContain('将按规定予以通报，并纳入年度绩效考核');
  });
});

const soffice = ['libreoffice', 'soffice'].find((cmd) => spawnSync('which', [cmd]).status === 0);
const poppler = spawnSync('which', ['pdftotext']).status === 0;
if (!soffice || !poppler) console.warn('跳过通知单版面测试：本机没有 LibreOffice 或 pdftotext（.ci/run 会安装它们）');

describe.skipIf(!soffice || !poppler)('督办通知单 on paper (LibreOffice → PDF)', () => {
  let out: string;
  let n = 0;
  beforeAll(() => {
    out = path.join(env.dir, 'pdf');
    fs.mkdirSync(out, { recursive: true });
  });

  function toPdf(name: string, bytes: Buffer): string {
    const file = path.join(out, `${name}.docx`);
    fs.writeFileSync(file, bytes);
    const profile = path.join(out, `lo-profile-${++n}`);
    execFileSync(soffice!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, file], { stdio: 'ignore', timeout: 120_000 });
    return file.replace(/\.docx$/, '.pdf');
  }
  const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  const text = (pdf: string, page: number) => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

  it('fits five items with long realistic text on one page, 附注 below the date', () => {
    const pdf = toPdf('five', five);
    expect(pages(pdf)).toBe(1);
    const t = text(pdf, 1);
    for (const m of MEASURES) expect(t).toContain(m.slice(0, 12));
    expect(t.indexOf('中共某某县委统战部2026年11月21日（联系人：周晓梅，联系电话：0816-2201234）')).toBeGreaterThan(t.indexOf('5-2'));
  });

  it('runs more items on to a second page, with the request, 署名 and 成文日期 after the last row', async () => {
    // Five more overdue measures for the same unit: ten items.
    const now = new Date().toISOString();
    const f = rawSql(core).prepare('SELECT id, seq FROM findings ORDER BY id LIMIT 1').get() as { id: number; seq: string };
    for (let k = 0; k < 5; k++) {
      rawSql(core)
        .prepare(`INSERT INTO measures (finding_id, seq, text, lead_unit_id, deadline_kind, deadline_date, status, assigned_date, last_progress_date, created_at, updated_at)
          VALUES (?, ?, ?, ?, 'date', ?, 'in_progress', ?, ?, ?, ?)`)
        .run(f.id, 10 + k, `（续）${MEASURES[k]}`, s.agri, addDays(TODAY, -20 - k), addDays(TODAY, -100), addDays(TODAY, -3), now, now);
    }
    const { notice, file } = await callReport(core, 'notice:create', { unitId: s.agri, lateOnly: true });
    expect(notice.items).toHaveLength(10);
    const pdf = toPdf('ten', fromBase64(file));
    expect(pages(pdf)).toBe(2);
    const last = text(pdf, 2);
    expect(last).toContain('请你单位');
    expect(last).toContain('中共某某县委统战部2026年11月21日（联系人：周晓梅，联系电话：0816-2201234）');
    expect(text(pdf, 1)).not.toContain('2026年11月21日（联系人');

    // A long list (more than fit any page) goes in as the reports' fast table, still 小四, header repeated.
    for (let k = 5; k < 9; k++) {
      rawSql(core)
        .prepare(`INSERT INTO measures (finding_id, seq, text, lead_unit_id, deadline_kind, deadline_date, status, assigned_date, last_progress_date, created_at, updated_at)
          VALUES (?, ?, ?, ?, 'date', ?, 'in_progress', ?, ?, ?, ?)`)
        .run(f.id, 10 + k, `（再续）${MEASURES[k % 5]}`, s.agri, addDays(TODAY, -20 - k), addDays(TODAY, -100), addDays(TODAY, -3), now, now);
    }
    const long = await callReport(core, 'notice:create', { unitId: s.agri, lateOnly: true });
    expect(long.notice.items).toHaveLength(14);
    const xml = zipEntry(fromBase64(long.file), 'word/document.xml');
    const table = /<w:tbl>.*?<\/w:tbl>/s.exec(xml)![0];
    expect(table.match(/<w:tr>|<w:tr /g)).toHaveLength(15);
    expect(table).toContain('<w:tblHeader/>');
    const longPdf = toPdf('fourteen', fromBase64(long.file));
    const lastPage = text(longPdf, pages(longPdf));
    expect(lastPage).toContain('中共某某县委统战部2026年11月21日（联系人：周晓梅，联系电话：0816-2201234）');
    const every = Array.from({ length: pages(longPdf) }, (_, k) => text(longPdf, k + 1)).join('');
    for (const i of long.notice.items) expect(every).toContain(i.measureText.slice(0, 14));
  });
});
