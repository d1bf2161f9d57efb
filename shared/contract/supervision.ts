import { z } from 'zod';
import { isIsoDate } from '../domain/dates.ts';
import { channel } from './define.ts';
import { id, optionalText, requiredText, uploadedFile, type FileOut } from './common.ts';

/**
 * Channels of the supervision side (issue 11): 对口监督关系, 监督活动, 特邀监督员 / 扶贫调查员,
 * 观察窗口, 通报, 满意度 and 监督统计. Owned by shared/core/supervision. Codes in the database and
 * in code, Chinese words on screen, in exports and in the 操作日志: the tables below are the one mapping.
 */

/** 监督活动 kinds: the party's supervision itself, then the 统战部's own support actions. */
export const SUPERVISION_KINDS = ['special', 'inspection', 'research', 'unannounced', 'forum', 'appraisal'] as const;
export const SUPPORT_KINDS = ['plan', 'accompany', 'materials', 'invitation'] as const;
export const ACTIVITY_KINDS = [...SUPERVISION_KINDS, ...SUPPORT_KINDS] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABEL: Record<ActivityKind, string> = {
  special: '专项监督',
  inspection: '视察',
  research: '调研',
  unannounced: '暗访',
  forum: '座谈',
  appraisal: '评议',
  plan: '方案拟制',
  accompany: '陪同调研',
  materials: '提供资料',
  invitation: '邀请参加会议和检查',
};
export const isSupervisionKind = (k: string): boolean => (SUPERVISION_KINDS as readonly string[]).includes(k);

export const SUPERVISOR_KINDS = ['supervisor', 'investigator'] as const;
export type SupervisorKind = (typeof SUPERVISOR_KINDS)[number];
export const SUPERVISOR_KIND_LABEL: Record<SupervisorKind, string> = { supervisor: '特邀监督员', investigator: '扶贫调查员' };

export const SUPERVISOR_STATUSES = ['serving', 'expired', 'dismissed'] as const;
export type SupervisorStatus = (typeof SUPERVISOR_STATUSES)[number];
export const SUPERVISOR_STATUS_LABEL: Record<SupervisorStatus, string> = { serving: '在任', expired: '期满', dismissed: '解聘' };

export const WINDOW_LEVELS = ['county', 'township', 'village'] as const;
export type WindowLevel = (typeof WINDOW_LEVELS)[number];
export const WINDOW_LEVEL_LABEL: Record<WindowLevel, string> = { county: '县级', township: '乡镇级', village: '村级' };

export const BRIEFING_KINDS = ['meeting', 'forum', 'document', 'invitation'] as const;
export type BriefingKind = (typeof BRIEFING_KINDS)[number];
export const BRIEFING_KIND_LABEL: Record<BriefingKind, string> = { meeting: '通报会', forum: '座谈会', document: '文件送达', invitation: '邀请参加' };

export const SATISFACTION_GRADES = ['satisfied', 'basically', 'unsatisfied'] as const;
export type SatisfactionGrade = (typeof SATISFACTION_GRADES)[number];
export const SATISFACTION_LABEL: Record<SatisfactionGrade, string> = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' };

/** The registers as the 回收站 and the 操作日志 name them. */
export const SUPERVISION_ENTITIES = ['supervision_relation', 'supervision_activity', 'supervisor', 'observation_window', 'supervision_briefing', 'satisfaction'] as const;
export type SupervisionEntity = (typeof SUPERVISION_ENTITIES)[number];

export const SUPERVISION_NOUN: Record<SupervisionEntity, string> = {
  supervision_relation: '对口监督关系',
  supervision_activity: '监督活动',
  supervisor: '监督员',
  observation_window: '观察窗口',
  supervision_briefing: '通报记录',
  satisfaction: '满意度评价',
};

// ---- input schemas: every message names its field ----

const date = (label: string) => z.string({ error: `请填写${label}` }).refine(isIsoDate, { message: `${label}格式应为 年-月-日，例如 2026-06-30` });
const optionalDate = (label: string) => date(label).nullish().transform((v) => v ?? null);
const choice = <T extends readonly [string, ...string[]]>(values: T, label: string) => z.enum(values, { error: `请选择${label}` });
const organizationId = z.number({ error: '请选择党派（监督主体）' }).int().positive({ message: '请选择党派（监督主体）' });
const count = (label: string, max: number) =>
  z
    .number({ error: `${label}应为数字` })
    .int({ message: `${label}应为整数` })
    .min(0, { message: `${label}不能为负数` })
    .max(max, { message: `${label}不能超过 ${max}` });
const files = z.array(uploadedFile).max(20, { message: '一次最多上传 20 个附件' }).default([]);

export const relationInput = z.object({
  id: id.optional(),
  organizationId,
  area: requiredText('监督对象（地区或单位）', 200),
  sinceDate: date('开始日期'),
  planTitle: optionalText('实施方案名称', 200),
  planDocNumber: optionalText('实施方案文号', 100),
  focusAreas: z.array(z.string().trim().min(1).max(50, { message: '每个侧重领域不超过 50 个字' })).max(20, { message: '侧重领域最多 20 个' }).default([]),
  note: optionalText('备注', 2000),
  files,
});

export const activityInput = z.object({
  id: id.optional(),
  kind: choice(ACTIVITY_KINDS, '活动类型'),
  date: date('活动日期'),
  place: optionalText('地点', 200),
  organizationId,
  participants: count('参与人次', 100000),
  participantNames: optionalText('参加人员', 2000),
  reportTitle: optionalText('形成的报告或意见', 200),
  batchId: id.nullish().transform((v) => v ?? null),
  note: optionalText('备注', 2000),
  files,
});

export const supervisorInput = z
  .object({
    id: id.optional(),
    kind: choice(SUPERVISOR_KINDS, '类别'),
    name: requiredText('姓名', 50),
    organizationId,
    workUnit: optionalText('工作单位', 200),
    appointedDate: date('聘任日期'),
    termYears: z.number({ error: '任期（年）应为数字' }).int({ message: '任期（年）应为整数' }).min(1, { message: '任期（年）至少 1 年' }).max(10, { message: '任期（年）不超过 10 年' }).nullish().transform((v) => v ?? null),
    termEnd: optionalDate('任期届满日期'),
    phone: z
      .string()
      .trim()
      .max(30, { message: '联系电话不超过 30 个字符' })
      .refine((v) => v === '' || /^[0-9+\-() 转]{5,30}$/.test(v), { message: '联系电话只能包含数字、“-”和空格' })
      .nullish()
      .transform((v) => (v ? v : null)),
    status: choice(SUPERVISOR_STATUSES, '状态'),
    leftDate: optionalDate('解聘日期'),
    note: optionalText('备注', 2000),
  })
  .superRefine((s, ctx) => {
    if (s.termEnd && s.termEnd < s.appointedDate) ctx.addIssue({ code: 'custom', path: ['termEnd'], message: '任期届满日期不能早于聘任日期' });
    if (s.status === 'dismissed' && !s.leftDate) ctx.addIssue({ code: 'custom', path: ['leftDate'], message: '状态为“解聘”时请填写解聘日期' });
    if (s.leftDate && s.leftDate < s.appointedDate) ctx.addIssue({ code: 'custom', path: ['leftDate'], message: '解聘日期不能早于聘任日期' });
  });

export const windowInput = z.object({
  id: id.optional(),
  level: choice(WINDOW_LEVELS, '窗口层级'),
  place: requiredText('所在地', 200),
  organizationId,
  households: count('观察户数', 1000000),
  establishedDate: date('设立日期'),
  reports: optionalText('反映情况', 8000),
  note: optionalText('备注', 2000),
});

export const briefingInput = z.object({
  id: id.optional(),
  kind: choice(BRIEFING_KINDS, '通报方式'),
  date: date('日期'),
  organizationId,
  title: requiredText('事由（标题）', 200),
  note: optionalText('备注', 2000),
});

export const satisfactionInput = z.object({
  batchId: z.number({ error: '请选择反馈批次' }).int().positive({ message: '请选择反馈批次' }),
  findingId: id.nullish().transform((v) => v ?? null),
  grade: choice(SATISFACTION_GRADES, '满意度'),
  date: date('评价日期'),
  note: optionalText('备注', 2000),
});

const yearInput = z.object({
  year: z.number({ error: '请选择年度' }).int({ message: '年度应为整数' }).min(2000, { message: '年度应在 2000 至 2100 之间' }).max(2100, { message: '年度应在 2000 至 2100 之间' }),
});
const listFilter = z.object({ year: z.number().int().min(2000).max(2100).nullish(), q: z.string().trim().max(100).optional() }).optional().default({});

// ---- results ----

export interface SupervisionFileDto {
  id: number;
  name: string;
  size: number;
}

export interface RelationDto {
  id: number;
  organizationId: number;
  organizationName: string;
  area: string;
  sinceDate: string;
  planTitle: string | null;
  planDocNumber: string | null;
  focusAreas: string[];
  note: string | null;
  files: SupervisionFileDto[];
}

export interface ActivityDto {
  id: number;
  kind: ActivityKind;
  date: string;
  place: string | null;
  organizationId: number;
  organizationName: string;
  participants: number;
  participantNames: string | null;
  reportTitle: string | null;
  batchId: number | null;
  /** "民盟青山县委 民盟〔2026〕3号", or null when no batch is linked or the linked batch was deleted. */
  batchLabel: string | null;
  note: string | null;
  files: SupervisionFileDto[];
}

/** A register row: the phone is not here (it is read only in the detail, supervisors:get). */
export interface SupervisorDto {
  id: number;
  kind: SupervisorKind;
  name: string;
  organizationId: number;
  organizationName: string;
  workUnit: string | null;
  appointedDate: string;
  termYears: number | null;
  termEnd: string | null;
  status: SupervisorStatus;
  leftDate: string | null;
  note: string | null;
  hasPhone: boolean;
}
export interface SupervisorDetailDto extends SupervisorDto {
  phone: string | null;
}

export interface WindowDto {
  id: number;
  level: WindowLevel;
  place: string;
  organizationId: number;
  organizationName: string;
  households: number;
  establishedDate: string;
  reports: string | null;
  note: string | null;
}

export interface BriefingDto {
  id: number;
  kind: BriefingKind;
  date: string;
  organizationId: number;
  organizationName: string;
  title: string;
  note: string | null;
}

export interface SatisfactionDto {
  id: number;
  batchId: number;
  batchLabel: string;
  findingId: number | null;
  /** "3. 扶贫资金拨付滞后…" for a per-finding grade. */
  findingLabel: string | null;
  grade: SatisfactionGrade;
  date: string;
  note: string | null;
}

/** One row of 监督统计: one party (organisation), or the total. */
export interface SupervisionStatsRow {
  organizationId: number | null;
  organizationName: string;
  activities: Record<ActivityKind, number>;
  participants: number;
  reports: number;
  supervisors: Record<SupervisorKind, number>;
  windows: Record<WindowLevel, number>;
  households: number;
  briefings: Record<BriefingKind, number>;
  batches: number;
  findings: number;
  closedFindings: number;
  /** closedFindings / findings, 0–1; null when there are no findings. */
  completionRate: number | null;
  satisfaction: Record<SatisfactionGrade, number>;
  findingSatisfaction: Record<SatisfactionGrade, number>;
}

export interface SupervisionStatsDto {
  year: number;
  rows: SupervisionStatsRow[];
  total: SupervisionStatsRow;
  /** The 年度工作总结 paragraph. */
  paragraph: string;
}

const removed = channel<{ deleted: true; recycleId: number }>();

export const supervisionChannels = {
  'relations:list': channel<RelationDto[]>()(listFilter),
  'relations:save': channel<RelationDto>()(relationInput),
  'relations:delete': removed(z.object({ id })),

  'activities:list': channel<ActivityDto[]>()(listFilter),
  'activities:save': channel<ActivityDto>()(activityInput),
  'activities:delete': removed(z.object({ id })),

  'supervisors:list': channel<SupervisorDto[]>()(listFilter),
  'supervisors:get': channel<SupervisorDetailDto>()(z.object({ id })),
  'supervisors:save': channel<SupervisorDetailDto>()(supervisorInput),
  'supervisors:delete': removed(z.object({ id })),
  /** The register as Excel; phones only when the clerk ticks 包含联系方式. */
  'supervisors:export': channel<FileOut>()(z.object({ includeContact: z.boolean().default(false) })),

  'windows:list': channel<WindowDto[]>()(listFilter),
  'windows:save': channel<WindowDto>()(windowInput),
  'windows:delete': removed(z.object({ id })),

  'briefings:list': channel<BriefingDto[]>()(listFilter),
  'briefings:save': channel<BriefingDto>()(briefingInput),
  'briefings:delete': removed(z.object({ id })),

  'satisfaction:list': channel<SatisfactionDto[]>()(z.object({ batchId: id.optional(), year: z.number().int().min(2000).max(2100).nullish() }).optional().default({})),
  'satisfaction:save': channel<SatisfactionDto>()(satisfactionInput),
  'satisfaction:delete': removed(z.object({ id })),

  /** An attached file (实施方案, an activity's materials), checked against its hash. */
  'supervisionFiles:read': channel<FileOut>()(z.object({ id })),
  'supervisionFiles:delete': channel<{ deleted: true }>()(z.object({ id })),

  'supervisionStats:get': channel<SupervisionStatsDto>()(yearInput),
  'supervisionStats:xlsx': channel<FileOut>()(yearInput),
  'supervisionStats:docx': channel<FileOut>()(yearInput),
};
