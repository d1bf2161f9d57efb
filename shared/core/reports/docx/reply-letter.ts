import { Paragraph, TextRun } from 'docx';
import { addDays, chineseDate, type IsoDate } from '../../../domain/dates.ts';
import { findingNumber } from '../../../domain/numbering.ts';
import { xmlSafe } from '../../../domain/xml-text.ts';
import { groupLabel } from '../grouping.ts';
import type { ReportRow } from '../model.ts';
import { byUnit, findingBucket, findingStatusesOf, percent, summarizeFindings, summarySentence } from '../stats.ts';
import { GbDocument, gbSection, title, titleLines } from './blocks.ts';

export interface ReplyLetterInput {
  officeName: string;
  asOf: IsoDate;
  /** The batch's measures (all of them; a letter answers for the whole feedback). */
  rows: readonly ReportRow[];
  /** 联系人 / 联系电话 of 设置, printed as the 附注; empty leaves it out. */
  contactName?: string;
  contactPhone?: string;
  /** The party is asked for its view within this many days of the letter (设置 › 反馈期限). */
  replyDays?: number;
}

/**
 * The letter fits one page: GB/T 9704 gives 22 lines of 28 characters. Its wording is tried from
 * the fullest to the tersest (fewer numbers named, fewer categories, no measure figures) until the
 * estimated lines fit, one line kept spare for the estimate's error.
 */
const PAGE_LINES = 22;
const LINE_CHARS = 28;
const WORDINGS: Wording[] = [
  { numbers: 8, categories: 3, measures: true },
  { numbers: 5, categories: 2, measures: true },
  { numbers: 0, categories: 2, measures: true },
  { numbers: 0, categories: 2, measures: false },
  { numbers: 0, categories: 0, measures: false },
];
interface Wording {
  /** Open findings named by number; more are summed up ("第1、3号等12个问题"). */
  numbers: number;
  /** Categories named where open findings concentrate. */
  categories: number;
  /** The sentence of measure figures. */
  measures: boolean;
}

/**
 * 办理情况反馈函 to a party about its batch, on one page: what was fed back, the figures, which
 * problems are still open (by their numbers in the one numbering) and where, what comes next, the
 * date the party is asked to answer by; 署名 and 成文日期 kept on the page with the body, and the
 * contact person as the 附注 under the date (GB/T 9704-2012 7.3.7: 居左空二字加圆括号, 成文日期下一行).
 */
export async function writeReplyLetter(input: ReplyLetterInput): Promise<Buffer> {
  const { rows, asOf } = input;
  const b = rows[0];
  const we = selfName(input.officeName);
  const you = addressAs(b.party, b.organizationName);
  const docTitle = `关于《${b.batchTopic.replace(/^关于/, '')}》办理情况的函`;
  const contact = [input.contactName ? `联系人：${input.contactName}` : '', input.contactPhone ? `联系电话：${input.contactPhone}` : ''].filter(Boolean).join('，');
  const date = chineseDate(asOf);

  const fixedLines =
    titleLines(docTitle).length * (720 / 579) + 1 + lineCount(`${b.organizationName}：`, 0) + 1 +
    (input.officeName ? lineCount(input.officeName, 4) : 0) + 1 + (contact ? lineCount(`（${contact}）`, 2) : 0);
  let paragraphs: string[] = [];
  for (const wording of WORDINGS) {
    paragraphs = letterBody(input, we, you, wording);
    if (fixedLines + paragraphs.reduce((n, p) => n + lineCount(p, 2), 0) <= PAGE_LINES - 1) break;
  }

  const children = [
    ...title(docTitle),
    line('GwFlush', `${b.organizationName}：`),
    // Everything from the body's last paragraph down keeps with the next, so 署名 and 成文日期 never
    // stand alone on a page.
    ...paragraphs.map((text, i) => line('GwBody', text, i === paragraphs.length - 1)),
    line('GwFlush', '', true),
    ...(input.officeName ? [line('GwSign', input.officeName, true)] : []),
    line('GwSign', date, !!contact),
    ...(contact ? [line('GwBody', `（${contact}）`)] : []),
  ];
  return new GbDocument().pack([gbSection(children)], { title: docTitle, creator: input.officeName || '整改台账' });
}

function letterBody(input: ReplyLetterInput, we: string, you: string, wording: Wording): string[] {
  const { rows, asOf } = input;
  const b = rows[0];
  const summary = summarizeFindings(findingStatusesOf(rows));
  const m = byUnit(rows).total;
  const opening =
    `${you}于${chineseDate(b.batchReceivedDate)}${b.batchDocNumber ? `以${b.batchDocNumber}` : ''}反馈的《${b.batchTopic}》收悉。` +
    `${we}高度重视，主动认领全部${summary.total}个问题，逐项明确牵头单位、责任人和整改时限，跟踪督办、逐项销号。现将办理情况函告如下。`;
  const measures = wording.measures
    ? `共制定整改措施${m.measures}条${m.closed ? `，已验收销号${m.closed}条` : ''}${m.standing ? `，长期坚持${m.standing}条` : ''}${m.overdue ? `，逾期未完成${m.overdue}条` : ''}。`
    : '';
  const figures = `截至${chineseDate(asOf)}，${summarySentence(summary)}。${measures}`;
  const reply = `请${you}于${chineseDate(addDays(asOf, input.replyDays ?? 10))}前将意见反馈${we}。`;
  return [opening, figures, `${openFindings(rows, we, wording)}${reply}`];
}

/** Lines a paragraph takes: CJK one character, Latin letters and digits about half, plus the space Word puts between the two. */
function lineCount(text: string, indentChars: number): number {
  let width = indentChars;
  let prevAscii: boolean | null = null;
  for (const ch of text) {
    const ascii = ch.charCodeAt(0) < 0x2e80;
    width += ascii ? 0.55 : 1;
    if (prevAscii !== null && prevAscii !== ascii) width += 0.25;
    prevAscii = ascii;
  }
  return Math.max(1, Math.ceil(width / LINE_CHARS));
}

function line(style: string, text: string, keepNext = false): Paragraph {
  return new Paragraph({ style, keepNext, keepLines: true, children: [new TextRun({ text: xmlSafe(text) })] });
}

/** The findings still open, by number and by where they concentrate, and what the office does next; nothing about zero items. */
function openFindings(rows: readonly ReportRow[], we: string, wording: Wording): string {
  const open = new Map<number, ReportRow>();
  for (const r of rows) if (findingBucket(r.findingStatus) !== 'completed' && !open.has(r.findingId)) open.set(r.findingId, r);
  if (open.size === 0) return `反馈的问题已全部完成整改，${we}将持续巩固整改成果，防止问题反弹。`;
  const list = [...open.values()];
  const numbers = list.slice(0, wording.numbers).map((r) => findingNumber(r.findingSeq));
  const named =
    numbers.length === 0 ? `${list.length}个问题` : list.length > numbers.length ? `第${numbers.join('、')}号等${list.length}个问题` : `第${numbers.join('、')}号问题`;
  const perCategory = new Map<string, number>();
  for (const r of list) perCategory.set(groupLabel('category', r), (perCategory.get(groupLabel('category', r)) ?? 0) + 1);
  const top = [...perCategory].sort((a, b) => b[1] - a[1]).slice(0, wording.categories).map(([label]) => label.replace(/方面$/, ''));
  const where = top.length ? `，主要集中在${top.join('、')}${perCategory.size > top.length ? '等' : ''}方面` : '';
  return `${named}尚在整改或持续推进${where}。${we}将继续跟踪督办，完成后及时函告。`;
}

/** How the office names itself: 我部 (统战部), 我委, 我办; never 我们. */
function selfName(office: string): string {
  if (/委员会$|委$/.test(office)) return '我委';
  if (/办公室$|办$/.test(office)) return '我办';
  return '我部';
}

/** How a letter addresses the party: 贵委 (a party committee), 贵会 (工商联), 你们 (无党派人士). */
function addressAs(party: string, name: string): string {
  if (party === '工商联') return '贵会';
  if (party === '无党派人士') return '你们';
  return /委(员会)?$|委会$/.test(name) ? '贵委' : '贵组织';
}
