import type { LedgerFilter } from '../../../contract/ledger.ts';
import type { SignalThresholds } from '../../../domain/signal.ts';
import { AppError } from '../../../errors.ts';
import { describeFilter, reportTitle } from '../files.ts';
import type { ReportReader } from '../reader.ts';
import { loadReportRows } from '../rows.ts';
import { describeTags } from './check.ts';
import { templateData } from './data.ts';
import { openTemplate, TemplateSyntaxErrors } from './open.ts';

/**
 * The report in the office's own template: its letterhead, fonts, fixed paragraphs, headers and
 * footers stay as they are; only the tags are replaced. A template that fails its check produces
 * nothing, with the first problems named.
 */
export interface TemplateReportInput {
  template: { fileName: string; bytes: Uint8Array };
  filter: LedgerFilter;
  title: string | null;
  officeName: string;
  thresholds: SignalThresholds;
}

export async function writeTemplateReport(reader: ReportReader, input: TemplateReportInput, onStage: (stage: string) => void = () => {}): Promise<{ fileName: string; bytes: Buffer }> {
  const { fileName } = input.template;
  let opened;
  try {
    opened = openTemplate(input.template.bytes, fileName);
  } catch (err) {
    if (err instanceof TemplateSyntaxErrors) throw refused(err.errors.length, '模板的标签有错误');
    throw err;
  }
  const check = describeTags(fileName, opened);
  if (!check.ok) {
    const first = check.problems[0];
    const unknown = check.unknown.map((t) => `{${t.name}}${t.nearest ? `（是否应为 {${t.nearest}}）` : ''}`);
    throw new AppError(
      'invalid_input',
      first
        ? `模板“${fileName}”有问题，没有生成报告：${first.where}：${first.message}请修改模板后重新选择，或点“检查模板”查看全部问题。`
        : `模板“${fileName}”中有本程序不认识的标签 ${unknown.slice(0, 5).join('、')}${unknown.length > 5 ? ` 等 ${unknown.length} 个` : ''}，没有生成报告。请改为“可用标签”中的名称后重新选择模板。`,
    );
  }
  if (!input.officeName && check.tags.some((t) => t.name === '办公室名称')) {
    throw new AppError('invalid_input', '模板需要署名（{办公室名称}），但还没有填写本单位名称。请先到“设置”页填写单位名称。');
  }

  onStage('读取台账数据');
  const rows = await loadReportRows(reader, input.filter, input.thresholds);
  if (rows.length === 0) throw new AppError('invalid_input', '没有符合条件的整改措施，无法生成报告。请调整筛选条件');
  const filterNote = await describeFilter(reader, input.filter);
  const title = input.title ?? (filterNote ? `${reportTitle(rows)}（${filterNote.replace(/^筛选：/, '')}）` : reportTitle(rows));

  onStage('填写模板');
  opened.doc.render(templateData({ rows, officeName: input.officeName, asOf: reader.today(), title, filterNote }));
  const bytes = opened.doc.toBuffer({ compression: 'DEFLATE' });
  return { fileName: `整改情况报告_${reader.today()}.docx`, bytes };
}

function refused(count: number, what: string): AppError {
  return new AppError('invalid_input', `${what}（${count} 处），没有生成报告。请点“检查模板”查看每处问题所在的段落，在 Word 中修改后重新选择。`);
}
