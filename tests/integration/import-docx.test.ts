import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../../shared/core/import/formats/docx.ts';
import { decodeXmlText, scanXml } from '../../shared/core/import/formats/ooxml.ts';
import { readZipEntry, zipEntryNames } from '../../shared/core/import/formats/zip.ts';
import type { SheetGrid } from '../../shared/core/import/read-workbook.ts';
import type { AppError } from '../../shared/errors.ts';
import { makeDocxFixtures, rawZip, resaveWithLibreOffice } from '../fixtures/import/docx-fixtures.ts';

/** Word documents read into grids: tables, forms, numbered letters, LibreOffice re-saves, hostile zips. */

let dir: string;
let files: Record<string, string>;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-docx-fx-'));
  files = await makeDocxFixtures(dir);
  for (const [name, reason] of Object.entries(files)) if (name.startsWith('skipped:')) console.warn(`跳过 ${name.slice(8)}：${reason}`);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const read = (name: string) => readDocx(name, fs.readFileSync(files[name]));
const merges = (g: SheetGrid) => g.merges.map((m) => `${m.s.r},${m.s.c}:${m.e.r},${m.e.c}`).sort();
const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
};
/** Words a library would put in its own error text; none may reach the clerk. */
const LIBRARY_TEXT = /invalid|incorrect|unexpected|zlib|inflate|stream|header check|block|distance|Error|buffer|RangeError/i;

const LETTER_ROWS = [
  ['附件：', null, null, null],
  ['XX县脱贫攻坚民主监督反馈问题清单', null, null, null],
  ['序号', '问题类别', '反馈问题', '意见建议'],
  ['1', '产业扶贫方面', '部分产业项目同质化严重，市场风险较大', '因地制宜发展特色产业'],
  ['2', '产业扶贫方面', '产业项目带贫益贫机制不健全', '健全利益联结机制'],
  ['3', '产业扶贫方面', '部分龙头企业履行帮扶协议不到位', '加强协议履行监管'],
  ['4', '资金使用方面', '扶贫资金拨付滞后', '建立资金拨付台账'],
  ['5', '资金使用方面', '项目资金绩效评价流于形式', '开展绩效评价“回头看”'],
  ['6', '作风建设方面', '个别帮扶干部入户走访不深入', '落实帮扶干部考核'],
  ['7', '作风建设方面', '帮扶手册填写不规范 & 更新不及时', '开展档案资料规范培训'],
  ['8', '群众满意度方面', '群众对帮扶政策知晓率不高', '常态化开展政策宣讲'],
];
const LETTER_MERGES = ['3,1:5,1', '6,1:7,1', '8,1:9,1'];

const PLAN_ROWS = [
  ['XX县脱贫攻坚民主监督反馈问题整改任务清单', null, null, null, null, null, null],
  ['（截至2021年6月30日）', null, null, null, null, null, null],
  ['序号', '反馈问题', '整改措施', '责任\n单位', '责任\n单位', '责任领导', '整改时限'],
  ['序号', '反馈问题', '整改措施', '牵头单位', '配合单位', '责任领导', '整改时限'],
  ['1', '产业项目选择与市场脱节', '开展产业项目市场评估', '县农业农村局', '县发改局', '王副县长', '2021年6月30日'],
  ['1', '产业项目选择与市场脱节', '建立产销对接机制', '县商务局', '县供销社、县农业农村局', '王副县长', '2021年9月底前'],
  ['1', '产业项目选择与市场脱节', '发展订单农业，\n签订保底收购协议', '县农业农村局', null, '王副县长', '长期坚持'],
  ['2', '扶贫资金使用绩效不高', '开展资金绩效评价', '县财政局', '县审计局', '李副县长', '2021.12.31'],
  ['2', '扶贫资金使用绩效不高', '健全资金监管长效机制', '县财政局', null, '李副县长', '长期坚持'],
  ['3', '个别干部作风漂浮', '开展作风专项整治', '县纪委监委', '县委组织部', '张书记', '立行立改'],
];
const PLAN_MERGES = ['2,0:3,0', '2,1:3,1', '2,2:3,2', '2,3:2,4', '2,5:3,5', '2,6:3,6', '4,0:6,0', '4,1:6,1', '7,0:8,0', '7,1:8,1'];

describe('readDocx: Word tables', () => {
  it('a. letter with a ledger table: caption rows, merged categories filled, 续表 joined without its repeated header', () => {
    const wb = read('a-letter-table.docx');
    expect(wb.sheets.map((s) => [s.name, s.origin])).toEqual([['表格1', 'word-table']]);
    const [g] = wb.sheets;
    expect(g.rows).toEqual(LETTER_ROWS);
    expect(g.width).toBe(4);
    expect(merges(g)).toEqual(LETTER_MERGES);
    // Deleted text (w:del) is gone, inserted text (w:ins) kept, split runs joined, "&" decoded.
    expect(g.rows[5][2]).toBe('部分龙头企业履行帮扶协议不到位');
    expect(wb.yearHint).toEqual({ value: 2021, from: '标题' });
  });

  it('c. plan table: two-row header with a gridSpan group and a line break, 序号/反馈问题 merged over their measures', () => {
    const wb = read('c-plan-table.docx');
    expect(wb.sheets).toHaveLength(1);
    const [g] = wb.sheets;
    expect(g.name).toBe('表格1');
    expect(g.rows).toEqual(PLAN_ROWS);
    expect(merges(g)).toEqual(PLAN_MERGES);
    expect(wb.yearHint).toEqual({ value: 2021, from: '标题' });
  });

  const loSkipped = (name: string) => !fs.existsSync('/usr/bin/libreoffice') && (console.warn(`未安装 LibreOffice，跳过 ${name}`), true);

  it.skipIf(loSkipped('e-lo-letter-table.docx'))('e. the letter table re-saved by LibreOffice reads the same', () => {
    if (!files['e-lo-letter-table.docx']) throw new Error(String(files['skipped:e-lo-letter-table.docx']));
    const [g, ...rest] = read('e-lo-letter-table.docx').sheets;
    expect(rest).toEqual([]);
    expect(g.rows).toEqual(LETTER_ROWS);
    expect(merges(g)).toEqual(LETTER_MERGES);
  });

  it.skipIf(loSkipped('e-lo-plan-table.docx'))('e. the plan table re-saved by LibreOffice (zero-width grid column, uneven spans) reads the same', () => {
    if (!files['e-lo-plan-table.docx']) throw new Error(String(files['skipped:e-lo-plan-table.docx']));
    const [g, ...rest] = read('e-lo-plan-table.docx').sheets;
    expect(rest).toEqual([]);
    expect(g.rows).toEqual(PLAN_ROWS);
    expect(merges(g)).toEqual(PLAN_MERGES);
  });
});

describe('readDocx: forms and letters', () => {
  it('d. three 整改归零表 forms → one 登记表 grid: header of labels, one row a form', () => {
    const wb = read('d-forms.docx');
    expect(wb.sheets.map((s) => [s.name, s.origin])).toEqual([['登记表', 'word-form']]);
    expect(wb.sheets[0].rows).toEqual([
      ['问题名称', '问题来源', '问题类别', '责任单位', '整改时限', '整改措施', '责任人', '整改状态'],
      ['部分产业项目同质化严重', '民革XX县委会专项监督', '产业扶贫', '县农业农村局', '2021年6月30日', '开展产业项目市场评估\n建立产销对接机制', '张三', '已销号'],
      ['扶贫资金拨付滞后', '民革XX县委会专项监督', '资金使用', '县财政局', '立行立改', '建立资金拨付台账，按月通报', '李四', '整改中'],
      ['群众对帮扶政策知晓率不高', '民盟XX县委会调研', '群众满意度', '县乡村振兴局', '长期坚持', '常态化开展政策宣讲\n编印政策明白卡', '王五', '长期坚持'],
    ]);
    expect(wb.sheets[0].width).toBe(8);
    // No year in the text: the file's own created date.
    expect(wb.yearHint?.from).toBe('文件日期');
  });

  it('b. numbered letter → 正文 grid: findings of the problems section only, categories, suggestions by heading', () => {
    const wb = read('b-numbered-letter.docx');
    expect(wb.sheets.map((s) => [s.name, s.origin])).toEqual([['正文', 'word-paragraphs']]);
    const industry = '建议因地制宜发展特色产业，健全利益联结机制，提高贫困户参与度。';
    const funds = '建议建立资金拨付台账，按月通报，开展绩效评价“回头看”。';
    expect(wb.sheets[0].rows).toEqual([
      ['序号', '问题类别', '反馈问题', '意见建议'],
      ['1', '产业扶贫方面', '部分产业项目同质化严重，市场风险较大。', industry],
      ['2', '产业扶贫方面', '产业项目带贫益贫机制不健全，贫困户参与度不高。', industry],
      ['3', '资金使用方面', '部分扶贫资金拨付滞后', funds],
      ['4', '资金使用方面', '项目资金绩效评价流于形式', funds],
      ['5', '资金使用方面', '村级公益岗位补贴发放不及时', funds],
    ]);
    expect(wb.yearHint).toEqual({ value: 2021, from: '落款日期' });
  });
});

describe('readDocx: damaged and hostile files', () => {
  it('a damaged deflate stream is refused fast, in Chinese, naming the file', () => {
    const started = Date.now();
    const err = refusal(() => read('damaged.docx'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(err.code).toBe('file_refused');
    expect(err.message).toContain('damaged.docx');
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    expect(err.message.replace('damaged.docx', '').replace('word/document.xml', '')).not.toMatch(LIBRARY_TEXT);
  });

  it('a document.xml claiming 4 KB that inflates to 200 MB is refused without inflating it', () => {
    const before = process.memoryUsage().arrayBuffers;
    const started = Date.now();
    const err = refusal(() => read('bomb.docx'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(20 * 1024 * 1024);
    expect(err.code).toBe('file_refused');
    expect(err.message).toContain('bomb.docx');
    expect(err.message).toContain('压缩炸弹');
    expect(err.message.replace('bomb.docx', '').replace('word/document.xml', '')).not.toMatch(LIBRARY_TEXT);
  });

  it('a document.xml over 50 MB is refused by its declared size', () => {
    const err = refusal(() => read('too-big.docx'));
    expect(err.message).toContain('too-big.docx');
    expect(err.message).toContain('50 MB');
  });

  it('more than 50,000 table rows are refused', () => {
    const xml = Buffer.from(`<w:document><w:body><w:tbl>${'<w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>'.repeat(50_001)}</w:tbl></w:body></w:document>`);
    const zip = rawZip([{ name: 'word/document.xml', data: zlib.deflateRawSync(xml), method: 8, crc: zlib.crc32(xml), declaredSize: xml.length }]);
    const err = refusal(() => readDocx('many-rows.docx', zip));
    expect(err.message).toContain('many-rows.docx');
    expect(err.message).toContain('50000');
  });

  it('truncated XML, a wrong CRC, a stored entry and a zip without document.xml', () => {
    const broken = Buffer.from('<w:document><w:body><w:p><w:r><w:t>半截');
    const zipBroken = rawZip([{ name: 'word/document.xml', data: broken, method: 0, crc: zlib.crc32(broken), declaredSize: broken.length }]);
    expect(readDocx('半截.docx', zipBroken).sheets).toEqual([]);
    const xml = Buffer.from('<w:document><w:body><w:p><w:r><w:t>1.问题</w:t></w:r></w:p></w:body></w:document>');
    const badCrc = rawZip([{ name: 'word/document.xml', data: xml, method: 0, crc: 12345, declaredSize: xml.length }]);
    expect(refusal(() => readDocx('crc.docx', badCrc)).message).toMatch(/crc\.docx.*校验不符/);
    const other = rawZip([{ name: 'xl/workbook.xml', data: xml, method: 0, crc: zlib.crc32(xml), declaredSize: xml.length }]);
    expect(zipEntryNames(other)).toEqual(['xl/workbook.xml']);
    expect(readZipEntry('x.zip', other, 'word/document.xml', 1000)).toBeNull();
    expect(refusal(() => readDocx('other.docx', other)).message).toContain('other.docx');
    expect(refusal(() => readZipEntry('garbage.docx', new Uint8Array(100), 'a', 10)).message).toContain('garbage.docx');
  });
});

describe('ooxml tokenizer and small documents', () => {
  it('decodes entities and walks tags, skipping comments, CDATA-safe', () => {
    expect(decodeXmlText('A&amp;B &lt;x&gt; &quot;&apos; &#20013;&#x6587; &bogus; &#xD800;')).toBe('A&B <x> "\' 中文 &bogus; &#xD800;');
    const seen: string[] = [];
    scanXml('<?xml version="1.0"?><!-- c --><a x="1>2"><b/>t<![CDATA[<&>]]></a>', {
      open: (n, a, s) => seen.push(`open ${n}${a}${s ? '/' : ''}`),
      close: (n) => seen.push(`close ${n}`),
      text: (t) => seen.push(`text ${decodeXmlText(t)}`),
    });
    expect(seen).toEqual(['open a x="1>2"', 'open b/', 'text t', 'text <&>', 'close a']);
  });

  const docx = (body: string, core?: string) => {
    const xml = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="w"><w:body>${body}</w:body></w:document>`);
    const entries = [{ name: 'word/document.xml', data: zlib.deflateRawSync(xml), method: 8 as const, crc: zlib.crc32(xml), declaredSize: xml.length }];
    if (core) {
      const c = Buffer.from(core);
      entries.push({ name: 'docProps/core.xml', data: zlib.deflateRawSync(c), method: 8, crc: zlib.crc32(c), declaredSize: c.length });
    }
    return rawZip(entries);
  };
  const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;

  it('tabs, breaks, nested tables, gridBefore, tab stops and field codes in a cell', () => {
    const nested = `<w:tbl><w:tr><w:tc>${para('甲')}</w:tc><w:tc>${para('乙')}</w:tc></w:tr></w:tbl>`;
    const body = `<w:tbl><w:tblGrid><w:gridCol w:w="100"/><w:gridCol w:w="100"/><w:gridCol w:w="100"/></w:tblGrid>
      <w:tr><w:tc>${para('序号')}</w:tc><w:tc>${para('反馈问题')}</w:tc><w:tc>${para('备注')}</w:tc></w:tr>
      <w:tr><w:tc><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="100"/></w:tabs></w:pPr><w:r><w:t>1</w:t></w:r></w:p></w:tc>
        <w:tc><w:p><w:r><w:t>问题</w:t><w:tab/><w:t>一</w:t><w:br/><w:t>续</w:t></w:r><w:r><w:instrText> PAGE </w:instrText></w:r></w:p>${nested}</w:tc><w:tc>${para('')}</w:tc></w:tr>
      <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc>${para('2号')}</w:tc><w:tc>${para('无')}</w:tc></w:tr></w:tbl>`;
    const [g] = readDocx('n.docx', docx(body)).sheets;
    expect(g.rows).toEqual([
      ['序号', '反馈问题', '备注'],
      ['1', '问题 一\n续\n甲 乙', null],
      [null, '2号', '无'],
    ]);
  });

  it('a letter without section headings: every numbered paragraph is a finding; 1:1 suggestions; year from core.xml', () => {
    const body = [
      '关于XX县民主监督情况的反馈',
      '县人民政府：',
      '监督组发现以下问题：',
      '（一）产业项目同质化严重，市场风险较大。',
      '（二）扶贫资金拨付滞后。',
      '特此函告。',
    ].map(para).join('');
    const core = '<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2019-03-01T00:00:00Z</dcterms:created></cp:coreProperties>';
    const wb = readDocx('nohead.docx', docx(body, core));
    expect(wb.sheets[0].rows).toEqual([
      ['序号', '问题类别', '反馈问题', '意见建议'],
      ['1', null, '产业项目同质化严重，市场风险较大', null],
      ['2', null, '扶贫资金拨付滞后', null],
    ]);
    expect(wb.yearHint).toEqual({ value: 2019, from: '文件日期' });

    const oneToOne = [
      '关于XX县民主监督情况的反馈意见',
      '一、发现的问题',
      '1.部分村低保对象识别不准。',
      '2.个别干部作风漂浮。',
      '二、几点建议',
      '1.开展低保对象全面排查。',
      '2.开展作风专项整治。',
      '二〇二一年六月八日',
    ].map(para).join('');
    const rows = readDocx('o.docx', docx(oneToOne)).sheets[0].rows;
    expect(rows.slice(1)).toEqual([
      ['1', null, '部分村低保对象识别不准。', '开展低保对象全面排查。'],
      ['2', null, '个别干部作风漂浮。', '开展作风专项整治。'],
    ]);
    expect(readDocx('o.docx', docx(oneToOne)).yearHint).toEqual({ value: 2021, from: '落款日期' });

    // Counts that do not match and headings that differ: nothing is attached.
    const unmatched = oneToOne.replace(para('2.开展作风专项整治。'), '');
    expect(readDocx('u.docx', docx(unmatched)).sheets[0].rows.slice(1).map((r) => r[3])).toEqual([null, null]);
  });

  it('resaveWithLibreOffice reports why when it cannot convert', () => {
    const res = resaveWithLibreOffice(path.join(dir, 'does-not-exist.docx'), path.join(dir, 'lo-none'));
    expect(res.file).toBeNull();
    expect(res.reason).toBeTruthy();
  }, 70_000);
});
