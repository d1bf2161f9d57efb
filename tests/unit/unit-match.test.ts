import { describe, expect, it } from 'vitest';
import { suggestUnit, type DirectoryUnit } from '../../shared/core/import/values/unit-match.ts';

/** A county ledger's units as clerks typed them, some with aliases. */
const directory: DirectoryUnit[] = [
  { id: 1, name: '县卫生健康局', aliases: [] },
  { id: 2, name: '县发展和改革局', aliases: [] },
  { id: 3, name: '县财政局', aliases: [] },
  { id: 4, name: '青山县人力资源和社会保障局', aliases: [] },
  { id: 5, name: '县市场监督管理局', aliases: [] },
  { id: 6, name: '县住建局', aliases: [] },
  { id: 7, name: '县城市管理局', aliases: [] },
  { id: 8, name: '县乡村振兴局', aliases: ['县扶贫办'] },
  { id: 9, name: '县纪委监委', aliases: [] },
  { id: 10, name: '县委组织部', aliases: [] },
  { id: 11, name: '县教育体育局', aliases: [] },
  { id: 12, name: '县人民医院', aliases: [] },
  { id: 13, name: '县政府办', aliases: [] },
  { id: 14, name: '县交通运输局', aliases: [] },
];

describe('suggestUnit: the existing unit a near-duplicate name means', () => {
  it.each([
    ['青山县卫生健康局', 1, '去掉“青山县”后与已有单位相同'],
    ['县卫健局', 1, '“卫健局”是“卫生健康局”的简称'],
    ['青山县卫健委', 1, '去掉“青山县”后与已有单位相同；“卫健委”是“卫生健康局”的简称'],
    ['县发改局', 2, '“发改局”是“发展和改革局”的简称'],
    ['县发展改革局', 2, '“发展改革局”与“发展和改革局”是同一单位的不同写法'],
    ['青山县财政局', 3, '去掉“青山县”后与已有单位相同'],
    ['县人社局', 4, '去掉“青山县”后与已有单位相同；“人社局”是“人力资源和社会保障局”的简称'],
    ['县市场监管局', 5, '“市场监管局”是“市场监督管理局”的简称'],
    ['青山县住房和城乡建设局', 6, '去掉“青山县”后与已有单位相同；“住建局”是“住房和城乡建设局”的简称'],
    ['县城管局', 7, '“城管局”是“城市管理局”的简称'],
    ['县扶贫开发办公室', 8, null],
    ['县纪委监察委', 9, '“纪委监察委”与“纪委监委”是同一单位的不同写法'],
    ['中共青山县委组织部', 10, null],
    ['县教体局', 11, '“教体局”是“教育体育局”的简称'],
    ['县人民政府办公室', 13, '“政府办”是“人民政府办公室”的简称'],
    ['青山县交通局', 14, null],
  ])('%s → 已有单位 %i', (written, id, reason) => {
    const s = suggestUnit(written, directory);
    expect(s?.id).toBe(id);
    if (reason) expect(s?.reason).toBe(reason);
    else expect(s?.reason).toBeTruthy();
  });

  it.each([
    ['县财政局国库支付中心', '下属单位不是主管局'],
    ['县财政局综合股', '内设股室'],
    ['县卫生健康局疾控中心', '下属机构'],
    ['县中医院', '另一家医院'],
    ['县委宣传部', '另一个部门'],
    ['县审计局', '台账里没有'],
    ['市场监督管理所', '不是局'],
    ['县城市管理局执法大队', '下属队伍'],
  ])('%s 不应对应任何已有单位（%s）', (written) => {
    expect(suggestUnit(written, directory)).toBeNull();
  });

  it('the office’s own place is stripped even when it does not end in 县', () => {
    const s = suggestUnit('青山财政局', directory, { places: ['青山'] });
    expect(s).toMatchObject({ id: 3, reason: '去掉“青山”后与已有单位相同' });
  });

  it('two units reading the same: nothing is proposed, the clerk chooses', () => {
    const twice = [...directory, { id: 99, name: '青山县卫生健康局', aliases: [] }];
    expect(suggestUnit('县卫健局', twice)).toBeNull();
  });
});
