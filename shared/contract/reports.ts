import { z } from 'zod';
import { channel } from './define.ts';
import { id, isoDate, optionalText, type FileOut } from './common.ts';
import { ledgerFilter } from './ledger.ts';
import { reportWordOptionsInput, type ReportWording } from './report-wording.ts';

/** Channels of Word reports, Excel ledgers and notices (issue 4). Owned by shared/core/reports. */

/** The ledger columns people expect (DOMAIN.md) plus the deadline signal; the clerk picks and orders them. */
export const LEDGER_COLUMNS = [
  'seq', 'source', 'category', 'finding', 'target', 'measure', 'leadUnit', 'units', 'leader', 'person',
  'deadline', 'progress', 'status', 'evidence', 'closedDate', 'signal', 'note',
] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];
export const LEDGER_COLUMN_LABEL: Record<LedgerColumn, string> = {
  seq: '序号', source: '反馈来源', category: '问题类别', finding: '反馈问题', target: '整改目标', measure: '整改措施',
  leadUnit: '牵头单位', units: '配合单位', leader: '责任领导', person: '责任人', deadline: '整改时限',
  progress: '整改进展情况', status: '整改状态', evidence: '佐证材料', closedDate: '销号时间', signal: '预警', note: '备注',
};

/** How each rate is counted, printed under every table of rates (screen, Excel, Word). */
export const COMPLETION_RATE_NOTE = '完成率＝已销号措施数÷措施数。';
export const ON_TIME_RATE_NOTE =
  '按期完成率＝在整改时限（含当日）前销号的措施数÷（既有整改时限日期又有销号时间的已销号措施数＋已逾期措施数）；已销号但无销号时间、长期坚持、未定时限及尚在时限内的措施不计入。';

/** How the ledger is grouped into rows like "一、产业扶贫方面". */
export const GROUP_BYS = ['none', 'category', 'unit', 'party'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export const GROUP_BY_LABEL: Record<GroupBy, string> = { none: '不分组', category: '按问题类别', unit: '按牵头单位', party: '按监督主体' };

export const SECTION_BYS = ['category', 'party'] as const;
export type SectionBy = (typeof SECTION_BYS)[number];
export const SECTION_BY_LABEL: Record<SectionBy, string> = { category: '按问题类别（方面）', party: '按监督主体' };

/** 督办单 levels: 提醒 → 督办 → 告诫 (blue / yellow / red). */
export const NOTICE_LEVELS = ['reminder', 'supervise', 'warning'] as const;
export type NoticeLevel = (typeof NOTICE_LEVELS)[number];
export const NOTICE_LEVEL_LABEL: Record<NoticeLevel, string> = { reminder: '提醒', supervise: '督办', warning: '告诫' };
export const NOTICE_LEVEL_COLOR: Record<NoticeLevel, string> = { reminder: '蓝色', supervise: '黄色', warning: '红色' };
/** What the paper is called at each level (its title and file name). */
export const NOTICE_DOC_NAME: Record<NoticeLevel, string> = { reminder: '提醒函', supervise: '督办通知单', warning: '告诫函' };

/** The entry a notice leaves on its measure's history (status_changes.action), and its label. */
export const NOTICE_HISTORY_ACTION = 'notice';
export const NOTICE_HISTORY_LABEL = '催办';

export interface ReportOptionsDto {
  columns: LedgerColumn[];
  groupBy: GroupBy;
  sectionBy: SectionBy;
  noticeFormat: string;
  replyDays: number;
  /** 整改情况报告 (issue 9): 主送机关, the office's wording of its editable paragraphs, charts, key findings. */
  addressee: string;
  wording: ReportWording;
  charts: boolean;
  keyFindingIds: number[];
}

export interface MeasureStatsDto {
  key: string;
  label: string;
  measures: number;
  closed: number;
  pending: number;
  inProgress: number;
  standing: number;
  overdue: number;
  onTimeClosed: number;
  onTimeBase: number;
  completionRate: number | null;
  onTimeRate: number | null;
}

export interface ReportSummaryDto {
  asOf: string;
  findings: { total: number; completed: number; continuing: number; notDone: number; completionRate: number | null };
  /** The report's sentence: 反馈的N个问题，完成整改X个，… */
  sentence: string;
  units: MeasureStatsDto[];
  total: MeasureStatsDto;
}

/** One measure listed on a notice, as printed. */
export interface NoticeItemDto {
  measureId: number;
  findingId: number;
  /** The shared numbering, "3-2". */
  number: string;
  findingText: string;
  measureText: string;
  deadline: string;
  overdueDays: number;
  reason: string;
}

export interface NoticeDto {
  id: number;
  /** The first item's measure, finding and text (a notice whose measures were all deleted has none). */
  measureId: number | null;
  findingId: number | null;
  docNumber: string;
  level: NoticeLevel;
  unitId: number | null;
  unitName: string;
  measureText: string;
  issuedDate: string;
  replyBy: string;
  reason: string;
  operator: string;
  items: NoticeItemDto[];
}

/** What issuing would send: one notice per unit, its items and level (nothing written yet). */
export interface NoticePlanDto {
  unitId: number;
  unitName: string;
  level: NoticeLevel;
  items: NoticeItemDto[];
}

const columnsInput = z.array(z.enum(LEDGER_COLUMNS, { error: `未知的列，可选：${LEDGER_COLUMNS.join(', ')}` })).min(1, { message: '请至少选择一列' }).max(LEDGER_COLUMNS.length);
const titleInput = optionalText('标题', 100);

export const reportOptionsInput = z.object({
  columns: columnsInput.optional(),
  groupBy: z.enum(GROUP_BYS).optional(),
  sectionBy: z.enum(SECTION_BYS).optional(),
  noticeFormat: z
    .string()
    .trim()
    .min(1, { message: '请填写督办单编号格式' })
    .max(40, { message: '编号格式不能超过 40 个字' })
    .refine((v) => v.includes('{号}'), { message: '编号格式须含“{号}”，例如 督办〔{年}〕{号}号' })
    .optional(),
  replyDays: z.number().int().min(1, { message: '反馈期限至少 1 天' }).max(90).optional(),
  ...reportWordOptionsInput.shape,
});

/** Whom and what a notice is about: one measure, chosen measures of one lead unit, or a unit. */
const noticeTarget = z.object({
  measureId: id.optional(),
  measureIds: z.array(id).min(1, { message: '请至少选择一条措施' }).max(200, { message: '一份通知最多列 200 条措施' }).optional(),
  unitId: id.optional(),
  /** With unitId: only its overdue items (red), not those merely stagnant or due soon. */
  lateOnly: z.boolean().default(false),
});
const noticeWording = z.object({
  /** Omitted: one step above the last notice its items received (提醒 → 督办 → 告诫). */
  level: z.enum(NOTICE_LEVELS).optional(),
  replyBy: isoDate.optional(),
  note: optionalText('补充说明', 500),
});
const hasTarget = (v: { measureId?: number; measureIds?: number[]; unitId?: number }) => Boolean(v.measureId || v.measureIds?.length || v.unitId);
const targetMessage = { message: '请选择要催办的整改措施或责任单位' };

export const reportChannels = {
  'report:options': channel<ReportOptionsDto>()(z.object({}).strict().optional().default({})),
  'report:save-options': channel<ReportOptionsDto>()(reportOptionsInput),
  /** The numbers of the report for the same filter (the 报表 page shows them before exporting). */
  'report:summary': channel<ReportSummaryDto>()(z.object({ filter: ledgerFilter.default({}) })),
  /** The printable 整改台账: what the ledger shows (its filter) or everything ({}). Columns are remembered. */
  'report:ledger-xlsx': channel<FileOut>()(
    z.object({ filter: ledgerFilter.default({}), columns: columnsInput.optional(), groupBy: z.enum(GROUP_BYS).optional(), title: titleInput }),
  ),
  /** 整改情况报告 (Word). */
  'report:word': channel<FileOut>()(
    z.object({ filter: ledgerFilter.default({}), sectionBy: z.enum(SECTION_BYS).optional(), title: titleInput, ...reportWordOptionsInput.shape }),
  ),
  /** 办理情况反馈函 to the party of one batch. */
  'report:reply-letter': channel<FileOut>()(z.object({ batchId: id })),
  /**
   * Issue one notice (提醒函 / 督办通知单 / 告诫函) to one unit: for a late or stagnant measure, for
   * chosen measures the unit leads, or for a unit (all its late items, or all it should be chased for).
   */
  'notice:create': channel<{ notice: NoticeDto; file: FileOut }>()(noticeTarget.extend(noticeWording.shape).refine(hasTarget, targetMessage)),
  /** The same without writing: what would be sent, to whom, at which level. */
  'notice:preview': channel<NoticePlanDto[]>()(
    noticeTarget.extend({ all: z.boolean().default(false), level: noticeWording.shape.level }).refine((v) => v.all || hasTarget(v), targetMessage),
  ),
  /** 给所有有逾期事项的单位发通知: one notice per unit with late items, in one transaction; a .zip of one Word file per unit. */
  'notice:create-all': channel<{ notices: NoticeDto[]; file: FileOut }>()(noticeWording),
  'notice:list': channel<NoticeDto[]>()(
    z.object({
      measureId: id.optional(),
      unitId: id.optional(),
      year: z.number().int().min(2000).max(2100).optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
  ),
  'notice:reprint': channel<FileOut>()(z.object({ id })),
};
