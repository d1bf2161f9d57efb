import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { measureNumber } from '../../shared/domain/numbering.ts';
import { defaultAddressee } from '../../shared/core/reports/options.ts';
import { titleLines } from '../../shared/core/reports/docx/blocks.ts';
import { fillWording } from '../../shared/contract/report-wording.ts';
import { chineseDatesIn, problemName, proseOf, selfName } from '../../shared/core/reports/docx/report/words.ts';
import { fromBase64, tempCore, zipEntry, zipNames, callReport } from './report-fixtures.ts';
import { rawSql } from '../support/raw-sql.ts';

/**
 * Issue 9: the 整改情况报告 read back as a director reads it before sending it up — the elements
 * of an upward report, dates and words as an office writes them, the signature kept with the last
 * lines, a filtered report that says so, and an annex that lists every measure once.
 */

let env: Awaited<ReturnType<typeof tempCore>>;
let core: Core;
let documentXml: string;

const OFFICE = '中共青山市委统战部';

beforeAll(async () => {
  env = await tempCore();
  core = env.core;
  await seedSynthetic(core, { findings: 120, seed: 3 });
  // A progress text with an ISO date and an internal note, as imports and clerks leave them.
  const m = rawSql(core).prepare(`SELECT id FROM measures WHERE status = 'in_progress' ORDER BY id LIMIT 1`).get() as { id: number };
  rawSql(core)
    .prepare(`INSERT INTO progress_entries (measure_id, entry_date, text, operator, created_at) VALUES (?, '2026-11-20', ?, '管理员', '2026-11-20T08:00:00Z')`)
    .run(m.id, '已于2026-06-30完成排查工作。导入时台账记载为已销号。');
  rawSql(core).prepare(`UPDATE measures SET last_progress_date = '2026-11-20' WHERE id = ?`).run(m.id);
  documentXml = zipEntry(fromBase64(await callReport(core, 'report:word', { filter: {} })), 'word/document.xml');
});
afterAll(() => env.dispose());

/** Paragraphs of the portrait body (before the first section break) and of the annex, as text. */
const paragraphsOf = (xml: string) => [...xml.matchAll(/<w:p[ >].*?<\/w:p>/g)].map((m) => ({ xml: m[0], text: [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('') }));
// The first section ends with the paragraph that carries its sectPr (the 成文日期).
const bodyXml = (xml: string) => xml.slice(0, xml.indexOf('</w:p>', xml.indexOf('<w:sectPr')) + 6);
const annexXml = (xml: string) => xml.slice(xml.indexOf('</w:p>', xml.indexOf('<w:sectPr')) + 6);
const bodyTexts = (xml: string) => paragraphsOf(bodyXml(xml)).map((p) => p.text);

describe('整改情况报告 as an upward report', () => {
  it('has the 公文 elements: title, 主送机关, the four parts, 特此报告, 附件说明, 署名 and 成文日期', () => {
    const texts = bodyTexts(documentXml).filter(Boolean);
    expect(texts.join('')).toMatch(/^关于.*民主监督反馈问题整改情况的报告/);
    expect(texts).toContain('中共青山市委：');
    for (const h of ['一、整改工作开展情况', '二、整改落实情况', '三、整改成效与长效机制', '四、存在问题和下一步工作打算']) expect(texts).toContain(h);
    expect(texts).toContain('特此报告。');
    expect(texts.filter((t) => /^附件：1\. .*民主监督反馈问题整改台账$/.test(t))).toHaveLength(1);
    expect(texts).toContain('2. 各责任单位整改情况统计表');
    expect(texts.slice(-2)).toEqual([OFFICE, '2026年11月21日']);
    // Part 二 in the house style, each item saying what was done rather than a status word.
    const items = texts.filter((t) => /^（[一二三四五六七八九十]+）关于“.+”问题的整改$/.test(t));
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(texts.join('')).not.toMatch(/共\d+条措施：/);
  });

  it('names who gave the feedback, when, and how many problems and measures in its opening', () => {
    const texts = bodyTexts(documentXml);
    const opening = texts[texts.indexOf('中共青山市委：') + 1];
    const findings = (rawSql(core).prepare('SELECT count(*) AS n FROM findings').get() as { n: number }).n;
    const measures = (rawSql(core).prepare('SELECT count(*) AS n FROM measures').get() as { n: number }).n;
    expect(opening).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日(至\d{4}年\d{1,2}月\d{1,2}日)?，.+反馈/);
    expect(opening).toContain(`共指出问题${findings}个`);
    expect(opening).toContain(`整改措施${measures}条`);
    expect(opening).toContain('我部高度重视');
  });

  it('writes no ISO date in any paragraph, body or annex, and turns a typed date into Chinese form', () => {
    const all = paragraphsOf(documentXml).map((p) => p.text);
    expect(all.filter((t) => /\d{4}-\d{2}-\d{2}/.test(t))).toEqual([]);
    expect(chineseDatesIn('已于2026-06-30完成，2026.7.1验收')).toBe('已于2026年6月30日完成，2026年7月1日验收');
  });

  it('has no sentence about zero items and no internal note', () => {
    const all = paragraphsOf(documentXml).map((p) => p.text).join('\n');
    expect(all).not.toMatch(/(?<![\d.])0\s*(个|条|项|份|批|天)/);
    expect(all).not.toContain('导入时');
    expect(all).not.toContain('台账记载');
    expect(proseOf('已完成排查。导入时台账记载为已销号。')).toBe('已完成排查');
    // A field that is zero drops its sentence, never prints "0份".
    expect(fillWording('共发出督办通知{督办数}份。其他工作正常。', { 督办数: 0 })).toBe('其他工作正常。');
  });

  it('keeps 特此报告, the 附件说明 and the 署名 with the 成文日期 (keep-with-next, keep-lines)', () => {
    const ps = paragraphsOf(bodyXml(documentXml));
    const at = ps.findIndex((p) => p.text === '特此报告。');
    const tail = ps.slice(at);
    const lines = tail.map((p) => p.text).filter(Boolean);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('特此报告。');
    expect(lines[1]).toMatch(/^附件：1\. /);
    expect(lines.slice(2)).toEqual(['2. 各责任单位整改情况统计表', OFFICE, '2026年11月21日']);
    // Every paragraph from 特此报告 to the 署名 is kept with the next, each one whole.
    for (const p of tail.slice(0, -1)) expect(p.xml, p.text).toContain('<w:keepNext/>');
    for (const p of tail.filter((t) => t.text)) expect(p.xml, p.text).toContain('<w:keepLines/>');
    expect(tail.at(-1)!.xml).toContain('<w:keepLines/>');
    // 署名 two characters in from the right; the date starts two characters right of the 署名's first character.
    const right = (p: { xml: string }) => Number(/<w:ind [^>]*w:right="(\d+)"/.exec(p.xml)![1]);
    expect(right(tail.at(-2)!)).toBe(640);
    expect(right(tail.at(-1)!)).toBe(640); // 中共青山市委统战部 is 9 wide, 2026年11月21日 is 7: 9 − 7 = 2
  });

  it('lists every measure of the ledger once in the annex, numbered 3-2 under its batch, rows never split', () => {
    const annex = annexXml(documentXml);
    const rows = [...annex.matchAll(/<w:tr>.*?<\/w:tr>/g)].map((m) => m[0]);
    for (const r of rows) expect(r).toContain('<w:cantSplit/>');
    // 附件1's tables (before the per-unit table of 附件2): headings carry the batch, rows the number.
    const unitTableAt = annex.indexOf('附件2');
    const ledgerRows = [...annex.slice(0, unitTableAt).matchAll(/<w:tr>.*?<\/w:tr>/g)].map((m) => m[0]);
    const found: string[] = [];
    let batch = '';
    for (const r of ledgerRows) {
      const cells = [...r.matchAll(/<w:tc>.*?<\/w:tc>/g)].map((c) => [...c[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
      if (r.includes('<w:tblHeader/>')) continue;
      if (r.includes('<w:gridSpan')) {
        if (/^[一二三四五六七八九十]+、/.test(cells[0])) batch = cells[0];
        continue;
      }
      found.push(`${batch}|${cells[0]}`);
    }
    const expected = (
      rawSql(core)
        .prepare(
          `SELECT o.name AS org, b.doc_number AS doc, f.seq AS fseq, m.seq AS mseq FROM measures m JOIN findings f ON f.id = m.finding_id
           JOIN batches b ON b.id = f.batch_id JOIN organizations o ON o.id = b.organization_id`,
        )
        .all() as { org: string; doc: string; fseq: string; mseq: number }[]
    ).map((r) => ({ key: `${r.org}  ${r.doc}`, number: measureNumber(r.fseq, r.mseq) }));
    expect(found).toHaveLength(expected.length);
    expect(new Set(found).size).toBe(found.length);
    // Each measure's number appears under the heading of its own batch.
    const byNumber = new Map<string, number>();
    for (const e of expected) byNumber.set(`${e.key}|${e.number}`, (byNumber.get(`${e.key}|${e.number}`) ?? 0) + 1);
    for (const f of found) {
      const [heading, number] = f.split('|');
      const key = [...byNumber.keys()].find((k) => k.endsWith(`|${number}`) && heading.includes(k.split('|')[0]));
      expect(key, f).toBeDefined();
    }
    // Repeated header row on each table of the annex.
    const tables = [...annex.matchAll(/<w:tbl>.*?<\/w:tbl>/g)].map((m) => m[0]);
    for (const t of tables) expect(/<w:tr>.*?<\/w:tr>/.exec(t)![0]).toContain('<w:tblHeader/>');
  });

  it('sets GB/T 9704 details: 22 lines, 28 characters, page-number digits in 宋体', async () => {
    const report = fromBase64(await callReport(core, 'report:word', { filter: {} }));
    const xml = zipEntry(report, 'word/document.xml');
    const first = /<w:sectPr[ >].*?<\/w:sectPr>/.exec(xml)![0];
    expect(first).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"\/>/);
    const styles = zipEntry(report, 'word/styles.xml');
    // 3号 condensed 0.25 pt: 28 characters of 15.75 pt fill the 156 mm (442 pt) line.
    expect(styles).toMatch(/w:styleId="Normal".*?<w:spacing w:val="-5"\/>.*?<w:sz w:val="32"\/>/);
    expect(styles).toMatch(/w:styleId="GwPageNumber">.*?<w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体"/);
    // Landscape annex pages carry page numbers too.
    const sections = [...xml.matchAll(/<w:sectPr[ >].*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections[1]).toMatch(/<w:footerReference w:type="default"/);
    expect(sections[1]).toMatch(/<w:footerReference w:type="even"/);
    expect(zipNames(report).filter((n) => n.startsWith('word/media/'))).toEqual([]);
  });
});

describe('a filtered report', () => {
  it('says it is filtered in its title and opening, with the figures of the filter', async () => {
    const filter = { signals: ['red' as const] };
    const xml = zipEntry(fromBase64(await callReport(core, 'report:word', { filter })), 'word/document.xml');
    const texts = bodyTexts(xml).filter(Boolean);
    const titleText = texts.slice(0, texts.indexOf('中共青山市委：')).join('');
    expect(titleText).toMatch(/^关于.*民主监督反馈问题中逾期未完成事项整改情况的报告$/);
    const summary = await callReport(core, 'report:summary', { filter });
    const opening = texts.join('');
    expect(opening).toContain(`其中，逾期未完成事项涉及问题${summary.findings.total}个、整改措施${summary.total.measures}条。现将逾期未完成事项的整改情况报告如下。`);
    const annex = annexXml(xml).slice(0, annexXml(xml).indexOf('附件2'));
    const rows = [...annex.matchAll(/<w:tr>.*?<\/w:tr>/g)].filter((m) => !m[0].includes('<w:tblHeader/>') && !m[0].includes('<w:gridSpan'));
    expect(rows).toHaveLength(summary.total.measures);
  });
});

describe('what the office words and chooses', () => {
  it('uses the office wording it saved, filling its fields and leaving out a sentence whose figure is zero', async () => {
    const leadership = '收到反馈意见后，{我部}召开部务会专题研究，制定了{措施数}条措施。共发出督办通知{督办数}份。';
    const saved = await callReport(core, 'report:save-options', { wording: { leadership }, addressee: '中共青山市委、青山市人民政府' });
    expect(saved.wording.leadership).toBe(leadership);
    const measures = (rawSql(core).prepare('SELECT count(*) AS n FROM measures').get() as { n: number }).n;
    const notices = (rawSql(core).prepare('SELECT count(*) AS n FROM notices').get() as { n: number }).n;
    const texts = bodyTexts(zipEntry(fromBase64(await callReport(core, 'report:word', { filter: {} })), 'word/document.xml'));
    expect(texts).toContain('中共青山市委、青山市人民政府：');
    const expected = `收到反馈意见后，我部召开部务会专题研究，制定了${measures}条措施。${notices ? `共发出督办通知${notices}份。` : ''}`;
    expect(texts).toContain(expected);
    await callReport(core, 'report:save-options', { wording: {}, addressee: '' });
  });

  it('refuses a field it does not know, in Chinese, and keeps the saved wording', async () => {
    await expect(callReport(core, 'report:save-options', { wording: { plan: '制定了{措施总数}条措施。' } })).rejects.toThrow(/不认识的填充项：\{措施总数\}/);
    expect((await callReport(core, 'report:options', {})).wording).toEqual({});
  });

  it('puts the status and per-unit charts in as pictures when asked', async () => {
    const report = fromBase64(await callReport(core, 'report:word', { filter: {}, charts: true }));
    const media = zipNames(report).filter((n) => /^word\/media\/.+\.png$/.test(n));
    expect(media).toHaveLength(2);
    const texts = bodyTexts(zipEntry(report, 'word/document.xml'));
    expect(texts).toContain('图1  整改措施状态分布');
    expect(texts).toContain('图2  各责任单位整改措施完成情况');
    await callReport(core, 'report:save-options', { charts: false });
  });

  it('tells the office’s key findings one by one even in a long ledger', async () => {
    const key = rawSql(core).prepare(`SELECT id, text FROM findings WHERE status = 'closed' ORDER BY id DESC LIMIT 1`).get() as { id: number; text: string };
    const texts = bodyTexts(zipEntry(fromBase64(await callReport(core, 'report:word', { filter: {}, keyFindingIds: [key.id] })), 'word/document.xml'));
    expect(texts.some((t) => t.includes(`关于“${problemName(key.text)}”问题的整改`))).toBe(true);
    await callReport(core, 'report:save-options', { keyFindingIds: [] });
  });

  it('words the office and its superior from its name', () => {
    expect(selfName('中共青山县委统战部')).toBe('我部');
    expect(selfName('青山县委统战部办公室')).toBe('我办');
    expect(defaultAddressee('中共青山县委统战部')).toBe('中共青山县委');
    expect(defaultAddressee('中共成都市武侯区委统战部')).toBe('中共成都市武侯区委');
    expect(defaultAddressee('青山县委统战部')).toBe('中共青山县委');
    expect(defaultAddressee('统战部')).toBe('');
    // A filtered title breaks between words, never before a 、.
    expect(titleLines('关于民主监督反馈问题中县财政局牵头的逾期未完成事项整改情况的报告')).toEqual(['关于民主监督反馈问题中县财政局牵头的', '逾期未完成事项整改情况的报告']);
    expect(titleLines('关于民主监督反馈问题中正在整改、待销号事项整改情况的报告')).toEqual(['关于民主监督反馈问题中正在整改、', '待销号事项整改情况的报告']);
  });
});

describe('no document without 署名', () => {
  it('refuses the report with a Chinese message while the office has no name, and writes nothing', async () => {
    const bare = await tempCore();
    try {
      await seedSynthetic(bare.core, { findings: 5, seed: 1 });
      const app = JSON.parse((rawSql(bare.core).prepare(`SELECT value FROM settings WHERE key = 'app'`).get() as { value: string }).value);
      rawSql(bare.core).prepare(`UPDATE settings SET value = ? WHERE key = 'app'`).run(JSON.stringify({ ...app, officeName: '' }));
      const before = rawSql(bare.core).prepare(`SELECT value FROM settings WHERE key = 'reports'`).get();
      await expect(callReport(bare.core, 'report:word', { filter: {}, addressee: '中共青山县委' })).rejects.toThrow('报告需要署名：请先在“设置”中填写本单位名称');
      expect(rawSql(bare.core).prepare(`SELECT value FROM settings WHERE key = 'reports'`).get()).toEqual(before);
    } finally {
      await bare.dispose();
    }
  });
});
