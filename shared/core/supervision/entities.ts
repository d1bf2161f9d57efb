import { SUPERVISION_NOUN, type SupervisionEntity } from '../../contract/supervision.ts';
import { chineseDate } from '../../domain/dates.ts';

export { SUPERVISION_ENTITIES, SUPERVISION_NOUN, type SupervisionEntity } from '../../contract/supervision.ts';

/**
 * The supervision registers as the 回收站 and the 操作日志 name them. Kept apart from the contract's
 * list of 回收站 kinds so that the recycle and audit modules read one table from here.
 */
export const SUPERVISION_TABLE: Record<SupervisionEntity, string> = {
  supervision_relation: 'supervision_relations',
  supervision_activity: 'supervision_activities',
  supervisor: 'supervisors',
  observation_window: 'observation_windows',
  supervision_briefing: 'supervision_briefings',
  satisfaction: 'satisfaction_ratings',
};

export const SUPERVISION_NOT_FOUND: Record<SupervisionEntity, string> = Object.fromEntries(
  Object.entries(SUPERVISION_NOUN).map(([k, noun]) => [k, `找不到该${noun}，可能已被删除`]),
) as Record<SupervisionEntity, string>;

/** Fields of the supervision records in the 操作日志 (camelCase, as audit records hold them). */
export const SUPERVISION_FIELD_LABEL: Record<string, string> = {
  kind: '类型', place: '地点', participants: '参与人次', participantNames: '参加人员', reportTitle: '形成的报告或意见',
  batchId: '关联反馈批次', sinceDate: '开始日期', planTitle: '实施方案', planDocNumber: '方案文号', focusAreas: '侧重领域',
  workUnit: '工作单位', appointedDate: '聘任日期', termYears: '任期（年）', termEnd: '任期届满', leftDate: '解聘日期',
  households: '观察户数', establishedDate: '设立日期', reports: '反映情况', title: '事由', grade: '满意度', findingId: '反馈问题',
  supervisorName: '姓名', hasPhone: '联系电话',
};
export const SUPERVISION_DATE_FIELDS = ['sinceDate', 'appointedDate', 'termEnd', 'leftDate', 'establishedDate'];

/** The object of a 操作日志 line: "监督活动：2026年3月5日 专项监督（民盟青山县委）". */
export function supervisionObject(entity: string, label: unknown): string | null {
  const noun = (SUPERVISION_NOUN as Record<string, string>)[entity];
  if (!noun) return null;
  if (typeof label !== 'string' || !label) return noun;
  return label.startsWith(`${noun}：`) ? label : `${noun}：${label}`;
}

/** The main fields a new record's 操作日志 line lists, per register. */
const CREATED_FIELDS: Record<string, string[]> = {
  supervision_relation: ['area', 'sinceDate', 'planTitle', 'planDocNumber', 'focusAreas'],
  supervision_activity: ['kind', 'date', 'place', 'participants', 'reportTitle', 'batchId'],
  supervisor: ['kind', 'supervisorName', 'workUnit', 'appointedDate', 'termEnd', 'status'],
  observation_window: ['level', 'place', 'households', 'establishedDate'],
  supervision_briefing: ['kind', 'date', 'title'],
  satisfaction: ['grade', 'date', 'note'],
};

function fieldWords(key: string, value: unknown): string {
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return chineseDate(value);
  return String(value);
}

/** 操作日志 words of what only these records have: a new record's main fields, an attachment removed. */
export function supervisionActionWords(action: string, entity: string, object: string, before: Record<string, unknown>, after: Record<string, unknown> = {}): { action: string; object: string; changes: string[] } | null {
  if (!(entity in SUPERVISION_NOUN)) return null;
  if (action === 'create') {
    const keys = CREATED_FIELDS[entity] ?? [];
    const label = (k: string) => (k === 'date' ? '日期' : SUPERVISION_FIELD_LABEL[k] ?? k);
    const changes = keys.filter((k) => after[k] !== null && after[k] !== undefined && after[k] !== '' && !(Array.isArray(after[k]) && !(after[k] as unknown[]).length)).map((k) => `${label(k)}：${fieldWords(k, after[k])}`);
    const files = Array.isArray(after.files) ? (after.files as string[]) : [];
    if (files.length) changes.push(`附件：${files.join('、')}`);
    return { action: '新增', object, changes };
  }
  if (action !== 'remove-file') return null;
  const files = Array.isArray(before.files) ? (before.files as string[]) : [];
  return { action: '删除附件', object, changes: files };
}
