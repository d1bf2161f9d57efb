import type { Paragraph } from 'docx';
import { chineseDate } from '../../../../domain/dates.ts';
import { deadlineWords } from '../../columns.ts';
import { chineseNumeral, groupLabel } from '../../grouping.ts';
import type { ReportRow } from '../../model.ts';
import { findingBucket, findingStatusesOf, summarizeFindings } from '../../stats.ts';
import { body, h2 } from '../blocks.ts';
import type { ReportFacts } from './facts.ts';
import { chineseDatesIn, namesList, problemName, proseOf, sentence } from './words.ts';

const deadlineProse = (r: ReportRow) => chineseDatesIn(deadlineWords(r, true));

/**
 * 二、整改落实情况: a summary by 方面 (or by party), then item by item in the house style
 * "（一）关于“……”问题的整改" — what the units did and achieved, from their result texts and
 * progress entries, and where the problem stands. A ledger of thousands of findings keeps its body
 * short: up to ITEM_BUDGET findings are told, the office's key ones first, then the unfinished
 * (the latest first), then completed ones; the rest are in the annex.
 */
export const ITEM_BUDGET = 20;

export interface FindingItem {
  findingId: number;
  rows: ReportRow[];
  bucket: 'completed' | 'continuing' | 'notDone';
  /** Most days late among its measures (0 when none is late). */
  overdueDays: number;
  key: boolean;
  order: number;
}

export function findingItems(rows: readonly ReportRow[], keyFindingIds: ReadonlySet<number>): FindingItem[] {
  const map = new Map<number, FindingItem>();
  for (const r of rows) {
    let item = map.get(r.findingId);
    if (!item) {
      item = { findingId: r.findingId, rows: [], bucket: findingBucket(r.findingStatus), overdueDays: 0, key: keyFindingIds.has(r.findingId), order: map.size };
      map.set(r.findingId, item);
    }
    item.rows.push(r);
    if (r.signal.signal === 'red') item.overdueDays = Math.max(item.overdueDays, r.signal.overdueDays);
  }
  return [...map.values()];
}

/** The findings told one by one, in ledger order. */
export function chooseItems(items: readonly FindingItem[], budget = ITEM_BUDGET): FindingItem[] {
  if (items.length <= budget) return [...items];
  const rank = (i: FindingItem) => (i.key ? 0 : i.bucket === 'notDone' ? 1 : i.bucket === 'continuing' ? 2 : 3);
  const chosen = [...items].sort((a, b) => rank(a) - rank(b) || b.overdueDays - a.overdueDays || a.order - b.order).slice(0, budget);
  return chosen.sort((a, b) => a.order - b.order);
}

/** "产业扶贫方面问题218个，完成整改90个，未完成64个" — clauses with no items left out. */
function groupClause(label: string, rows: readonly ReportRow[]): string {
  const s = summarizeFindings(findingStatusesOf(rows));
  const parts = [`${label}问题${s.total}个`];
  if (s.completed) parts.push(`完成整改${s.completed}个`);
  if (s.continuing) parts.push(`基本完成${s.continuing}个`);
  if (s.notDone) parts.push(`未完成${s.notDone}个`);
  return parts.join('，');
}

export function implementationPart(rows: readonly ReportRow[], facts: ReportFacts, sectionBy: 'category' | 'party', keyFindingIds: ReadonlySet<number>): Paragraph[] {
  const out: Paragraph[] = [];
  const groups = new Map<string, ReportRow[]>();
  for (const r of rows) {
    const label = groupLabel(sectionBy, r);
    const list = groups.get(label);
    if (list) list.push(r);
    else groups.set(label, [r]);
  }
  if (groups.size > 1) {
    const lead = sectionBy === 'party' ? '从提出意见的党派组织看' : '从问题类别看';
    out.push(body(`${lead}，${[...groups].map(([label, list]) => groupClause(label, list)).join('；')}。`));
  }

  const items = findingItems(rows, keyFindingIds);
  const chosen = chooseItems(items);
  chosen.forEach((item, k) => {
    out.push(h2(`（${chineseNumeral(k + 1)}）关于“${problemName(item.rows[0].findingText)}”问题的整改`));
    out.push(body(itemText(item, facts)));
  });
  const rest = items.length - chosen.length;
  if (rest > 0) out.push(body(`其余${rest}个问题的整改情况详见附件1。`));
  return out;
}

/** What was done, by whom, and where the problem stands — never a bare status word. */
export function itemText(item: FindingItem, facts: ReportFacts): string {
  const done: string[] = [];
  const seen = new Set<string>();
  for (const r of item.rows) {
    const finished = r.status === 'closed' || r.status === 'pending' || r.status === 'standing';
    const text = (finished && proseOf(r.resultText)) || proseOf(r.lastProgressText) || `按照“${proseOf(r.measureText)}”的要求推进整改`;
    const line = `${r.leadUnitName}${text.startsWith(r.leadUnitName) ? text.slice(r.leadUnitName.length) : `牵头，${text}`}`;
    if (seen.has(line)) continue;
    seen.add(line);
    done.push(line);
  }
  return `${done.join('；')}。${standing(item, facts)}`;
}

function standing(item: FindingItem, facts: ReportFacts): string {
  const rows = item.rows;
  if (item.bucket === 'completed') {
    const dates = rows.map((r) => r.closedDate).filter((d): d is string => Boolean(d)).sort();
    const last = dates.at(-1);
    return last ? `该问题已于${chineseDate(last)}整改完成并验收销号。` : '该问题已整改完成并验收销号。';
  }
  if (item.bucket === 'continuing') {
    return rows.some((r) => r.status === 'pending') ? '整改措施已落实到位，正在组织验收销号。' : '阶段性整改任务已完成，转入长期坚持、常态推进。';
  }
  const open = rows.filter((r) => r.status === 'not_started' || r.status === 'in_progress');
  const late = open.filter((r) => r.signal.signal === 'red').sort((a, b) => b.signal.overdueDays - a.signal.overdueDays);
  if (late.length) {
    const r = late[0];
    const notice = facts.context.notices.byMeasure.get(r.measureId);
    const noticeText = notice
      ? `，${facts.self}已于${chineseDate(notice.issuedDate)}发出督办通知（${notice.docNumber}），要求${chineseDate(notice.replyBy)}前反馈整改进展`
      : '';
    const due = r.deadlineKind === 'immediate' ? '该问题要求立行立改' : `该问题原定整改时限为${deadlineProse(r)}`;
    return sentence(`${due}，目前尚未整改到位，已逾期${r.signal.overdueDays}天${noticeText}`);
  }
  const dated = open.filter((r) => r.deadlineKind !== 'standing' && r.deadlineDate).sort((a, b) => a.deadlineDate!.localeCompare(b.deadlineDate!));
  if (dated.length) return sentence(`目前正在按计划推进，整改时限为${deadlineProse(dated.at(-1)!)}`);
  return '目前正在持续推进。';
}

/** Units named with their late measures, for part 四. */
export function lateByUnit(rows: readonly ReportRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.signal.signal === 'red') counts.set(r.leadUnitName, (counts.get(r.leadUnitName) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  return namesList(sorted.map(([name, n]) => `${name}（${n}条）`), 8);
}
