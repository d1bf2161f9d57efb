import { z } from 'zod';
import { channel } from './define.ts';
import { optionalText, uploadedFile, type FileOut } from './common.ts';
import { ledgerFilter } from './ledger.ts';

/**
 * The office's own Word template (issue 9) and the evidence binder (佐证材料汇编). Owned by
 * shared/core/reports/template and shared/core/reports/binder.
 *
 * A template is a .docx the office made (letterhead, fonts, fixed paragraphs) with tags such as
 * {办公室名称} and a loop {#措施}…{/措施}; the catalogue of tags is TEMPLATE_TAGS below, one list
 * for the core, the 报表 page and the help text.
 */

export type TemplateTagGroup = '文字' | '数字' | '日期' | '循环';

export interface TemplateTagDef {
  name: string;
  group: TemplateTagGroup;
  meaning: string;
  /** For a loop: the tags each of its rows knows. */
  fields?: readonly { name: string; meaning: string }[];
}

const MEASURE_FIELDS = [
  { name: '序号', meaning: '措施序号，与台账相同，如 3-2' },
  { name: '问题序号', meaning: '问题序号，如 3' },
  { name: '问题类别', meaning: '问题类别（方面）' },
  { name: '反馈问题', meaning: '反馈问题原文' },
  { name: '整改目标', meaning: '整改目标' },
  { name: '整改措施', meaning: '整改措施' },
  { name: '牵头单位', meaning: '牵头单位' },
  { name: '配合单位', meaning: '配合单位，用“、”隔开' },
  { name: '责任领导', meaning: '责任领导' },
  { name: '责任人', meaning: '责任人' },
  { name: '整改时限', meaning: '整改时限，如 2026年6月30日、立行立改、长期坚持' },
  { name: '整改状态', meaning: '已销号 / 基本完成 / 正在整改 / 未整改 / 长期坚持' },
  { name: '整改进展', meaning: '最近一次整改进展' },
  { name: '整改结果', meaning: '整改结果（申请销号时填写）' },
  { name: '销号时间', meaning: '销号日期，如 2026年6月30日' },
  { name: '反馈来源', meaning: '监督主体和文号' },
] as const;

const FINDING_FIELDS = [
  { name: '问题序号', meaning: '问题序号，如 3' },
  { name: '问题类别', meaning: '问题类别（方面）' },
  { name: '反馈问题', meaning: '反馈问题原文' },
  { name: '整改状态', meaning: '问题的整改状态' },
  { name: '措施数', meaning: '这个问题的措施条数' },
  { name: '反馈来源', meaning: '监督主体和文号' },
] as const;

const UNIT_FIELDS = [
  { name: '单位', meaning: '牵头单位名称' },
  { name: '措施数', meaning: '牵头的措施数' },
  { name: '已销号', meaning: '已销号措施数' },
  { name: '逾期', meaning: '逾期未完成措施数' },
  { name: '完成率', meaning: '已销号 ÷ 措施数' },
  { name: '按期完成率', meaning: '按期销号 ÷ 应完成措施数' },
] as const;

export const TEMPLATE_TAGS: readonly TemplateTagDef[] = [
  { name: '办公室名称', group: '文字', meaning: '本单位名称（设置页填写），用于署名' },
  { name: '标题', group: '文字', meaning: '报告标题，如“关于民盟市委脱贫攻坚民主监督反馈问题整改情况的报告”；筛选时注明筛选条件' },
  { name: '监督主体', group: '文字', meaning: '反馈意见的党派，如 民盟市委；多个用“、”隔开' },
  { name: '监督领域', group: '文字', meaning: '监督的领域，如 脱贫攻坚' },
  { name: '反馈文号', group: '文字', meaning: '反馈意见的文号' },
  { name: '摘要段落', group: '文字', meaning: '总体情况一段话：“反馈的N个问题，完成整改X个，……总体完成率NN.NN%。”' },
  { name: '筛选说明', group: '文字', meaning: '只导出部分措施时的筛选条件；全部导出时为空' },
  { name: '问题总数', group: '数字', meaning: '反馈问题数' },
  { name: '完成整改', group: '数字', meaning: '已销号的问题数' },
  { name: '基本完成', group: '数字', meaning: '基本完成、持续整改（待销号、长期坚持）的问题数' },
  { name: '未完成', group: '数字', meaning: '未完成的问题数' },
  { name: '完成率', group: '数字', meaning: '总体完成率＝完成整改问题数÷问题总数，如 98.71%' },
  { name: '措施总数', group: '数字', meaning: '整改措施条数' },
  { name: '已销号', group: '数字', meaning: '已销号的措施数' },
  { name: '待销号', group: '数字', meaning: '已申请、待验收销号的措施数' },
  { name: '整改中', group: '数字', meaning: '未启动和整改中的措施数' },
  { name: '长期坚持', group: '数字', meaning: '长期坚持的措施数' },
  { name: '措施完成率', group: '数字', meaning: '已销号措施数÷措施总数' },
  { name: '按期完成率', group: '数字', meaning: '按期销号措施数÷应完成措施数（与内置报告同一算法）' },
  { name: '逾期未完成', group: '数字', meaning: '已过整改时限仍未完成的措施数' },
  { name: '反馈日期', group: '日期', meaning: '收到反馈意见的日期，如 2026年3月15日' },
  { name: '成文日期', group: '日期', meaning: '生成报告的日期，如 2026年11月25日' },
  { name: '措施', group: '循环', meaning: '整改措施表：把 {#措施} 和 {/措施} 放在表格同一行的首尾单元格，每条措施一行', fields: MEASURE_FIELDS },
  { name: '问题', group: '循环', meaning: '反馈问题清单，每个问题一行（或一段）', fields: FINDING_FIELDS },
  { name: '单位统计', group: '循环', meaning: '按牵头单位的统计表，每个单位一行', fields: UNIT_FIELDS },
];

/** Where a tag or a problem is: "正文第 3 段“关于……”", "页眉", "表格". */
export interface TemplateTagDto {
  name: string;
  /** 'field' {名}, 'loop' {#名}…{/名} over a list, 'condition' {#名}…{/名} or {^名} over a figure or text. */
  kind: 'field' | 'loop' | 'condition';
  /** The loop it is inside, or null. */
  loop: string | null;
  where: string;
  known: boolean;
  /** For an unknown tag: the nearest known name, if any is near. */
  nearest: string | null;
}

export interface TemplateProblemDto {
  message: string;
  where: string;
}

export interface TemplateCheckDto {
  fileName: string;
  /** No problems and no unknown tags: the template can be saved and used. */
  ok: boolean;
  tags: TemplateTagDto[];
  unknown: TemplateTagDto[];
  problems: TemplateProblemDto[];
}

export interface OfficeTemplateDto {
  fileName: string;
  savedAt: string;
  size: number;
  tags: string[];
}

export interface BinderPreviewDto {
  files: number;
  measures: number;
  bytes: number;
  /** Files recorded but missing or altered in the data folder: left out, named in the 材料清单's 备注. */
  missing: number;
}

export const templateReportInput = z.object({ filter: ledgerFilter.default({}), title: optionalText('标题', 100) });
export const binderInput = z.object({ filter: ledgerFilter.default({}) });

export const reportTemplateChannels = {
  /** The office's saved template, or null. */
  'template:info': channel<OfficeTemplateDto | null>()(z.object({}).strict().optional().default({})),
  /** 检查模板: the given file, or (no file) the saved one. Nothing is written. */
  'template:check': channel<TemplateCheckDto>()(z.object({ file: uploadedFile.optional() })),
  /** Keep a template as the office's own; refused (saved: false, and nothing changes) when its check finds problems. */
  'template:save': channel<{ saved: boolean; check: TemplateCheckDto; template: OfficeTemplateDto | null }>()(z.object({ file: uploadedFile })),
  'template:remove': channel<{ removed: boolean }>()(z.object({}).strict().optional().default({})),
  /** The sample template shipped with the app, to start from. */
  'template:sample': channel<FileOut>()(z.object({}).strict().optional().default({})),
  /** The report filled into the office's template (small ledgers and the CLI; the page runs it as a job). */
  'report:template': channel<FileOut>()(templateReportInput),
  /** How many 佐证材料 a binder would hold, before it is built. */
  'binder:preview': channel<BinderPreviewDto>()(binderInput),
};
