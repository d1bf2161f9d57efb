import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { summarizeFindings, summarySentence } from '../../shared/core/reports/stats.ts';
import { titleLines } from '../../shared/core/reports/docx/blocks.ts';
import { fromBase64, tempCore, zipEntry, zipNames, callReport } from './report-fixtures.ts';
import { rawSql } from '../support/raw-sql.ts';

/** The Word outputs read back: GB/T 9704 page, East Asian fonts, repeated headers, numbers that agree with the ledger. */

let env: Awaited<ReturnType<typeof tempCore>>;
let core: Core;
let report: Buffer;
let documentXml: string;

beforeAll(async () => {
  env = await tempCore();
  core = env.core;
  await seedSynthetic(core, { findings: 120, seed: 11 });
  report = fromBase64(await callReport(core, 'report:word', { filter: {} }));
  documentXml = zipEntry(report, 'word/document.xml');
});
afterAll(() => env.dispose());

/** All the text of a document part, paragraph by paragraph. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

describe('整改情况报告 (Word)', () => {
  it('uses the GB/T 9704 page: A4 portrait, margins 37/35/28/26 mm (in twips), then a landscape 附件', () => {
    const sections = [...documentXml.matchAll(/<w:sectPr[ >].*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    expect(sections[0]).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(sections[0]).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(sections[1]).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    // Odd and even pages get their own footers: page numbers on the outside edge.
    expect(sections[0]).toMatch(/<w:footerReference w:type="even"/);
    expect(zipEntry(report, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
  });

  it('sets East Asian fonts with the eastAsia hint, and names a fallback for each', () => {
    const styles = zipEntry(report, 'word/styles.xml');
    for (const font of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312']) {
      expect(styles).toMatch(new RegExp(`<w:rFonts w:ascii="Times New Roman" w:eastAsia="${font}" w:hAnsi="Times New Roman" w:hint="eastAsia"/>`));
    }
    // Page numbers: 宋体 for the digits as well (GB/T 9704 7.5).
    expect(styles).toMatch(/<w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体" w:hint="eastAsia"\/>/);
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="GwBody">.*?<w:spacing [^>]*w:line="579" w:lineRule="exact"/);
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="GwTitle">.*?<w:sz w:val="44"\/>/);
    const fonts = zipEntry(report, 'word/fontTable.xml');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fonts).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
  });

  it('has page numbers "— N —" in 宋体 4号', () => {
    const footers = zipNames(report).filter((n) => /^word\/footer\d+\.xml$/.test(n));
    expect(footers.length).toBeGreaterThanOrEqual(2);
    const footer = zipEntry(report, footers[0]);
    expect(footer).toContain('— ');
    expect(footer).toMatch(/PAGE/);
    expect(zipEntry(report, 'word/styles.xml')).toMatch(/w:styleId="GwPageNumber">.*?w:eastAsia="宋体".*?<w:sz w:val="28"\/>/);
  });

  it('repeats the header row of its tables on every page', () => {
    const tables = [...documentXml.matchAll(/<w:tbl>.*?<\/w:tbl>/g)].map((m) => m[0]);
    // 附件1 (the 台账, as consecutive tables of a few hundred rows) and 附件2 (per unit); none in the body.
    expect(tables.length).toBeGreaterThanOrEqual(2);
    for (const t of tables) {
      const rows = [...t.matchAll(/<w:tr>.*?<\/w:tr>/g)].map((m) => m[0]);
      expect(rows[0]).toContain('<w:tblHeader/>');
      expect(rows.slice(1).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
    }
    const measures = rawSql(core).prepare('SELECT count(*) AS n FROM measures').get() as { n: number };
    const ledgerTables = tables.slice(0, -1);
    const annexRows = ledgerTables.reduce((n, t) => n + [...t.matchAll(/<w:tr>.*?<\/w:tr>/g)].filter((r) => !r[0].includes('<w:tblHeader/>') && !r[0].includes('<w:gridSpan')).length, 0);
    expect(annexRows).toBe(measures.n);
    // The 附件 is on the landscape section: every table comes after the first section break.
    expect(documentXml.indexOf(tables[0])).toBeGreaterThan(documentXml.indexOf('<w:sectPr'));
  });

  it('states the same numbers as the ledger in the summary paragraph', async () => {
    const counts = rawSql(core).prepare('SELECT status, count(*) AS n FROM findings GROUP BY status').all() as { status: string; n: number }[];
    const n = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
    const total = counts.reduce((a, c) => a + c.n, 0);
    const completed = n('closed');
    const continuing = n('standing') + n('pending');
    const notDone = n('not_started') + n('in_progress');
    const rate = ((completed / total) * 100).toFixed(2);
    const expected = `反馈的${total}个问题，完成整改${completed}个，基本完成取得阶段性成果并持续整改问题${continuing}个，未完成${notDone}个，总体完成率${rate}%`;
    const texts = paragraphs(documentXml);
    expect(texts.some((p) => p === `截至2026年11月21日，${expected}。现将整改情况报告如下。`)).toBe(true);
    // The one definition the report uses gives the same sentence.
    const statuses = rawSql(core).prepare('SELECT status FROM findings').all() as { status: never }[];
    expect(summarySentence(summarizeFindings(statuses.map((s) => s.status)))).toBe(expected);
    // The 报表 page shows the same sentence before anything is exported.
    expect((await callReport(core, 'report:summary', {})).sentence).toBe(expected);
    const measures = rawSql(core).prepare(`SELECT count(*) AS n, sum(status = 'closed') AS closed FROM measures`).get() as { n: number; closed: number };
    expect(texts.some((p) => p.includes(`制定的${measures.n}条整改措施中已验收销号${measures.closed}条`))).toBe(true);
  });

  it('has the headings 一、/（一） in 黑体 and 楷体', () => {
    expect(documentXml).toMatch(/<w:pStyle w:val="GwH1"\/><\/w:pPr><w:r><w:t[^>]*>一、整改工作开展情况</);
    expect(documentXml).toMatch(/<w:pStyle w:val="GwH2"\/><\/w:pPr><w:r><w:t[^>]*>（一）加强组织领导</);
    expect(documentXml).toMatch(/<w:pStyle w:val="GwH2"\/><\/w:pPr><w:r><w:t[^>]*>（一）关于“[^<]+”问题的整改</);
  });

  it('breaks a long title at a word boundary', () => {
    expect(titleLines('关于民革市委脱贫攻坚民主监督反馈问题整改情况的报告')).toEqual(['关于民革市委脱贫攻坚民主监督', '反馈问题整改情况的报告']);
    expect(titleLines('整改情况报告')).toEqual(['整改情况报告']);
  });
});

describe('督办通知单', () => {
  const lateMeasure = () =>
    rawSql(core)
      .prepare(`SELECT id, lead_unit_id FROM measures WHERE status IN ('not_started','in_progress') AND deadline_kind <> 'standing' AND deadline_date < '2026-11-21' ORDER BY id LIMIT 1`)
      .get() as { id: number; lead_unit_id: number };

  it('is numbered per year, escalates 提醒 → 督办 → 告诫, and is recorded on the measure', async () => {
    const m = lateMeasure();
    const first = await callReport(core, 'notice:create', { measureId: m.id });
    const second = await callReport(core, 'notice:create', { measureId: m.id });
    expect(first.notice.docNumber).toBe('督办〔2026〕1号');
    expect(second.notice.docNumber).toBe('督办〔2026〕2号');
    expect([first.notice.level, second.notice.level]).toEqual(['reminder', 'supervise']);
    expect(first.notice.reason).toMatch(/^已逾期 \d+ 天$/);
    const history = rawSql(core).prepare(`SELECT action, note FROM status_changes WHERE measure_id = ? AND action = 'notice'`).all(m.id) as { note: string }[];
    expect(history).toHaveLength(2);
    expect(history[0].note).toContain('督办〔2026〕1号');
    const audit = rawSql(core).prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'notice' AND entity = 'measure' AND entity_id = ?`).get(m.id) as { n: number };
    expect(audit.n).toBe(2);

    const doc = zipEntry(fromBase64(first.file), 'word/document.xml');
    const unit = rawSql(core).prepare('SELECT name FROM units WHERE id = ?').get(m.lead_unit_id) as { name: string };
    const texts = paragraphs(doc);
    expect(texts).toContain(`${unit.name}：`);
    expect(texts).toContain('督办〔2026〕1号（蓝色提醒）');
    expect(texts.join('')).toMatch(/已超过整改时限\d+天/);
    expect(texts.join('')).toContain('前将整改进展情况');
  });

  it('can be listed and reprinted with the same number and lateness', async () => {
    const list = await callReport(core, 'notice:list', { limit: 10 });
    expect(list.map((n) => n.docNumber)).toEqual(['督办〔2026〕2号', '督办〔2026〕1号']);
    const again = fromBase64(await callReport(core, 'notice:reprint', { id: list[1].id }));
    expect(paragraphs(zipEntry(again, 'word/document.xml'))).toContain('督办〔2026〕1号（蓝色提醒）');
  });

  it('follows the office number format', async () => {
    await callReport(core, 'report:save-options', { noticeFormat: '统战督〔{年}〕第{号}号' });
    const m = lateMeasure();
    const n = await callReport(core, 'notice:create', { measureId: m.id, level: 'warning' });
    expect(n.notice.docNumber).toBe('统战督〔2026〕第3号');
    expect(n.notice.level).toBe('warning');
  });

  it('is refused for a measure that is on track or closed, with a Chinese message', async () => {
    const closed = rawSql(core).prepare(`SELECT id FROM measures WHERE status = 'closed' LIMIT 1`).get() as { id: number };
    await expect(callReport(core, 'notice:create', { measureId: closed.id })).rejects.toThrow(/状态为“已销号”，不需要督办/);
    const count = rawSql(core).prepare('SELECT count(*) AS n FROM notices WHERE measure_id = ?').get(closed.id) as { n: number };
    expect(count.n).toBe(0);
  });
});

describe('办理情况反馈函', () => {
  it('is addressed to the party and says what was done and what remains', async () => {
    const batch = rawSql(core).prepare('SELECT b.id, o.name FROM batches b JOIN organizations o ON o.id = b.organization_id ORDER BY b.id LIMIT 1').get() as { id: number; name: string };
    const file = await callReport(core, 'report:reply-letter', { batchId: batch.id });
    const texts = paragraphs(zipEntry(fromBase64(file), 'word/document.xml'));
    expect(texts).toContain(`${batch.name}：`);
    const findings = rawSql(core).prepare('SELECT count(*) AS n FROM findings WHERE batch_id = ?').get(batch.id) as { n: number };
    expect(texts.join('')).toContain(`主动认领全部${findings.n}个问题`);
    // One page: the open problems by number and where they concentrate, not an item list (report-paper.test.ts).
    expect(texts.join('')).toMatch(/(第[\d、]+号(等)?)?\d*个?问题尚在整改|已全部完成整改/);
  });
});
