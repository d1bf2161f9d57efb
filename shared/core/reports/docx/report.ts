import type { Paragraph } from 'docx';
import { chineseDate, type IsoDate } from '../../../domain/dates.ts';
import { REPORT_STATUS_WORD } from '../../../domain/vocabulary.ts';
import { deadlineWords } from '../columns.ts';
import { chineseNumeral, groupRows, sequenceNumbers } from '../grouping.ts';
import type { ReportRow } from '../model.ts';
import {
  COMPLETION_RATE_NOTE, ON_TIME_RATE_NOTE, byUnit, findingStatusesOf, findingBucket, percent, summarizeFindings, summarySentence,
} from '../stats.ts';
import { GbDocument, annexTitle, blank, body, caption, flushHei, gbSection, h1, h2, h3, note, signature, title, TEXT_WIDTH } from './blocks.ts';

export interface ReportInput {
  /** e.g. 关于民主监督反馈问题整改情况的报告 */
  title: string;
  officeName: string;
  asOf: IsoDate;
  rows: readonly ReportRow[];
  /** The sections of part 二: by 问题类别 (方面) or by 监督主体. */
  sectionBy: 'category' | 'party';
  /** Told as each part is begun (a job shows it): 排版正文, 排版附件清单, 打包文件. */
  onStage?: (stage: ReportStage) => void;
}

export const REPORT_STAGES = ['排版正文', '排版附件清单', '打包文件'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

/** The 整改情况报告: summary from the data, sections, per-unit table, and the landscape 附件 list. */
export async function writeRectificationReport(input: ReportInput): Promise<Buffer> {
  const doc = new GbDocument();
  input.onStage?.('排版正文');
  const main = gbSection([...title(input.title), ...mainText(doc, input)]);
  input.onStage?.('排版附件清单');
  const annex = gbSection(annexPages(doc, input), 'landscape');
  input.onStage?.('打包文件');
  return doc.pack([main, annex], { title: input.title, creator: input.officeName || '整改台账' });
}

/** The figures of part 一, written as the report says them; exported for the UI preview and the tests. */
export function overviewParagraphs(rows: readonly ReportRow[], asOf: IsoDate): string[] {
  const summary = summarizeFindings(findingStatusesOf(rows));
  const u = byUnit(rows);
  const t = u.total;
  return [
    `截至${chineseDate(asOf)}，${summarySentence(summary)}。`,
    `针对反馈问题共制定整改措施${t.measures}条，已销号${t.closed}条，待验收销号${t.pending}条，正在整改${t.inProgress}条，长期坚持${t.standing}条；` +
      `逾期未完成${t.overdue}条。措施完成率${percent(t.completionRate)}，按期完成率${percent(t.onTimeRate)}。各责任单位整改情况见表1。`,
  ];
}

function mainText(doc: GbDocument, input: ReportInput): Paragraph[] {
  const { rows, asOf } = input;
  const orgs = [...new Set(rows.map((r) => r.organizationName))];
  const batches = new Set(rows.map((r) => r.batchId)).size;
  const out: Paragraph[] = [];
  out.push(
    body(
      `${orgs.length ? `${orgs.join('、')}围绕民主监督事项，先后反馈意见${batches}批` : '民主监督反馈意见'}。收到反馈意见后，我们高度重视，主动认领全部问题，` +
        '按照清单制、责任制、时间表的要求，逐项明确牵头单位、责任领导、责任人和整改时限，现场交办、限时办结，跟踪督办、逐项销号。现将整改情况报告如下。',
    ),
  );

  out.push(h1('一、总体整改情况'));
  for (const p of overviewParagraphs(rows, asOf)) out.push(body(p));
  out.push(...unitTable(doc, rows));

  out.push(h1('二、反馈问题整改落实情况'));
  const groups = groupRows(rows, input.sectionBy === 'party' ? 'party' : 'category');
  const seqs = sequenceNumbers(rows);
  const seqOf = new Map(rows.map((r, i) => [r.measureId, seqs[i].split('.')[0]]));
  groups.forEach((g, gi) => {
    out.push(h2(`（${chineseNumeral(gi + 1)}）${g.label}`));
    const s = summarizeFindings(findingStatusesOf(g.rows));
    out.push(body(`该${input.sectionBy === 'party' ? '监督主体' : '方面'}${summarySentence(s)}。`));
    // Completed findings are counted above; the ones still open are named one by one.
    const open = new Map<number, ReportRow[]>();
    for (const r of g.rows) {
      if (findingBucket(r.findingStatus) === 'completed') continue;
      const list = open.get(r.findingId);
      if (list) list.push(r);
      else open.set(r.findingId, [r]);
    }
    let k = 0;
    for (const measures of open.values()) {
      const f = measures[0];
      k++;
      out.push(h3(`${k}.${f.findingText.replace(/[。；;]$/, '')}。`, findingSentence(measures, seqOf.get(f.measureId)!)));
    }
  });

  out.push(h1('三、存在的问题和下一步工作'));
  out.push(...nextSteps(rows));
  out.push(...signature(input.officeName, chineseDate(asOf)));
  return out;
}

function findingSentence(measures: readonly ReportRow[], annexNo: string): string {
  const parts = measures.map((m) => {
    const late = m.signal.signal === 'red' ? `，${m.signal.reason}` : '';
    return `${m.leadUnitName}牵头，时限${deadlineWords(m, true)}，${REPORT_STATUS_WORD[m.status]}${late}`;
  });
  return `（附件序号${annexNo}）共${measures.length}条措施：${parts.join('；')}。`;
}

function nextSteps(rows: readonly ReportRow[]): Paragraph[] {
  const overdue = byUnit(rows.filter((r) => r.signal.signal === 'red')).groups.sort((a, b) => b.measures - a.measures);
  const stagnant = rows.filter((r) => r.signal.signal === 'yellow' && r.signal.stagnantDays !== null).length;
  const out: Paragraph[] = [];
  if (overdue.length) {
    const names = overdue.map((s) => `${s.label}（${s.measures}条）`).join('、');
    out.push(body(`目前仍有${overdue.reduce((n, s) => n + s.measures, 0)}条措施逾期未完成，涉及${overdue.length}个单位：${names}。`));
  } else {
    out.push(body('目前没有逾期未完成的整改措施。'));
  }
  if (stagnant) out.push(body(`另有${stagnant}条措施较长时间未报送整改进展。`));
  out.push(
    body(
      '下一步，我们将对逾期和进展缓慢的事项逐项发出督办通知，压实牵头单位责任；对长期坚持的事项定期跟踪回访，' +
        '防止问题反弹；对已销号的事项适时开展“回头看”，确保整改成效经得起检验。整改情况将纳入相关单位年度绩效考核。',
    ),
  );
  return out;
}

/** 表1: per lead unit, the figures stats.ts defines, with the definitions under the table. */
function unitTable(doc: GbDocument, rows: readonly ReportRow[]): Paragraph[] {
  const { groups, total } = byUnit(rows);
  const line = (s: typeof total, seq: string) => [
    seq, s.label, String(s.measures), String(s.closed), String(s.pending), String(s.inProgress), String(s.standing),
    String(s.overdue), percent(s.completionRate), percent(s.onTimeRate),
  ];
  const cols = [
    { header: '序号', weight: 7, align: 'center' as const }, { header: '牵头单位', weight: 17 },
    ...['措施数', '已销号', '待销号', '整改中'].map((h) => ({ header: h, weight: 9, align: 'center' as const })),
    { header: '长期坚持', weight: 12, align: 'center' as const }, { header: '逾期', weight: 7, align: 'center' as const },
    { header: '完成率', weight: 10, align: 'center' as const }, { header: '按期完成率', weight: 14, align: 'center' as const },
  ];
  return [
    caption('表1  各责任单位整改情况统计'),
    ...doc.table(cols, [...groups.map((s, i) => line(s, String(i + 1))), line(total, '')], { width: TEXT_WIDTH.portrait }),
    note(`注：${COMPLETION_RATE_NOTE}${ON_TIME_RATE_NOTE}`),
  ];
}


/** 附件: every finding with its measures on landscape pages, the header row repeated on each. */
function annexPages(doc: GbDocument, input: ReportInput): Paragraph[] {
  const { rows } = input;
  const seqs = sequenceNumbers(rows);
  const count = new Map<number, number>();
  for (const r of rows) count.set(r.findingId, (count.get(r.findingId) ?? 0) + 1);
  const started = new Set<number>();
  const tableRows = rows.map((r, i) => {
    const first = !started.has(r.findingId);
    started.add(r.findingId);
    const span = count.get(r.findingId)!;
    const findingCell = (text: string) => (first ? (span > 1 ? { text, rowSpan: span } : text) : null);
    return [
      findingCell(seqs[i].split('.')[0]),
      findingCell(r.organizationName),
      findingCell(r.category ?? ''),
      findingCell(r.findingText),
      r.measureText,
      [r.leadUnitName, ...r.coUnitNames].join('、'),
      deadlineWords(r),
      REPORT_STATUS_WORD[r.status] + (r.signal.signal === 'red' ? `\n（${r.signal.reason}）` : ''),
      r.closedDate ?? '',
    ];
  });
  const cols = [
    { header: '序号', weight: 5, align: 'center' as const }, { header: '监督主体', weight: 8 }, { header: '问题类别', weight: 8 },
    { header: '反馈问题', weight: 21 }, { header: '整改措施', weight: 22 }, { header: '责任单位', weight: 10 },
    { header: '整改时限', weight: 10, align: 'center' as const }, { header: '整改状态', weight: 8, align: 'center' as const },
    { header: '销号时间', weight: 10, align: 'center' as const },
  ];
  const annexName = input.title.replace(/^关于/, '').replace(/的报告$/, '');
  return [
    flushHei('附件'),
    blank(),
    annexTitle(`${annexName}清单`),
    ...doc.table(cols, tableRows, { width: TEXT_WIDTH.landscape }),
  ];
}
