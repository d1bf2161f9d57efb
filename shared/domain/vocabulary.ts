/**
 * The one table between code names and the clerk's words (DOMAIN.md vocabulary).
 * Code uses the English keys; every screen, message and report uses the Chinese labels.
 */

export const MEASURE_STATUSES = ['not_started', 'in_progress', 'pending', 'closed', 'standing'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const MEASURE_STATUS_LABEL: Record<MeasureStatus, string> = {
  not_started: '未启动',
  in_progress: '整改中',
  pending: '待销号',
  closed: '已销号',
  standing: '长期坚持',
};

/** A finding's status is derived from its measures (see findingStatusOf). */
export const FINDING_STATUSES = ['not_started', 'in_progress', 'pending', 'closed', 'standing'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const FINDING_STATUS_LABEL: Record<FindingStatus, string> = MEASURE_STATUS_LABEL;

/** Words real published reports use for the same states (整改情况报告, 台账). */
export const REPORT_STATUS_WORD: Record<MeasureStatus, string> = {
  not_started: '未整改',
  in_progress: '正在整改',
  pending: '基本完成',
  closed: '已销号',
  standing: '长期坚持',
};

export const DEADLINE_KINDS = ['date', 'immediate', 'standing', 'none'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const DEADLINE_KIND_LABEL: Record<DeadlineKind, string> = {
  date: '限期',
  immediate: '立行立改',
  standing: '长期坚持',
  none: '未定',
};

export const SIGNALS = ['red', 'yellow', 'green'] as const;
export type Signal = (typeof SIGNALS)[number];
export const SIGNAL_LABEL: Record<Signal, string> = { red: '逾期', yellow: '临期/停滞', green: '正常' };

/** Closure workflow actions (销号流程). */
export const MEASURE_ACTIONS = ['start', 'request_close', 'verify_close', 'return', 'reopen', 'set_standing'] as const;
export type MeasureAction = (typeof MEASURE_ACTIONS)[number];
export const MEASURE_ACTION_LABEL: Record<MeasureAction, string> = {
  start: '开始整改',
  request_close: '申请销号',
  verify_close: '验收销号',
  return: '退回',
  reopen: '回头看（重新整改）',
  set_standing: '转为长期坚持',
};

export const PARTIES = ['民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '台盟', '工商联', '无党派人士'] as const;
export const ORG_LEVELS = ['中央', '省委', '市委', '区委', '县委', '总支', '支部'] as const;
export const SUPERVISION_MODES = ['专项监督', '视察监督', '提案监督', '评议监督', '特约监督', '调研', '暗访', '观察窗口'] as const;
export const CATEGORY_SUGGESTIONS = ['扶贫政策落实', '资金使用', '脱贫效果', '群众满意度', '部门协调', '作风建设'] as const;

export const ENTITY_LABEL: Record<string, string> = {
  organization: '监督主体',
  unit: '责任单位',
  batch: '反馈批次',
  finding: '反馈问题',
  measure: '整改措施',
  progress: '整改进展',
  evidence: '佐证材料',
  settings: '设置',
  sample: '示例数据',
  user: '用户账号',
};
