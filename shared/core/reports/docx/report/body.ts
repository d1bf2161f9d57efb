import type { Paragraph } from 'docx';
import { chineseDate } from '../../../../domain/dates.ts';
import { deadlineWords } from '../../columns.ts';
import type { ReportRow } from '../../model.ts';
import { percent, type FindingSummary } from '../../stats.ts';
import { body, flush, h1, h2 } from '../blocks.ts';
import type { ReportFacts } from './facts.ts';
import { wordingValues } from './facts.ts';
import { lateByUnit } from './items.ts';
import { DEFAULT_WORDING, WORK_HEADINGS, fillWording, wordingOf, type WordingKey } from '../../../../contract/report-wording.ts';
import { chineseDatesIn, problemName } from './words.ts';

/** The parts of the body around part 二: 主送, opening, 一, 三, 四. */

export type SavedWording = Partial<Record<WordingKey, string>>;

/** 主送机关 on the line under the title, 顶格, ending with a full-width colon. */
export function addresseeLine(addressee: string): Paragraph {
  return flush(`${addressee.trim().replace(/[：:]$/, '')}：`);
}

/**
 * "反馈的697个问题，完成整改688个，基本完成取得阶段性成果并持续整改问题4个，未完成5个，总体完成率98.71%",
 * the clauses with no items left out (a report never says "未完成0个").
 */
export function summaryWords(s: FindingSummary): string {
  const parts = [`反馈的${s.total}个问题`];
  if (s.completed) parts.push(`完成整改${s.completed}个`);
  if (s.continuing) parts.push(`基本完成取得阶段性成果并持续整改问题${s.continuing}个`);
  if (s.notDone) parts.push(`未完成${s.notDone}个`);
  if (s.completed) parts.push(`总体完成率${percent(s.completionRate)}`);
  return parts.join('，');
}

/** Whose feedback, when received, how many problems and measures; a filtered report says so ("其中…"). */
export function opening(facts: ReportFacts): Paragraph[] {
  const { batches, context } = facts;
  const area = facts.area ? `${facts.area}` : '';
  const first = batches[0];
  const last = batches.at(-1)!;
  const received =
    batches.length === 1
      ? `${chineseDate(first.receivedDate)}，${facts.party}反馈了${area}民主监督意见${first.docNumber ? `（${first.docNumber}）` : ''}`
      : `${first.receivedDate === last.receivedDate ? chineseDate(first.receivedDate) : `${chineseDate(first.receivedDate)}至${chineseDate(last.receivedDate)}`}，` +
        `${facts.party}先后反馈${area}民主监督意见${batches.length}批`;
  const findings = context.batchTotals.findings || facts.findings.total;
  const measures = context.batchTotals.measures || facts.measures.measures;
  const out = [
    body(
      `${received}，共指出问题${findings}个。收到反馈意见后，${facts.self}高度重视，主动认领全部问题，逐一研究制定整改措施${measures}条，` +
        '按照清单制、责任制、时间表的要求，逐项明确牵头单位、责任领导、责任人和整改时限，现场交办、限时办结，跟踪督办、逐项销号。',
    ),
  ];
  if (context.scopePhrase) {
    out.push(
      body(
        `其中，${context.scopePhrase}涉及问题${facts.findings.total}个、整改措施${facts.measures.measures}条。现将${context.scopePhrase}的整改情况报告如下。`,
      ),
    );
  } else {
    out.push(body(`截至${chineseDate(facts.asOf)}，${summaryWords(facts.findings)}。现将整改情况报告如下。`));
  }
  return out;
}

/** 一、整改工作开展情况: four short sections in the office's own (remembered) wording. */
export function workPart(facts: ReportFacts, saved: SavedWording | undefined): Paragraph[] {
  const values = wordingValues(facts);
  const out: Paragraph[] = [h1('一、整改工作开展情况')];
  for (const key of ['leadership', 'plan', 'checklist', 'supervision'] as const) {
    const text = fillWording(wordingOf(saved, key), values);
    if (!text) continue;
    out.push(h2(WORK_HEADINGS[key]!), body(text));
  }
  return out;
}

/** 三、整改成效与长效机制: the figures, the charts when asked for, the office's paragraph. */
export function effectPart(facts: ReportFacts, saved: SavedWording | undefined, charts: Paragraph[]): Paragraph[] {
  const m = facts.measures;
  const clauses = [`制定的${m.measures}条整改措施中`];
  const counted: string[] = [];
  if (m.closed) counted.push(`已验收销号${m.closed}条`);
  if (m.pending) counted.push(`已完成待验收${m.pending}条`);
  if (m.standing) counted.push(`转入长期坚持${m.standing}条`);
  if (m.inProgress) counted.push(`正在推进${m.inProgress}条`);
  const rates: string[] = [];
  if (m.closed) rates.push(`措施完成率${percent(m.completionRate)}`);
  if (m.onTimeRate !== null && m.onTimeClosed) rates.push(`按期完成率${percent(m.onTimeRate)}`);
  const figures = `通过集中整改，截至${chineseDate(facts.asOf)}，${summaryWords(facts.findings)}；${clauses[0]}${counted.join('，')}${rates.length ? `，${rates.join('，')}` : ''}。`;
  const out: Paragraph[] = [h1('三、整改成效与长效机制'), body(figures), ...charts];
  const text = fillWording(wordingOf(saved, 'effect'), wordingValues(facts));
  if (text) out.push(body(text));
  return out;
}

/** 四、存在问题和下一步工作打算: unfinished and late items named with units and dates, then the plan. */
export function nextPart(rows: readonly ReportRow[], facts: ReportFacts, saved: SavedWording | undefined): Paragraph[] {
  const out: Paragraph[] = [h1('四、存在问题和下一步工作打算')];
  const { findings, measures } = facts;
  if (findings.notDone || measures.overdue) {
    const parts: string[] = [];
    if (findings.notDone) parts.push(`目前尚有${findings.notDone}个问题未完成整改`);
    if (measures.overdue) parts.push(`${parts.length ? '其中' : '目前有'}${measures.overdue}条整改措施已超过整改时限，涉及${lateByUnit(rows)}`);
    else parts.push('均在整改时限内，正在按计划推进');
    out.push(body(`${parts.join('，')}。`));
    const late = rows.filter((r) => r.signal.signal === 'red').sort((a, b) => b.signal.overdueDays - a.signal.overdueDays).slice(0, 6);
    if (late.length) {
      const named = late.map((r) => {
        const notice = facts.context.notices.byMeasure.get(r.measureId);
        const renewed = notice ? `，已督办要求${chineseDate(notice.replyBy)}前反馈` : '';
        const due = r.deadlineKind === 'immediate' ? '要求立行立改' : `原定${chineseDatesIn(deadlineWords(r, true))}完成`;
        return `“${problemName(r.findingText, 24)}”（${r.leadUnitName}牵头，${due}，已逾期${r.signal.overdueDays}天${renewed}）`;
      });
      out.push(body(`逾期时间较长的有：${named.join('；')}。主要原因是部分问题涉及面广、情况复杂，需要多部门协同推进，个别单位对整改工作的紧迫性认识不足、推进力度不够。`));
    }
  } else {
    out.push(body('从整改情况看，部分问题的整改成效还需要时间检验，长效机制还需要在实践中进一步完善。'));
  }
  const text = fillWording(wordingOf(saved, 'nextSteps'), wordingValues(facts));
  // Not kept with what follows: 特此报告 goes with the signature, so a long last paragraph still fills its page.
  out.push(body(text || fillWording(DEFAULT_WORDING.nextSteps, wordingValues(facts))));
  return out;
}
