import type { ColumnRole, LedgerField } from './types.ts';
import { statusFromWords } from './values/status-words.ts';
import { headerText, normalizeHeader } from './columns/header-text.ts';
import { readHeaderWords } from './columns/header-rules.ts';

/**
 * Examples of the header words each ledger field is known by, shown to the office beside its own
 * words (settings 'import.synonyms'). Reading a header goes by keyword stems (columns/header-rules.ts),
 * so a header need not be in this list; the office's own words outrank the stems.
 */
export const DEFAULT_SYNONYMS: Record<LedgerField, string[]> = {
  seq: ['序号', '编号', '问题序号', '问题编号', '序', 'No', 'NO', '序列号'],
  source: ['反馈来源', '来源', '问题来源', '反馈单位', '监督主体', '党派', '反馈党派', '反馈批次', '批次'],
  category: ['问题类别', '问题类型', '类别', '类型', '方面', '问题领域', '监督领域', '所属领域', '问题分类'],
  finding: [
    '反馈问题', '问题', '存在问题', '问题清单', '问题表现', '审计发现问题', '问题描述', '主要问题', '具体问题',
    '发现问题', '反馈意见', '问题内容', '反馈问题内容', '存在的问题', '问题及表现', '民主监督反馈问题',
  ],
  suggestion: ['意见建议', '整改建议', '建议', '监督建议', '对策建议'],
  target: ['整改目标', '目标', '整改要求', '目标要求'],
  measure: ['整改措施', '措施', '具体措施', '整改举措', '工作措施', '整改任务', '整改措施清单', '具体整改措施', '整改方案'],
  leadUnit: ['牵头单位', '牵头部门', '主办单位', '主责单位', '牵头责任单位', '主要责任单位'],
  units: ['责任单位', '整改责任单位', '责任股室', '责任部门', '承办单位', '整改单位', '落实单位', '责任主体', '责任科室'],
  coUnit: ['配合单位', '协办单位', '配合部门', '参与单位', '协同单位', '协助单位'],
  leader: ['责任领导', '分管领导', '牵头领导', '责任县领导', '包抓领导', '领导'],
  person: ['责任人', '具体责任人', '经办人', '联系人', '整改责任人'],
  deadline: ['整改时限', '完成时限', '整改期限', '完成期限', '办结时限', '办结期限', '截止时间', '完成时间', '整改时间', '时限', '时限要求', '计划完成时间', '整改完成时限'],
  progress: ['整改进展情况', '整改进展', '进展情况', '进展', '整改情况', '落实情况', '完成情况', '推进情况', '整改落实情况', '本期进展'],
  status: ['整改状态', '状态', '完成状态', '是否完成', '整改结果', '办结情况', '进度'],
  evidence: ['佐证材料', '佐证', '证明材料', '附件', '佐证资料'],
  closedDate: ['销号时间', '销号日期', '办结时间', '完成日期', '实际完成时间'],
  note: ['备注', '说明', '其他'],
};

export { normalizeHeader } from './columns/header-text.ts';

/** The office's own header words (settings), normalised: word → field. Unknown fields are dropped. */
export function ownWords(extra: Partial<Record<LedgerField, string[]>> | undefined): Map<string, LedgerField> {
  const own = new Map<string, LedgerField>();
  for (const [field, words] of Object.entries(extra ?? {}) as [LedgerField, string[]][]) {
    if (!Object.prototype.hasOwnProperty.call(DEFAULT_SYNONYMS, field) || !Array.isArray(words)) continue;
    for (const w of words) if (typeof w === 'string' && normalizeHeader(w)) own.set(normalizeHeader(w), field);
  }
  return own;
}

/** What one header, alone, is read as (the preview also weighs the values under it). */
export function headerRole(header: string, own: Map<string, LedgerField> = new Map()): ColumnRole | null {
  const { key, remarks } = headerText(header);
  if (key.length <= 6 && !/状态|情况|是否|与否|进度|结果|时间|日期|时限/.test(key)) {
    const status = statusFromWords(key);
    if (status) return `status:${status}`;
  }
  return readHeaderWords(key, remarks, own)?.role ?? null;
}
