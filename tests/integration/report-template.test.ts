import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rawSql } from '../support/raw-sql.ts';
import {
  AlignmentType, Document, Footer, Header, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { stopJobs, whenJobEnds } from '../../shared/core/jobs/runner.ts';
import { locateExport } from '../../shared/core/jobs/exports.ts';
import { openTemplate } from '../../shared/core/reports/template/open.ts';
import { writeTemplateReport } from '../../shared/core/reports/template/fill.ts';
import { loadReportRows } from '../../shared/core/reports/rows.ts';
import { measureNumber } from '../../shared/domain/numbering.ts';
import { chineseDate } from '../../shared/domain/dates.ts';
import { AppError } from '../../shared/errors.ts';
import { call, tableCounts } from '../support/core.ts';
import { seedLedger, tempCore, TODAY, zipEntry } from './report-fixtures.ts';

/**
 * The office's own Word template (issue 9): a template with its own letterhead, header, footer and
 * fixed paragraphs produces the report with that text kept and the figures of the database; 检查模板
 * names unknown tags and broken ones in Chinese; a broken template produces nothing; the template
 * runs no code.
 */

const OFFICE = '中共青山县委统战部';
const LETTERHEAD = '中共青山县委统一战线工作部';
const FIXED = [
  '县委：',
  '根据县委统一部署，我部会同各责任单位，对照反馈意见逐条研究、逐项整改，坚持“边查边改、立行立改”，现将有关情况报告如下。',
  '下一步，我部将持续跟踪，对已完成整改的问题适时开展“回头看”，防止反弹回潮。',
  '特此报告。',
];

const cell = (text: string | TextRun[]) => new TableCell({ width: { size: 2000, type: WidthType.DXA }, children: [new Paragraph({ children: typeof text === 'string' ? [new TextRun(text)] : text })] });

/** A template as an office makes one in Word: letterhead in red, header and footer, fixed text, tags, a table-row loop. */
async function officeTemplate(body: (string | TextRun[])[] = []): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '青山县委统战部 内部资料', color: '888888' })] })] }) },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('青山县委统战部办公室印制')] })] }) },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: LETTERHEAD, color: 'FF0000', size: 60, font: '方正小标宋简体' })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '{标题}', size: 44 })] }),
          new Paragraph(FIXED[0]),
          new Paragraph(FIXED[1]),
          // Word splits text into runs where spell-check or an edit ran: a tag over three runs.
          new Paragraph({ children: [new TextRun('本次共反馈问题{问题'), new TextRun('总'), new TextRun('数}个，整改措施{措施总数}条，已销号{已销号}条，完成率{完成率}，按期完成率{按期完成率}。')] }),
          new Paragraph('{#逾期未完成}其中逾期未完成{逾期未完成}条，已发督办通知。{/逾期未完成}'),
          new Paragraph('{摘要段落}'),
          ...body.map((b) => new Paragraph({ children: typeof b === 'string' ? [new TextRun(b)] : b })),
          new Table({
            rows: [
              new TableRow({ tableHeader: true, children: ['序号', '反馈问题', '整改措施', '牵头单位', '整改时限', '整改状态'].map(cell) }),
              new TableRow({ children: [cell('{#措施}{序号}'), cell('{反馈问题}'), cell('{整改措施}'), cell('{牵头单位}'), cell('{整改时限}'), cell('{整改状态}{/措施}')] }),
            ],
          }),
          new Paragraph(FIXED[2]),
          new Paragraph(FIXED[3]),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun('{办公室名称}')] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun('{成文日期}')] }),
        ],
      },
    ],
  });
  const bytes = await Packer.toBuffer(doc);
  // As Word writes a word it marked while typing: a proofing mark between the runs of one tag.
  const zip = new PizZip(bytes);
  const xml = zip.file('word/document.xml')!.asText();
  const marked = xml.replace(/(<w:r>(?:(?!<w:r>).)*?<w:t[^>]*>总<\/w:t><\/w:r>)/, '<w:proofErr w:type="spellStart"/>$1<w:proofErr w:type="spellEnd"/>');
  expect(marked).not.toBe(xml);
  zip.file('word/document.xml', marked);
  return zip.generate({ type: 'nodebuffer' });
}

/** Each paragraph's text (runs joined), in order. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

const upload = (name: string, bytes: Buffer) => ({ name, base64: bytes.toString('base64') });

let env: Awaited<ReturnType<typeof tempCore>>;
let core: Core;
let template: Buffer;

beforeAll(async () => {
  env = await tempCore();
  core = env.core;
  await seedLedger(core, 40);
  const settings = await call(core, 'settings:get', {});
  await call(core, 'settings:update', { ...settings, officeName: OFFICE });
  template = await officeTemplate();
});
afterAll(async () => {
  await stopJobs(core.dataDir);
  await env.dispose();
});

describe('检查模板', () => {
  it('lists every tag with where it is, including one Word split over runs', async () => {
    const check = await call(core, 'template:check', { file: upload('本部模板.docx', template) });
    expect(check.problems).toEqual([]);
    expect(check.unknown).toEqual([]);
    expect(check.ok).toBe(true);
    const names = check.tags.map((t) => t.name);
    for (const n of ['标题', '问题总数', '措施总数', '已销号', '完成率', '按期完成率', '逾期未完成', '摘要段落', '措施', '序号', '整改状态', '办公室名称', '成文日期']) expect(names).toContain(n);
    const total = check.tags.find((t) => t.name === '问题总数')!;
    expect(total.where).toMatch(/^正文第 \d+ 段“本次共反馈问题/);
    expect(check.tags.find((t) => t.name === '序号')).toMatchObject({ loop: '措施', kind: 'field', where: expect.stringContaining('表格') });
    expect(check.tags.find((t) => t.name === '逾期未完成' && t.loop === null)).toMatchObject({ kind: 'condition' });
  });

  it('names an unknown tag and the nearest known one, and will not keep such a template', async () => {
    const bad = await officeTemplate(['报送单位：{办公室名}；党派：{党派}；{随便写的}']);
    const before = await tableCounts(core);
    const check = await call(core, 'template:check', { file: upload('有错的模板.docx', bad) });
    expect(check.ok).toBe(false);
    const unknown = Object.fromEntries(check.unknown.map((t) => [t.name, t]));
    expect(unknown['办公室名']).toMatchObject({ nearest: '办公室名称', where: expect.stringMatching(/^正文第 \d+ 段“报送单位：/) });
    expect(unknown['党派'].nearest).toBe('监督主体');
    expect(unknown['随便写的'].nearest).toBeNull();
    const saved = await call(core, 'template:save', { file: upload('有错的模板.docx', bad) });
    expect(saved.saved).toBe(false);
    expect(saved.template).toBeNull();
    expect(await call(core, 'template:info', {})).toBeNull();
    expect(await tableCounts(core)).toEqual(before);
    expect(fs.existsSync(path.join(core.dataDir, 'templates'))).toBe(false);
  });

  it('reports an unclosed tag in Chinese naming its paragraph, and produces no file', async () => {
    const broken = await officeTemplate(['请在{成文日期前报送，联系人：张三。']);
    const check = await call(core, 'template:check', { file: upload('括号不全.docx', broken) });
    expect(check.ok).toBe(false);
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0].message).toContain('缺少右括号');
    expect(check.problems[0].where).toMatch(/^正文第 \d+ 段“请在\{成文日期前报送/);

    const saved = await call(core, 'template:save', { file: upload('括号不全.docx', broken) });
    expect(saved.saved).toBe(false);
    const refused = await writeTemplateReport(core, { template: { fileName: '括号不全.docx', bytes: broken }, filter: {}, title: null, officeName: OFFICE, thresholds: { dueSoonDays: 7, stagnantDays: 30 } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toMatch(/没有生成报告/);
    expect(fs.existsSync(path.join(core.dataDir, 'templates'))).toBe(false);
  });

  it('refuses what is not a .docx, in words', async () => {
    const r = await callFailsMessage('template:check', { file: { name: '模板.doc', base64: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]).toString('base64') } });
    expect(r).toMatch(/另存为/);
  });

  it('runs no code from a template: names are looked up, never evaluated', async () => {
    const hostile = await officeTemplate([
      "{constructor}{__proto__}{this.constructor.constructor('globalThis.__pwned = 1')()}",
      '{#__proto__}x{/__proto__}',
      '{@摘要段落}',
    ]);
    const check = await call(core, 'template:check', { file: upload('恶意模板.docx', hostile) });
    expect(check.ok).toBe(false);
    expect(check.unknown.map((t) => t.name)).toEqual(expect.arrayContaining(['constructor', '__proto__', "this.constructor.constructor('globalThis.__pwned = 1')()"]));
    expect(check.problems.some((p) => p.message.includes('{@摘要段落}'))).toBe(true);
    // Rendered anyway (bypassing the check), the names find nothing and nothing runs.
    const opened = openTemplate(hostile, '恶意模板.docx');
    opened.doc.render({ 摘要段落: '<w:p/>' });
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
    expect(opened.doc.getFullText()).not.toMatch(/function|native code|\[object/);

    // docxtemplater's "{=" (a change of brackets) is no door to code either: refused as a mistake.
    const exit = await call(core, 'template:check', { file: upload('改括号.docx', await officeTemplate(['{= process.exit(1) }'])) });
    expect(exit.ok).toBe(false);
    expect(exit.problems[0].message).toContain('更换括号');
  });
});

describe('the report in the office template', () => {
  let xml: string;
  let out: Buffer;

  beforeAll(async () => {
    const saved = await call(core, 'template:save', { file: upload('本部模板.docx', template) });
    expect(saved.saved).toBe(true);
    expect(saved.template).toMatchObject({ fileName: '本部模板.docx', size: template.length });
    const { jobId } = await call(core, 'jobs:start', { kind: 'report:template', input: { filter: {} } });
    const status = await whenJobEnds(jobId);
    expect(status.state, status.error?.message).toBe('done');
    out = fs.readFileSync(locateExport(core.dataDir, status.file!.id)!.path);
    xml = zipEntry(out, 'word/document.xml');
  });

  it('keeps the letterhead, the fixed paragraphs, the header and the footer unchanged', () => {
    const texts = paragraphs(xml);
    expect(texts[0]).toBe(LETTERHEAD);
    for (const p of FIXED) expect(texts).toContain(p);
    expect(xml).toContain('w:color w:val="FF0000"');
    const inZip = (b: Buffer) => new PizZip(b).file(/word\/(header|footer)\d*\.xml/).map((f) => [f.name, f.asText()] as const);
    expect(inZip(out)).toEqual(inZip(template));
    expect(inZip(out).map(([, x]) => paragraphs(x).join(''))).toEqual(expect.arrayContaining(['青山县委统战部 内部资料', '青山县委统战部办公室印制']));
  });

  it('states the figures of the database and signs with the office and the day in Chinese', () => {
    const one = (q: string) => (rawSql(core).prepare(q).get() as { n: number }).n;
    const findings = one('SELECT count(*) AS n FROM findings');
    const measures = one('SELECT count(*) AS n FROM measures');
    const closed = one("SELECT count(*) AS n FROM measures WHERE status = 'closed'");
    const completed = one("SELECT count(*) AS n FROM findings WHERE status = 'closed'");
    const texts = paragraphs(xml);
    const line = texts.find((t) => t.startsWith('本次共反馈问题'))!;
    expect(line).toBe(`本次共反馈问题${findings}个，整改措施${measures}条，已销号${closed}条，完成率${(Math.round((completed / findings) * 10000) / 100).toFixed(2)}%，按期完成率${line.match(/按期完成率(.+)。$/)![1]}。`);
    expect(texts).toContain(OFFICE);
    expect(texts).toContain(chineseDate(TODAY));
    expect(texts.find((t) => t.startsWith('反馈的'))).toMatch(new RegExp(`^反馈的${findings}个问题，完成整改${completed}个`));
    expect(xml).not.toMatch(/\{|\}|undefined|\[object/);
    for (const t of texts) expect(t).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('repeats the table row once per measure, numbered as the ledger numbers them', async () => {
    const rows = await loadReportRows(core, {}, { dueSoonDays: 7, stagnantDays: 30 });
    const table = xml.match(/<w:tbl>.*<\/w:tbl>/s)![0];
    const trs = [...table.matchAll(/<w:tr[ >].*?<\/w:tr>/gs)].map((m) => paragraphs(m[0]));
    expect(trs).toHaveLength(rows.length + 1);
    expect(trs.slice(1).map((cells) => cells[0])).toEqual(rows.map((r) => measureNumber(r.findingSeq, r.measureSeq)));
    expect(trs[1][3]).toBe(rows[0].leadUnitName);
  });

  it('drops a section about overdue items when there are none, and says a filtered report is filtered', async () => {
    const overdue = (rawSql(core).prepare("SELECT count(*) AS n FROM measures WHERE status NOT IN ('closed','pending','standing') AND deadline_kind = 'date' AND deadline_date < ?").get(TODAY) as { n: number }).n;
    expect(overdue).toBeGreaterThan(0);
    expect(paragraphs(xml).some((t) => t.startsWith(`其中逾期未完成${overdue}条`))).toBe(true);

    const closedOnly = await call(core, 'report:template', { filter: { statuses: ['closed'] } });
    const texts = paragraphs(zipEntry(Buffer.from(closedOnly.base64, 'base64'), 'word/document.xml'));
    expect(texts.some((t) => t.includes('逾期未完成'))).toBe(false);
    expect(texts[1]).toMatch(/（状态 已销号）$/);
  });

  it('ships a sample template whose every tag is known', async () => {
    const sample = await call(core, 'template:sample', {});
    const check = await call(core, 'template:check', { file: { name: sample.fileName, base64: sample.base64 } });
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    const shipped = fs.readFileSync(path.join(import.meta.dirname, '../../resources/templates/整改情况报告-示例模板.docx'));
    const shippedCheck = await call(core, 'template:check', { file: upload('示例模板.docx', shipped) });
    expect(shippedCheck.ok).toBe(true);
    expect(paragraphs(zipEntry(shipped, 'word/document.xml'))[0]).toBe('中共××县委统战部');
  });
});

const soffice = ['libreoffice', 'soffice'].find((cmd) => spawnSync('which', [cmd]).status === 0);
if (!soffice) console.warn('跳过“LibreOffice 另存的模板”测试：本机没有 LibreOffice（.ci/run 会安装它）');

describe.skipIf(!soffice)('a template re-saved by another office suite', () => {
  it('still fills every tag after LibreOffice rewrote its runs and styles', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-template-lo-'));
    try {
      const source = path.join(dir, 'src', '本部模板.docx');
      fs.mkdirSync(path.dirname(source));
      fs.writeFileSync(source, template);
      const profile = path.join(dir, 'profile');
      execFileSync(soffice!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, source], { stdio: 'ignore', timeout: 120_000 });
      const resaved = fs.readFileSync(path.join(dir, '本部模板.docx'));
      expect(resaved.equals(template)).toBe(false);
      const check = await call(core, 'template:check', { file: upload('另存的模板.docx', resaved) });
      expect(check.problems).toEqual([]);
      expect(check.unknown).toEqual([]);
      const out = await writeTemplateReport(core, { template: { fileName: '另存的模板.docx', bytes: resaved }, filter: {}, title: null, officeName: OFFICE, thresholds: { dueSoonDays: 7, stagnantDays: 30 } });
      const texts = paragraphs(zipEntry(out.bytes, 'word/document.xml'));
      expect(texts).toContain(LETTERHEAD);
      for (const p of FIXED) expect(texts).toContain(p);
      const findings = (rawSql(core).prepare('SELECT count(*) AS n FROM findings').get() as { n: number }).n;
      expect(texts.find((t) => t.startsWith('本次共反馈问题'))).toMatch(new RegExp(`^本次共反馈问题${findings}个`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

async function callFailsMessage(channel: 'template:check', input: unknown): Promise<string> {
  const { invoke } = await import('../../shared/core/invoke.ts');
  const r = await invoke(core, channel, input);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error.message;
}
