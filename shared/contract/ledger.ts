import { z } from 'zod';
import { DEADLINE_KINDS, MEASURE_ACTIONS, MEASURE_STATUSES, SIGNALS } from '../domain/vocabulary.ts';
import { OFFICE_LEVELS } from '../domain/org-names.ts';
import { channel } from './define.ts';
import { DEFAULT_LONG_TERM_PERIOD_DAYS, DEFAULT_SIGNAL_LEVELS } from '../domain/signal.ts';
import { assessmentWeightsInput, DEFAULT_ASSESSMENT_WEIGHTS } from './assessment.ts';
import { SNAPSHOT_AUTO } from './snapshots.ts';
import { id, isoDate, optionalText, requiredText, uploadedFile, type FileOut } from './common.ts';
import type {
  AppInfo, AuditEntryDto, BatchDto, FindingDetailDto, UndividedFindings, LedgerFacets, LedgerPage, MeasureDto,
  OrganizationDto, ProgressDto, Settings, Stats, UnitDto,
} from './ledger-types.ts';

const empty = z.object({}).strict().optional().default({});

/** Day thresholds of 设置: whole days, 1–365 (0 would switch a warning off without saying so). */
export const THRESHOLD_DAYS = { min: 1, max: 365 } as const;
const thresholdDays = (label: string) => {
  const message = `${label}须为 ${THRESHOLD_DAYS.min} 到 ${THRESHOLD_DAYS.max} 之间的整数`;
  return z.number({ error: message }).int({ message }).min(THRESHOLD_DAYS.min, { message }).max(THRESHOLD_DAYS.max, { message });
};

const signalLevelInput = (level: string) =>
  z.object({
    label: z.string().trim().min(1, { message: `请填写${level}的名称` }).max(8, { message: `${level}的名称不超过 8 个字` }),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: `${level}的颜色应为 #RRGGBB 形式` }),
  });
const signalLevelsInput = z.object({ red: signalLevelInput('逾期一级'), yellow: signalLevelInput('临期/停滞一级'), green: signalLevelInput('正常一级') });

export const settingsInput = z.object({
  operator: requiredText('操作人姓名', 50),
  officeName: z.string().trim().max(100).default(''),
  dueSoonDays: thresholdDays('临期提醒天数'),
  stagnantDays: thresholdDays('停滞提醒天数'),
  immediateDays: thresholdDays('立行立改期限'),
  contactName: z.string().trim().max(20, { message: '联系人不超过 20 个字' }).default(''),
  contactPhone: z.string().trim().max(30, { message: '联系电话不超过 30 个字符' }).default(''),
  replyDays: thresholdDays('反馈期限').default(10),
  rankUnits: z.boolean().default(false),
  signalLevels: signalLevelsInput.default(DEFAULT_SIGNAL_LEVELS),
  longTermPeriodDays: thresholdDays('长期坚持报送周期').default(DEFAULT_LONG_TERM_PERIOD_DAYS),
  snapshotAuto: z.enum(SNAPSHOT_AUTO, { error: '请选择自动保存快照的方式' }).default('monthly'),
  assessmentWeights: assessmentWeightsInput.default(DEFAULT_ASSESSMENT_WEIGHTS),
});

export const deadlineInput = z
  .object({
    kind: z.enum(DEADLINE_KINDS),
    date: isoDate.nullish().transform((v) => v ?? null),
    text: optionalText('整改时限说明', 200),
  })
  .superRefine((d, ctx) => {
    if (d.kind === 'date' && !d.date) ctx.addIssue({ code: 'custom', message: '请选择整改时限的日期', path: ['date'] });
  });

export const measureInput = z.object({
  text: requiredText('整改措施', 4000),
  leadUnitId: z.number({ error: '请选择牵头单位' }).int().positive({ message: '请选择牵头单位' }),
  coUnitIds: z.array(id).max(50).default([]),
  leader: optionalText('责任领导', 100),
  person: optionalText('责任人', 100),
  deadline: deadlineInput,
});

export const findingInput = z.object({
  batchId: id,
  seq: z.string().trim().max(20).optional(),
  category: optionalText('问题类别', 100),
  text: requiredText('反馈问题', 4000),
  suggestion: optionalText('意见建议', 4000),
  target: optionalText('整改目标', 2000),
  note: optionalText('备注', 2000),
});

export const batchInput = z.object({
  organizationId: z.number({ error: '请选择监督主体' }).int().positive({ message: '请选择监督主体' }),
  area: requiredText('监督领域', 200),
  docNumber: optionalText('文号', 100),
  receivedDate: isoDate,
  topic: requiredText('主题', 200),
  mode: optionalText('监督方式', 50),
  note: optionalText('备注', 2000),
});

/**
 * The version of the record the clerk's screen shows: a save made on an older copy is refused
 * ('stale'). Every screen sends it; callers without a screen (import, CLI) may leave it out.
 */
const seenVersion = z.number().int().positive();

export const ledgerFilter = z.object({
  batchId: id.optional(),
  organizationId: id.optional(),
  unitId: id.optional(),
  /** Only measures this unit leads (牵头), as 分析 counts per unit; `unitId` also takes 配合. */
  leadUnitId: id.optional(),
  /** 停滞: open, dated, and no progress (nor assignment) for the office's stagnant days. */
  stagnant: z.boolean().optional(),
  /** 长期坚持 whose periodic progress entry is missing. */
  periodMissing: z.boolean().optional(),
  statuses: z.array(z.enum(MEASURE_STATUSES)).optional(),
  signals: z.array(z.enum(SIGNALS)).optional(),
  category: z.string().max(100).optional(),
  deadlineFrom: isoDate.optional(),
  deadlineTo: isoDate.optional(),
  q: z.string().trim().max(100).optional(),
  /** 再次反馈: findings confirmed as repeating a finding of an earlier batch (issue 11). */
  repeat: z.boolean().optional(),
});
export type LedgerFilter = z.infer<typeof ledgerFilter>;

/** 'overdue' is 逾期优先: red by days overdue, then yellow, then the rest (its order is fixed; `order` is not read). */
export const LEDGER_SORTS = ['default', 'deadline', 'status', 'unit', 'updated', 'signal', 'overdue'] as const;
export const ledgerQuery = z.object({
  filter: ledgerFilter.default({}),
  sort: z.enum(LEDGER_SORTS).default('default'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
});
export type LedgerQuery = z.infer<typeof ledgerQuery>;

export const ledgerChannels = {
  'app:info': channel<AppInfo>()(empty),
  'settings:get': channel<Settings>()(empty),
  'settings:update': channel<Settings>()(settingsInput),

  'orgs:list': channel<OrganizationDto[]>()(empty),
  'orgs:save': channel<OrganizationDto>()(
    z.object({ id: id.optional(), name: requiredText('监督主体名称', 100), party: requiredText('党派', 20), level: requiredText('层级', 20) }),
  ),
  'orgs:delete': channel<{ deleted: true }>()(z.object({ id })),
  /** First run: the unused presets become names for the office's level and place (民建青山县委 …). */
  'orgs:seed-for-level': channel<OrganizationDto[]>()(
    z.object({ level: z.enum(OFFICE_LEVELS, { error: '请选择本单位层级' }), place: z.string().trim().max(20, { message: '所在地不超过 20 个字' }) }),
  ),

  'units:list': channel<UnitDto[]>()(empty),
  'units:save': channel<UnitDto>()(
    z.object({
      id: id.optional(),
      name: requiredText('单位名称', 100),
      contactPerson: optionalText('联系人', 50),
      contactPhone: optionalText('联系电话', 50),
      aliases: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    }),
  ),
  'units:delete': channel<{ deleted: true }>()(z.object({ id })),
  /** Fold a duplicate unit into another: its measures move, its name becomes an alias. */
  'units:merge': channel<UnitDto>()(z.object({ fromId: id, intoId: id })),

  'batches:list': channel<BatchDto[]>()(empty),
  'batches:save': channel<BatchDto>()(batchInput.extend({ id: id.optional(), version: seenVersion.optional() })),
  'batches:delete': channel<{ deleted: true }>()(z.object({ id })),

  'findings:get': channel<FindingDetailDto>()(z.object({ id })),
  /** Findings not yet broken into measures (imported feedback lists), for the ledger to name. */
  'findings:undivided': channel<UndividedFindings>()(z.object({ batchId: id.optional() })),
  'findings:create': channel<FindingDetailDto>()(findingInput.extend({ measures: z.array(measureInput).max(100).default([]) })),
  'findings:update': channel<FindingDetailDto>()(findingInput.omit({ batchId: true }).extend({ id, version: seenVersion.optional() })),
  'findings:delete': channel<{ deleted: true }>()(z.object({ id })),

  'measures:create': channel<MeasureDto>()(measureInput.extend({ findingId: id })),
  'measures:update': channel<MeasureDto>()(measureInput.extend({ id, version: z.number().int().positive() })),
  'measures:delete': channel<{ deleted: true }>()(z.object({ id })),
  'measures:transition': channel<MeasureDto>()(
    z.object({
      id,
      action: z.enum(MEASURE_ACTIONS),
      date: isoDate.optional(),
      resultText: optionalText('整改结果', 4000),
      verifiedBy: optionalText('验收人', 50),
      reason: optionalText('原因', 2000),
      /** A new 整改时限 for 回头看 / 退回 when the old one is past (required for 回头看 then). */
      newDeadline: isoDate.optional(),
      files: z.array(uploadedFile).max(20).default([]),
      version: seenVersion.optional(),
    }),
  ),

  'progress:add': channel<ProgressDto>()(
    z.object({ measureId: id, date: isoDate, text: requiredText('进展情况', 4000), files: z.array(uploadedFile).max(20).default([]) }),
  ),
  /** Correct a progress entry (audited before/after); its evidence stays. */
  'progress:update': channel<ProgressDto>()(
    z.object({ id, version: seenVersion, date: isoDate, text: requiredText('进展情况', 4000) }),
  ),
  /** Remove a progress entry (audited); its evidence stays with the measure. */
  'progress:delete': channel<{ deleted: true }>()(z.object({ id, version: seenVersion })),
  'evidence:add': channel<MeasureDto>()(z.object({ measureId: id, files: z.array(uploadedFile).min(1, { message: '请选择文件' }).max(20) })),
  /** The stored copy's bytes, checked against its recorded hash (browser mode downloads it). */
  'evidence:get': channel<FileOut>()(z.object({ id })),
  /** Where the checked stored copy is: for the desktop shell to open it; the page sends only the id. */
  'evidence:locate': channel<{ path: string; fileName: string }>()(z.object({ id })),

  'ledger:query': channel<LedgerPage>()(ledgerQuery),
  'ledger:facets': channel<LedgerFacets>()(empty),
  'stats:get': channel<Stats>()(empty),
  'audit:list': channel<AuditEntryDto[]>()(
    z.object({ entity: z.string().max(30).optional(), entityId: id.optional(), limit: z.number().int().min(1).max(1000).default(200) }),
  ),

  'sample:load': channel<{ batches: number; findings: number; measures: number }>()(empty),
  'sample:remove': channel<{ removed: number }>()(empty),
};
