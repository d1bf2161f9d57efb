import { describe, expect, it } from 'vitest';
import { parseCategoryLine } from '../../shared/core/import/categories.ts';
import { detectTextEncoding } from '../../shared/core/import/decode-text.ts';
import { headerRole, ownWords } from '../../shared/core/import/synonyms.ts';
import { parseDeadline, serialToIso } from '../../shared/core/import/values/deadline.ts';
import { splitMeasures } from '../../shared/core/import/values/measures-in-cell.ts';
import { statusFromWords } from '../../shared/core/import/values/status-words.ts';
import { splitUnits } from '../../shared/core/import/values/units.ts';

/** The value readers on their own: deadlines, units, measures in one cell, categories, status words, headers. */

describe('deadline words', () => {
  const d = (v: string | number | Date, year: number | null = 2021) => parseDeadline(v, year).deadline;
  it.each([
    ['2021年6月30日', 'date', '2021-06-30'],
    ['2021.6.30', 'date', '2021-06-30'],
    ['2021/6/30', 'date', '2021-06-30'],
    ['2021-6-3', 'date', '2021-06-03'],
    ['２０２１年６月３０日', 'date', '2021-06-30'],
    ['2021年6月底前', 'date', '2021-06-30'],
    ['2021年2月底', 'date', '2021-02-28'],
    ['2024年2月底前', 'date', '2024-02-29'],
    ['2021年6月', 'date', '2021-06-30'],
    ['2021.6', 'date', '2021-06-30'],
    ['2021年第二季度', 'date', '2021-06-30'],
    ['2021年四季度', 'date', '2021-12-31'],
    ['2021年上半年', 'date', '2021-06-30'],
    ['2021年底前', 'date', '2021-12-31'],
    ['2021年', 'date', '2021-12-31'],
    ['6月底前', 'date', '2021-06-30'],
    ['第三季度', 'date', '2021-09-30'],
    ['立行立改', 'immediate', null],
    ['即知即改', 'immediate', null],
    ['长期坚持', 'standing', null],
    ['持续整改', 'standing', null],
    ['2021年6月底前初见成效，2021年12月底前全面完成', 'date', '2021-12-31'],
    ['立行立改，2021年6月底前完成', 'date', '2021-06-30'],
    ['待定', 'none', null],
  ])('%s → %s %s', (text, kind, date) => {
    expect(d(text)).toEqual({ kind, date, text });
  });
  it('Excel serials and Date cells (UTC midnight, read with UTC getters)', () => {
    expect(d(44377)).toEqual({ kind: 'date', date: '2021-06-30', text: '2021-06-30' });
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(d(new Date(Date.UTC(2021, 5, 30)))).toMatchObject({ date: '2021-06-30' });
    // A China-time PC's Date a few hours off midnight still means the same day.
    expect(d(new Date(Date.UTC(2021, 5, 29, 16)))).toMatchObject({ date: '2021-06-30' });
  });
  it('a month without a year warns that a year was assumed', () => {
    expect(parseDeadline('6月底前', 2022).warning).toBe('整改时限“6月底前”未写年份，按 2022 年理解');
    expect(parseDeadline('按要求', 2022).warning).toContain('无法识别整改时限');
  });
});

describe('responsible units', () => {
  it.each([
    ['县财政局', null, '县财政局', []],
    ['县财政局、县审计局，县扶贫办', null, '县财政局', ['县审计局', '县扶贫办']],
    ['县财政局;县审计局；县民政局', null, '县财政局', ['县审计局', '县民政局']],
    ['牵头：县教育局；配合：各乡镇人民政府、县公安局', null, '县教育局', ['各乡镇人民政府', '县公安局']],
    ['牵头单位：县教育局 配合单位：县公安局', null, '县教育局', ['县公安局']],
    ['县财政局（牵头）、县审计局', null, '县财政局', ['县审计局']],
    ['县审计局、县财政局（牵头）', null, '县财政局', ['县审计局']],
    ['县财政局', '县审计局、县民政局', '县财政局', ['县审计局', '县民政局']],
    [null, '县审计局', '县审计局', []],
    ['县住房和城乡建设局', null, '县住房和城乡建设局', []],
  ])('%s | %s', (lead, co, expectedLead, expectedCo) => {
    expect(splitUnits(lead, co)).toEqual({ lead: expectedLead, co: expectedCo });
  });
});

describe('measures written in one cell', () => {
  it.each([
    ['一是建立台账；二是加强审计；三是定期通报', ['建立台账', '加强审计', '定期通报']],
    ['采取以下措施：一是建立台账，二是加强审计', ['建立台账', '加强审计']],
    ['1.核查走访记录\n2.约谈相关干部', ['核查走访记录', '约谈相关干部']],
    ['（1）排查；（2）整改', ['排查', '整改']],
    ['①排查②整改', ['排查', '整改']],
    ['建立2.0版资金监管平台', ['建立2.0版资金监管平台']],
    ['统一是非标准', ['统一是非标准']],
  ])('%s', (text, pieces) => {
    expect(splitMeasures(text)).toEqual(pieces);
  });
});

describe('category rows', () => {
  it.each([
    ['一、产业扶贫方面', { level: 1, name: '产业扶贫方面' }],
    ['二、资金使用方面（12个）', { level: 1, name: '资金使用方面' }],
    ['（一）项目管理', { level: 2, name: '项目管理' }],
    ['第一部分 教育扶贫', { level: 1, name: '教育扶贫' }],
    ['作风建设方面存在的问题', { level: 1, name: '作风建设方面存在的问题' }],
    ['扶贫资金拨付滞后，项目资金闲置时间较长', null],
  ])('%s', (text, expected) => {
    expect(parseCategoryLine(text)).toEqual(expected);
  });
});

describe('status words → workflow', () => {
  it.each([
    ['已完成', 'closed'], ['已整改', 'closed'], ['已办结', 'closed'], ['已销号', 'closed'],
    ['基本完成', 'pending'], ['部分整改', 'in_progress'], ['正在推进', 'in_progress'], ['正在办理', 'in_progress'],
    ['正在整改', 'in_progress'], ['未整改', 'not_started'], ['未完成', 'not_started'], ['长期坚持', 'standing'], ['持续整改', 'standing'],
    ['说不清', null],
  ])('%s → %s', (word, status) => {
    expect(statusFromWords(word)).toBe(status);
  });
});

describe('header words', () => {
  const own = ownWords({ finding: ['群众反映'], leadUnit: ['包案单位'] });
  const match = (h: string) => headerRole(h, own);
  it.each([
    ['问题表现', 'finding'], ['审计发现问题', 'finding'], ['存在问题', 'finding'], ['群众反映问题', 'finding'],
    ['完成时限', 'deadline'], ['办结时限', 'deadline'], ['整改期限', 'deadline'],
    ['责任股室', 'units'], ['整改责任单位', 'units'], ['主办单位', 'leadUnit'], ['牵头单位', 'leadUnit'],
    ['序 号', 'seq'], ['整改时限\n（完成时间）', 'deadline'], ['已完成', 'status:closed'], ['正在整改', 'status:in_progress'],
    ['督查事项', 'finding'], ['会议确定事项', 'finding'], ['提案案由', 'finding'], ['整改任务', 'finding'], ['整改事项', 'finding'],
    ['问题及整改措施', 'finding'], ['责 任\n单 位', 'units'], ['完成\n时限（责任人）', 'deadline'], ['序  号', 'seq'],
    ['问题类别', 'category'], ['问题金额（万元）', 'extra'], ['问题来源', 'source'], ['销号情况', 'status'], ['是否销号', 'status'],
    ['销号时间', 'closedDate'], ['实际完成时间', 'closedDate'], ['开始日期', 'extra'], ['提案人', 'extra'], ['意见建议', 'suggestion'],
    ['ＮＯ．', 'seq'], ['整改时限（年月日）', 'deadline'], ['群众反映', 'finding'], ['包案单位', 'leadUnit'],
    ['__proto__', null], ['constructor', null],
  ])('%s → %s', (header, role) => {
    expect(match(header)).toBe(role);
  });
  it('the office\'s own words cannot add fields that do not exist', () => {
    expect(() => ownWords({ ['__proto__' as 'finding']: ['x'] })).not.toThrow();
    expect(headerRole('污染', ownWords(JSON.parse('{"__proto__": ["污染"]}')))).toBeNull();
  });
});

describe('text encodings', () => {
  it('BOM, strict UTF-8, else GB18030', () => {
    expect(detectTextEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).encoding).toBe('utf-8');
    expect(detectTextEncoding(new TextEncoder().encode('序号,问题')).encoding).toBe('utf-8');
    expect(detectTextEncoding(new Uint8Array([0xd0, 0xf2, 0xba, 0xc5])).encoding).toBe('gb18030');
  });
});
