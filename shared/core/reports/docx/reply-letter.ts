import { chineseDate, type IsoDate } from '../../../domain/dates.ts';
import { REPORT_STATUS_WORD } from '../../../domain/vocabulary.ts';
import { deadlineWords } from '../columns.ts';
import { chineseNumeral, groupRows } from '../grouping.ts';
import type { ReportRow } from '../model.ts';
import { byUnit, findingBucket, findingStatusesOf, percent, summarizeFindings, summarySentence } from '../stats.ts';
import { GbDocument, body, flush, gbSection, h1, h2, h3, signature, title } from './blocks.ts';

export interface ReplyLetterInput {
  officeName: string;
  asOf: IsoDate;
  /** The batch's measures (all of them; a letter answers for the whole feedback). */
  rows: readonly ReportRow[];
}

/** 办理情况反馈函 to a party about its batch: what was fed back, what was done, what remains. */
export async function writeReplyLetter(input: ReplyLetterInput): Promise<Buffer> {
  const { rows, asOf } = input;
  const b = rows[0];
  const summary = summarizeFindings(findingStatusesOf(rows));
  const units = byUnit(rows);
  const received = chineseDate(b.batchReceivedDate);
  const docTitle = `关于《${b.batchTopic.replace(/^关于/, '')}》办理情况的函`;
  const children = [
    ...title(docTitle),
    flush(`${b.organizationName}：`),
    body(
      `${addressAs(b.party, b.organizationName)}于${received}${b.batchDocNumber ? `以${b.batchDocNumber}` : ''}反馈的《${b.batchTopic}》收悉，共反馈问题${summary.total}个。` +
        '我们高度重视，主动认领全部问题，逐项制定整改措施，明确牵头单位、责任人和整改时限，跟踪督办、逐项销号。现将办理情况函告如下。',
    ),
    h1('一、总体办理情况'),
    body(`截至${chineseDate(asOf)}，${summarySentence(summary)}。`),
    body(
      `针对反馈问题共制定整改措施${units.total.measures}条，涉及${units.groups.length}个责任单位；已销号${units.total.closed}条，` +
        `长期坚持${units.total.standing}条，逾期未完成${units.total.overdue}条，措施完成率${percent(units.total.completionRate)}。`,
    ),
    h1('二、各方面问题办理情况'),
    ...groupRows(rows, 'category').flatMap((g, i) => {
      const s = summarizeFindings(findingStatusesOf(g.rows));
      return [h2(`（${chineseNumeral(i + 1)}）${g.label}`), body(`${summarySentence(s)}。`)];
    }),
    h1('三、尚在整改的问题'),
    ...remaining(rows),
    h1('四、下一步工作'),
    body('对尚未完成整改的问题，我们将持续跟踪督办，按期完成后及时函告；对长期坚持的事项，定期报送进展。欢迎贵组织继续监督，提出宝贵意见。'),
    ...signature(input.officeName, chineseDate(asOf)),
  ];
  return new GbDocument().pack([gbSection(children)], { title: docTitle, creator: input.officeName || '整改台账' });
}

/** How a letter addresses the party: 贵委 (a party committee), 贵会 (工商联), 你们 (无党派人士). */
function addressAs(party: string, name: string): string {
  if (party === '工商联') return '贵会';
  if (party === '无党派人士') return '你们';
  return /委(员会)?$/.test(name) ? '贵委' : '贵组织';
}

function remaining(rows: readonly ReportRow[]) {
  const open = new Map<number, ReportRow[]>();
  for (const r of rows) {
    if (findingBucket(r.findingStatus) === 'completed') continue;
    open.set(r.findingId, [...(open.get(r.findingId) ?? []), r]);
  }
  if (open.size === 0) return [body('反馈问题已全部完成整改。')];
  let k = 0;
  return [...open.values()].map((ms) => {
    k++;
    const rest = ms
      .filter((m) => m.status !== 'closed')
      .map((m) => `${m.leadUnitName}牵头，时限${deadlineWords(m, true)}，${REPORT_STATUS_WORD[m.status]}`)
      .join('；');
    return h3(`${k}.${ms[0].findingText.replace(/[。；;]$/, '')}。`, `${rest}。`);
  });
}
