import { describe, expect, it } from 'vitest';
import { pastedFindings, splitClipboardTable } from '../../renderer/pages/finding-form/paste-rows.ts';

/** Rows copied from Excel and pasted into 反馈问题: what the clerk is offered to create. */

describe('splitClipboardTable', () => {
  it('reads tabs, CRLF rows and quoted cells holding line breaks and quotes, as Excel copies them', () => {
    const text = '1\t"资金拨付\r\n不及时"\t县财政局\r\n2\t"所谓""示范点""流于形式"\t县农业农村局\r\n';
    expect(splitClipboardTable(text)).toEqual([
      ['1', '资金拨付\r\n不及时', '县财政局'],
      ['2', '所谓"示范点"流于形式', '县农业农村局'],
    ]);
  });
});

describe('pastedFindings', () => {
  const year = 2026;

  it('guesses finding, measure, lead and co units and deadline per row, and skips a copied header', () => {
    const text = [
      '序号\t反馈问题\t整改措施\t牵头单位\t整改时限',
      '1\t部分村产业扶贫项目收益分配不规范，群众知晓率低。\t建立收益分配公示制度\t县农业农村局、县财政局\t2026年6月底前',
      '2\t易地搬迁安置点后续扶持措施不到位。\t制定后续扶持方案\t县发展改革委\t立行立改',
      '3\t驻村工作队考勤管理流于形式，个别队员长期不在岗。\t\t县委组织部\t长期坚持',
    ].join('\r\n');
    const found = pastedFindings(text, { year, fromTable: false })!;
    expect(found).toHaveLength(3);
    expect(found[0]).toMatchObject({
      text: '部分村产业扶贫项目收益分配不规范，群众知晓率低。',
      measureText: '建立收益分配公示制度',
      unitNames: ['县农业农村局', '县财政局'],
      deadline: { kind: 'date', date: '2026-06-30' },
    });
    expect(found[1]).toMatchObject({ unitNames: ['县发展改革委'], deadline: { kind: 'immediate' } });
    expect(found[2]).toMatchObject({ measureText: null, unitNames: ['县委组织部'], deadline: { kind: 'standing' } });
  });

  it('a row without a unit or date is still a finding, with nothing invented', () => {
    const found = pastedFindings('扶贫资金使用绩效评价未全覆盖\t\r\n帮扶责任人走访记录不实\t', { year, fromTable: false })!;
    expect(found.map((f) => [f.text, f.unitNames, f.deadline.kind])).toEqual([
      ['扶贫资金使用绩效评价未全覆盖', [], 'none'],
      ['帮扶责任人走访记录不实', [], 'none'],
    ]);
  });

  it('plain paragraphs (no cells) stay one text unless the clipboard carried a table; one row is never offered', () => {
    const paragraphs = '一是资金拨付慢。\n二是项目推进慢。';
    expect(pastedFindings(paragraphs, { year, fromTable: false })).toBeNull();
    expect(pastedFindings(paragraphs, { year, fromTable: true })).toHaveLength(2);
    expect(pastedFindings('只有一行\t县教育局', { year, fromTable: true })).toBeNull();
  });
});
