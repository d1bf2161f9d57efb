import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseImport, toCliJson } from '../../shared/core/import/parse.ts';
import type { AppError } from '../../shared/errors.ts';
import { makeFixtures } from '../fixtures/import/make-fixtures.ts';

/** Real files in every shape a clerk receives, read back; each fixture's findings asserted. */

let dir: string;
let files: Record<string, string>;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-import-fx-'));
  files = await makeFixtures(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const read = (name: string) => toCliJson(parseImport(name, fs.readFileSync(files[name]), { defaultYear: 2021 }));
const brief = (json: ReturnType<typeof read>) =>
  json.findings.map((f) => ({
    seq: f.seq,
    category: f.category,
    text: f.text,
    measures: f.measures.map((m) => [m.text, m.leadUnit, m.coUnits.join('、'), m.deadline.kind, m.deadline.date, m.status]),
  }));

describe('import reader on real files', () => {
  it('01 .xlsx (exceljs, shared strings): title, 填报单位 line, Excel dates, a formula, footer skipped', () => {
    const json = read('01-basic.xlsx');
    expect(json.sheets).toEqual([
      {
        name: '整改台账',
        headerRows: [3, 3],
        mapping: { seq: 'A', category: 'B', finding: 'C', measure: 'D', units: 'E', leader: 'F', deadline: 'G', progress: 'H', status: 'I', note: 'J' },
      },
    ]);
    expect(brief(json)).toEqual([
      { seq: '1', category: '资金使用', text: '扶贫资金拨付滞后', measures: [['建立资金拨付台账，按月通报', '县财政局', '', 'date', '2021-06-30', 'closed']] },
      { seq: '2', category: '政策落实', text: '部分村低保对象识别不准', measures: [['开展低保对象全面排查', '县民政局', '县扶贫办', 'date', '2021-09-30', 'in_progress']] },
      { seq: '3', category: '作风建设', text: '个别干部作风漂浮', measures: [['开展作风专项整治', '县纪委监委', '', 'immediate', null, 'closed']] },
      { seq: '4', category: '群众满意度', text: '群众对帮扶政策知晓率不高', measures: [['常态化开展政策宣讲', '县扶贫办', '', 'standing', null, 'standing']] },
    ]);
    expect(json.findings[0].measures[0].leader).toBe('王副县长');
    expect(json.counts).toEqual({ findings: 4, measures: 4, refused: 0 });
  });

  it('02 two-row header with merges, （截至…） caption, category rows, merged finding cells, 合计 and 注 skipped', () => {
    const parsed = parseImport('02-two-row-header.xlsx', fs.readFileSync(files['02-two-row-header.xlsx']), { defaultYear: 2030 });
    const json = toCliJson(parsed);
    expect(json.sheets[0].headerRows).toEqual([3, 4]);
    expect(json.sheets[0].mapping).toEqual({ seq: 'A', finding: 'B', measure: 'C', leadUnit: 'D', coUnit: 'E', deadline: 'F', progress: 'G', status: 'H', note: 'I' });
    expect(parsed.sheets[0].caption).toContain('（截至2021年6月30日）');
    expect(brief(json)).toEqual([
      {
        seq: '1',
        category: '产业扶贫方面 / 项目管理',
        text: '产业项目选择与市场脱节',
        measures: [
          ['开展产业项目市场评估', '县农业农村局', '县发改局', 'date', '2021-06-30', 'closed'],
          ['建立产销对接机制', '县商务局', '县供销社、县农业农村局', 'date', '2021-09-30', 'in_progress'],
        ],
      },
      { seq: '2', category: '产业扶贫方面 / 项目管理', text: '项目资产管护不到位', measures: [['制定扶贫项目资产管理办法', '县扶贫办', '', 'date', '2021-12-31', 'not_started']] },
      {
        seq: '3',
        category: '资金使用方面',
        text: '资金使用绩效不高',
        measures: [
          ['开展资金绩效评价', '县财政局', '县审计局', 'date', '2021-12-31', 'pending'],
          ['健全资金监管长效机制', '县财政局', '', 'standing', null, 'standing'],
        ],
      },
    ]);
    const skipped = parsed.rows.filter((r) => r.outcome === 'skipped').map((r) => r.reason);
    expect(skipped).toEqual(['分类行：产业扶贫方面', '分类行：项目管理', '分类行：资金使用方面', '合计行', '注释']);
    expect(parsed.findings[0].measures[0].progress).toBe('已完成评估');
  });

  it('03 SheetJS bookSST: 1 / 1.1 numbering and every deadline form, year from the title', () => {
    const parsed = parseImport('03-numbering.xlsx', fs.readFileSync(files['03-numbering.xlsx']), { defaultYear: 2030 });
    const json = toCliJson(parsed);
    // 完成情况 could be prose or a status: its values (已办结, 正在办理, 未整改 …) say status.
    expect(json.sheets[0].mapping).toMatchObject({ seq: 'A', finding: 'B', measure: 'C', leadUnit: 'D', coUnit: 'E', deadline: 'F', status: 'G' });
    expect(parsed.sheets[0].columns.find((c) => c.letter === 'G')?.reason).toMatch(/完成情况.*是状态用语/);
    expect(json.findings.flatMap((f) => f.measures.map((m) => m.status))).toEqual(['closed', 'in_progress', null, 'in_progress', 'not_started', 'in_progress', 'closed']);
    expect(json.findings.map((f) => [f.seq, f.text, f.measures.length])).toEqual([
      ['1', '基层党组织带贫作用发挥不够', 3],
      ['2', '易地搬迁后续扶持不足', 3],
      ['3', '驻村工作队考勤不严', 1],
    ]);
    const deadlines = json.findings.flatMap((f) => f.measures.map((m) => m.deadline));
    expect(deadlines).toEqual([
      { kind: 'date', date: '2021-06-30', text: '2021年6月30日' },
      { kind: 'date', date: '2021-06-30', text: '2021/6/30' },
      { kind: 'date', date: '2021-09-30', text: '2021-09-30' }, // serial 44469
      { kind: 'date', date: '2021-06-30', text: '2021年第二季度' },
      { kind: 'date', date: '2021-06-30', text: '6月底前' }, // year taken from 填报日期：2021年4月1日
      { kind: 'date', date: '2021-06-30', text: '2021年6月底前完成，长期坚持' }, // compound kept verbatim
      { kind: 'immediate', date: null, text: '立行立改' },
    ]);
    expect(parsed.warnings).toContainEqual({ sheet: 'Sheet1', row: 10, column: 'F', message: '整改时限“6月底前”未写年份，按 2021 年理解（年份取自表格标题）' });
    expect(json.findings[0].measures.map((m) => m.coUnits)).toEqual([[], ['县农业农村局'], []]);
  });

  it('04 .xls (BIFF8): category rows, "牵头：…配合：…" and "（牵头）" unit cells', () => {
    expect(brief(read('04-legacy.xls'))).toEqual([
      { seq: '1', category: '教育扶贫方面', text: '控辍保学工作存在薄弱环节', measures: [['建立控辍保学动态监测机制', '县教育局', '各乡镇人民政府、县公安局', 'date', '2021-09-30', null]] },
      { seq: '2', category: '教育扶贫方面', text: '贫困学生资助发放不及时', measures: [['规范资助资金发放流程', '县教育局', '县财政局', 'date', '2021-07-15', null]] },
      { seq: '3', category: '健康扶贫方面', text: '家庭医生签约服务流于形式', measures: [['开展签约服务质量评估', '县卫生健康局', '', 'date', '2021-12-31', null]] },
    ]);
  });

  const csvExpected = [
    {
      seq: '1',
      category: null,
      text: '村级集体经济薄弱',
      measures: [
        ['盘活闲置资产', '县农业农村局', '县财政局', 'date', '2021-10-31', 'in_progress'],
        ['发展特色种植', '县农业农村局', '县财政局', 'date', '2021-10-31', 'in_progress'],
      ],
    },
    { seq: '2', category: null, text: '小额信贷风险防控不足', measures: [['建立逾期贷款预警机制', '人行青山支行', '', 'date', '2021-12-31', 'closed']] },
    { seq: '3', category: null, text: '危房改造质量抽查发现问题, 需返工', measures: [['组织返工整改', '县住房城乡建设局', '', 'immediate', null, 'closed']] },
  ];
  it.each(['05-gbk.csv', '06-utf8-bom.csv', '07-utf8-nobom.csv'])('%s: decoded correctly, "一是…二是…" split into measures', (name) => {
    expect(brief(read(name))).toEqual(csvExpected);
  });

  it('05 really is GBK on disk (not UTF-8)', () => {
    const bytes = fs.readFileSync(files['05-gbk.csv']);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(new TextDecoder('gb18030').decode(bytes)).toContain('村级集体经济薄弱');
  });

  it('08 data not on the first sheet: each unit sheet read, the 说明 sheet reported', () => {
    const parsed = parseImport('08-multi-sheet.xlsx', fs.readFileSync(files['08-multi-sheet.xlsx']), { defaultYear: 2021 });
    expect(parsed.sheets.map((s) => s.name)).toEqual(['县水务局', '县交通运输局']);
    expect(parsed.findings.map((f) => [f.sheet, f.text, f.measures[0].leadUnit, f.measures[0].deadline.date])).toEqual([
      ['县水务局', '饮水安全工程维护不到位', '县水务局', '2021-08-31'],
      ['县交通运输局', '通村道路养护不及时', '县交通运输局', '2021-09-30'],
      ['县交通运输局', '客运班线覆盖不全', '县交通运输局', '2021-12-31'],
    ]);
    expect(parsed.warnings).toContainEqual({ sheet: '填表说明', row: null, column: null, message: '此工作表找不到表头，未导入（可在导入页面手动指定表头行）' });
  });

  it('09 hidden column ignored, ✓/√ status columns, measures as "一是…" and numbered lines', () => {
    const parsed = parseImport('09-hidden-ticks.xlsx', fs.readFileSync(files['09-hidden-ticks.xlsx']), { defaultYear: 2021 });
    expect(parsed.sheets[0].columns.find((c) => c.letter === 'B')).toMatchObject({ hidden: true, role: 'ignore' });
    expect(parsed.sheets[0].mapping).toMatchObject({ 'status:closed': 'G', 'status:in_progress': 'H', 'status:not_started': 'I' });
    expect(brief(toCliJson(parsed))).toEqual([
      {
        seq: '1',
        category: null,
        text: '防返贫监测覆盖不全',
        measures: [
          ['扩大监测范围', '县扶贫办', '', 'date', '2021-07-31', 'in_progress'],
          ['建立预警台账', '县扶贫办', '', 'date', '2021-07-31', 'in_progress'],
          ['定期回访', '县扶贫办', '', 'date', '2021-07-31', 'in_progress'],
        ],
      },
      {
        seq: '2',
        category: null,
        text: '帮扶干部走访记录不实',
        measures: [
          ['核查走访记录', '县委组织部', '', 'date', '2021-05-31', 'closed'],
          ['约谈相关干部', '县委组织部', '', 'date', '2021-05-31', 'closed'],
        ],
      },
      { seq: '3', category: null, text: '公益岗位管理粗放', measures: [['规范公益岗位聘用管理', '县人社局', '', 'date', '2021-11-30', 'not_started']] },
    ]);
    expect(JSON.stringify(parsed)).not.toContain('NB-00');
  });

  it('10 an HTML table in GBK saved as .xls', () => {
    expect(brief(read('10-html-gbk.xls'))).toEqual([
      { seq: '1', category: null, text: '乡镇卫生院药品短缺', measures: [['建立药品调配机制', '县卫生健康局', '', 'date', '2021-08-31', null]] },
      { seq: '2', category: null, text: '村医待遇保障不足', measures: [['落实村医补助资金', '县卫生健康局', '县财政局', 'date', '2021-12-31', null]] },
    ]);
  });

  it('11 "__proto__" and "constructor" in cells and sheet names stay text', () => {
    const json = read('11-proto.xlsx');
    expect(json.sheets[0].name).toBe('__proto__');
    expect(brief(json)).toEqual([
      { seq: '1', category: null, text: '__proto__', measures: [['constructor', '__proto__', '', 'date', '2021-06-30', null]] },
      { seq: '2', category: null, text: 'toString', measures: [['hasOwnProperty', 'constructor', '', 'none', null, null]] },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('refused files: a Chinese message naming the file (and sheet)', () => {
  const refused = (name: string): AppError => {
    try {
      parseImport(name, fs.readFileSync(files[name]), { defaultYear: 2021 });
    } catch (err) {
      return err as AppError;
    }
    throw new Error(`${name} was not refused`);
  };
  it.each([
    ['bad-corrupt.xlsx', /文件“bad-corrupt.xlsx”.*已损坏/],
    ['bad-encrypted.xlsx', /文件“bad-encrypted.xlsx”.*密码/],
    ['bad-renamed-image.xlsx', /文件“bad-renamed-image.xlsx”.*不是电子表格文件/],
    // A Word document is read for its tables and paragraphs whatever its name; this one holds nothing.
    ['bad-renamed-docx.xlsx', /文件“bad-renamed-docx.xlsx”：找不到表头/],
    ['bad-bomb.xlsx', /文件“bad-bomb.xlsx”.*压缩炸弹/],
    ['bad-too-many-rows.xlsx', /文件“bad-too-many-rows.xlsx”工作表“超大表”.*50000 行的导入上限/],
    ['bad-no-header.xlsx', /文件“bad-no-header.xlsx”.*找不到表头.*“通讯录”/],
  ])('%s', (name, message) => {
    const err = refused(name);
    expect(err.code).toBe('file_refused');
    expect(err.message).toMatch(message);
    expect(err.details).toMatchObject({ file: name });
  });
});
