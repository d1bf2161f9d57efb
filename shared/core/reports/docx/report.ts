import { AlignmentType, ImageRun, Paragraph, type ISectionOptions } from 'docx';
import { chineseDate, type IsoDate } from '../../../domain/dates.ts';
import { AppError } from '../../../errors.ts';
import type { ReportRow } from '../model.ts';
import { GbDocument, attachmentNote, bodyKept, caption, gbSection, h1, signature, title } from './blocks.ts';
import { ledgerAnnex, ledgerAnnexName, unitAnnex } from './report/annex.ts';
import { addresseeLine, effectPart, nextPart, opening, workPart, type SavedWording } from './report/body.ts';
import { reportFacts } from './report/facts.ts';
import { implementationPart } from './report/items.ts';
import { EMPTY_CONTEXT, type ReportContext } from './report/load.ts';

export interface ReportInput {
  /** e.g. 关于民革市委脱贫攻坚民主监督反馈问题整改情况的报告 */
  title: string;
  /** 发文机关署名; a report is never written without it. */
  officeName: string;
  /** 主送机关, e.g. 中共青山县委 */
  addressee: string;
  asOf: IsoDate;
  rows: readonly ReportRow[];
  /** The summary of part 二: by 问题类别 (方面) or by 监督主体. */
  sectionBy: 'category' | 'party';
  /** What the database adds (notices, progress counts, the filter in words); none for hand-made rows. */
  context?: ReportContext;
  /** The office's own wording of the editable paragraphs. */
  wording?: SavedWording;
  /** Findings the office marked as key: always told one by one in part 二. */
  keyFindingIds?: readonly number[];
  /** The status and per-unit charts as PNG pictures (width/height in pixels), when the clerk asked for them. */
  charts?: { status: ChartPicture; units: ChartPicture } | null;
  /** Told as each part is begun (a job shows it): 排版正文, 排版附件清单, 打包文件. */
  onStage?: (stage: ReportStage) => void;
}

export interface ChartPicture {
  png: Uint8Array;
  width: number;
  height: number;
}

export const REPORT_STAGES = ['排版正文', '排版附件清单', '打包文件'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

export const NO_OFFICE_MESSAGE = '报告需要署名：请先在“设置”中填写本单位名称（如：中共青山县委统战部）';
export const NO_ADDRESSEE_MESSAGE = '请填写报告的主送机关（如：中共青山县委）';

/**
 * The 整改情况报告 as an upward report (上行文): title, 主送机关, opening, 一 to 四, 特此报告,
 * 附件说明, 署名 and 成文日期 kept with the last lines; then the landscape annexes — the full
 * 整改台账 and the per-unit figures.
 */
export async function writeRectificationReport(input: ReportInput): Promise<Buffer> {
  const officeName = input.officeName.trim();
  if (!officeName) throw new AppError('invalid_input', NO_OFFICE_MESSAGE);
  if (!input.addressee.trim()) throw new AppError('invalid_input', NO_ADDRESSEE_MESSAGE);
  const doc = new GbDocument();
  const facts = reportFacts(input.rows, officeName, input.asOf, input.context ?? EMPTY_CONTEXT);
  input.onStage?.('排版正文');

  const annexNames = [ledgerAnnexName(input.title), '各责任单位整改情况统计表'];
  const keys = new Set(input.keyFindingIds ?? []);
  const main: Paragraph[] = [
    ...title(input.title),
    addresseeLine(input.addressee),
    ...opening(facts),
    ...workPart(facts, input.wording),
    h1('二、整改落实情况'),
    ...implementationPart(input.rows, facts, input.sectionBy, keys),
    ...effectPart(facts, input.wording, chartParagraphs(input.charts)),
    ...nextPart(input.rows, facts, input.wording),
  ];
  // 特此报告 stays on the page of the 附件说明 and the signature (nextPart keeps its last paragraph with it).
  main.push(bodyKept('特此报告。'), ...attachmentNote(annexNames), ...signature(officeName, chineseDate(input.asOf)));

  input.onStage?.('排版附件清单');
  const annex = [...ledgerAnnex(doc, input.rows, annexNames[0]), ...unitAnnex(doc, input.rows, annexNames[1])];
  input.onStage?.('打包文件');
  const sections: ISectionOptions[] = [gbSection(main, 'portrait', { charGrid: true }), gbSection(annex, 'landscape')];
  return doc.pack(sections, { title: input.title, creator: officeName });
}

const CHART_WIDTH = 560;

function chartParagraphs(charts: ReportInput['charts']): Paragraph[] {
  if (!charts) return [];
  const picture = (c: ChartPicture, label: string) => [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [new ImageRun({ type: 'png', data: c.png, transformation: { width: CHART_WIDTH, height: Math.round((CHART_WIDTH * c.height) / c.width) } })],
    }),
    caption(label),
  ];
  return [...picture(charts.status, '图1  整改措施状态分布'), ...picture(charts.units, '图2  各责任单位整改措施完成情况')];
}
