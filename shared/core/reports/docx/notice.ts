import { chineseDate } from '../../../domain/dates.ts';
import { REPORT_STATUS_WORD } from '../../../domain/vocabulary.ts';
import { deadlineWords } from '../columns.ts';
import type { ReportRow } from '../model.ts';
import { NOTICE_LEVEL_COLOR, NOTICE_LEVEL_LABEL, type Notice } from '../schema.ts';
import { GbDocument, blank, body, centred, flush, gbSection, signature, title } from './blocks.ts';

export interface NoticeInput {
  /** The notice as issued: its number, level and lateness are fixed then, so a reprint is the same paper. */
  notice: Notice;
  /** The measure, as it stands now (for its finding, units and people). */
  row: ReportRow;
  officeName: string;
  /** Who to call back: 联系人 / 联系电话 of the office, when set. */
  contact: string;
}

/** How late, in words, as recorded when the notice was issued. */
export function latenessWords(n: Pick<Notice, 'overdue_days' | 'stagnant_days' | 'reason'>): string {
  if (n.overdue_days > 0) return `已超过整改时限${n.overdue_days}天`;
  if (n.stagnant_days) return `已连续${n.stagnant_days}天未报送整改进展`;
  return n.reason;
}

/** 督办通知单: numbered, addressed to the lead unit, with the finding, measure, deadline, lateness, level and reply date. */
export async function writeNotice(input: NoticeInput): Promise<Buffer> {
  const { notice: n, row: r } = input;
  const level = NOTICE_LEVEL_LABEL[n.level];
  const children = [
    ...title(`整改事项${level}通知单`),
    centred(`${n.doc_number}（${NOTICE_LEVEL_COLOR[n.level]}${level}）`),
    blank(),
    flush(`${n.unit_name}：`),
    body(
      `${r.organizationName}${r.batchDocNumber ? `以${r.batchDocNumber}` : ''}反馈的“${r.findingText.replace(/[。；;]$/, '')}”问题，` +
        `明确由你单位牵头落实整改措施“${r.measureText.replace(/[。；;]$/, '')}”，整改时限为${deadlineWords(r, true)}。`,
    ),
    body(`截至${chineseDate(n.issued_date)}，该项措施${latenessWords(n)}，整改状态为“${REPORT_STATUS_WORD[n.measure_status]}”。根据整改工作要求，现予以${level}。`),
    body(
      `请你单位高度重视，切实履行牵头责任，加快推进整改，并于${chineseDate(n.reply_by)}前将整改进展情况（附佐证材料）书面报送${input.officeName || '我部'}。` +
        (n.level === 'warning' ? '逾期仍未完成整改的，将按规定通报并纳入年度绩效考核。' : ''),
    ),
    ...(n.note ? [body(n.note)] : []),
    body(
      `责任领导：${r.leader ?? '—'}；责任人：${r.person ?? '—'}` +
        (r.coUnitNames.length ? `；配合单位：${r.coUnitNames.join('、')}` : '') + '。',
    ),
    ...signature(input.officeName, chineseDate(n.issued_date)),
    ...(input.contact ? [blank(), flush(`（${input.contact}）`)] : []),
  ];
  return new GbDocument().pack([gbSection(children)], { title: `${n.doc_number} 整改事项${level}通知单`, creator: input.officeName || '整改台账' });
}
