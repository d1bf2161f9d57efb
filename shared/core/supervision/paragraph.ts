import type { SupervisionStatsRow } from '../../contract/supervision.ts';

/**
 * The 年度工作总结 paragraph, in the wording of the published reports ("组织专项监督30余次，参与监督
 * 200多人次，提出监督报告或意见共计10多篇次"; "县级观察窗口2个、乡镇级2个、村级9个，观察贫困户309个"),
 * with exact numbers. A clause whose count is zero is left out.
 */

const list = (items: [number, string][]) => items.filter(([n]) => n > 0).map(([, words]) => words);

export function supervisionParagraph(year: number, t: SupervisionStatsRow): string {
  const a = t.activities;
  const sentences: string[] = [];

  const kinds = list([
    [a.special, `专项监督${a.special}次`],
    [a.inspection, `视察${a.inspection}次`],
    [a.research, `调研${a.research}次`],
    [a.unannounced, `暗访${a.unannounced}次`],
    [a.forum, `座谈${a.forum}次`],
    [a.appraisal, `评议${a.appraisal}次`],
  ]);
  const supervision = [
    kinds.length ? `组织${kinds.join('、')}` : '',
    t.participants ? `参与监督${t.participants}人次` : '',
    t.reports ? `提出监督报告或意见共计${t.reports}篇次` : '',
  ].filter(Boolean);
  if (supervision.length) sentences.push(`${year}年，我部协助各民主党派开展民主监督，${supervision.join('，')}。`);

  const support = list([
    [a.plan, `拟制监督方案${a.plan}个`],
    [a.accompany, `陪同调研${a.accompany}次`],
    [a.materials, `提供资料${a.materials}次`],
    [a.invitation, `邀请参加会议和检查${a.invitation}次`],
  ]);
  if (support.length) sentences.push(`${sentences.length ? '' : `${year}年，`}我部${support.join('、')}。`);

  const people = list([
    [t.supervisors.supervisor, `特邀监督员${t.supervisors.supervisor}名`],
    [t.supervisors.investigator, `扶贫调查员${t.supervisors.investigator}名`],
  ]);
  const w = t.windows;
  const windowParts = list([
    [w.county, `县级${w.county}个`],
    [w.township, `乡镇级${w.township}个`],
    [w.village, `村级${w.village}个`],
  ]);
  // "县级观察窗口2个、乡镇级2个": the noun goes after the first level named.
  if (windowParts.length) windowParts[0] = windowParts[0].replace(/^(县级|乡镇级|村级)/, '$1观察窗口');
  const network = [
    people.length ? `聘任${people.join('、')}` : '',
    windowParts.length ? `设立${windowParts.join('、')}` : '',
    t.households ? `观察贫困户${t.households}个` : '',
  ].filter(Boolean);
  if (network.length) sentences.push(`${network.join('，')}。`);

  const b = t.briefings;
  const briefings = list([
    [b.meeting, `召开通报会${b.meeting}次`],
    [b.forum, `${b.meeting ? '' : '召开'}座谈会${b.forum}次`],
    [b.document, `送达文件${b.document}份`],
    [b.invitation, `邀请参加有关会议和活动${b.invitation}次`],
  ]);
  if (briefings.length) sentences.push(`定期向各民主党派通报情况，${briefings.join('、')}。`);

  const feedback = [
    t.batches ? `收到反馈意见${t.batches}批` : '',
    t.findings ? `反馈问题${t.findings}个` : '',
  ].filter(Boolean);
  if (feedback.length) {
    let s = `全年${feedback.join('、')}`;
    if (t.findings) s += `，完成整改${t.closedFindings}个，完成率${((t.closedFindings / t.findings) * 100).toFixed(2)}%`;
    sentences.push(`${s}。`);
  }

  const grades = (g: SupervisionStatsRow['satisfaction'], unit: string) =>
    list([
      [g.satisfied, `满意${g.satisfied}${unit}`],
      [g.basically, `基本满意${g.basically}${unit}`],
      [g.unsatisfied, `不满意${g.unsatisfied}${unit}`],
    ]);
  const batchGrades = grades(t.satisfaction, '批');
  const findingGrades = grades(t.findingSatisfaction, '个');
  const graded = [
    batchGrades.length ? `对整改反馈的评价为${batchGrades.join('、')}` : '',
    findingGrades.length ? `逐项评价的问题中${findingGrades.join('、')}` : '',
  ].filter(Boolean);
  if (graded.length) sentences.push(`各民主党派${graded.join('；')}。`);

  return sentences.length ? sentences.join('') : `${year}年暂无民主监督工作记录。`;
}
