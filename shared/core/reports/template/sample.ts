import {
  AlignmentType, BorderStyle, Document, Footer, LineRuleType, Packer, PageNumber, PageOrientation, Paragraph, Table,
  TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType, type IRunOptions,
} from 'docx';
import { FONTS, SIZE, fontTableXml } from '../docx/fonts.ts';

/**
 * The sample template shipped with the app (resources/templates/整改情况报告-示例模板.docx, written
 * by scripts/make-sample-template.mts from this function, and offered on the 报表 page): a red
 * 版头 "中共××县委统战部", fixed paragraphs an office rewrites in its own words, the figures as tags,
 * the per-unit table and the 附件 list of measures as table-row loops.
 */

const mm = (v: number) => Math.round((v * 1440) / 25.4);
const RED = 'E60012';
const EXACT = { line: 579, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;
const INDENT = { firstLine: 2 * SIZE.san * 10 } as const;

const run = (text: string, o: Omit<IRunOptions, 'text'> = {}) => new TextRun({ font: FONTS.body, size: SIZE.san, ...o, text });
const body = (text: string, o: { keepNext?: boolean } = {}) =>
  new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: EXACT, indent: INDENT, keepNext: o.keepNext, children: [run(text)] });
const h1 = (text: string) => new Paragraph({ spacing: EXACT, indent: INDENT, keepNext: true, children: [run(text, { font: FONTS.hei })] });
const flush = (text: string, o: { keepNext?: boolean } = {}) => new Paragraph({ spacing: EXACT, keepNext: o.keepNext, children: [run(text)] });
const right = (text: string) => new Paragraph({ alignment: AlignmentType.RIGHT, spacing: EXACT, indent: { right: 4 * SIZE.san * 10 }, keepNext: true, children: [run(text)] });

const cell = (text: string, width: number, head = false) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        alignment: head ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text, font: head ? FONTS.hei : FONTS.body, size: SIZE.wu })],
      }),
    ],
  });

/** A table whose first row is the header (repeated on each page) and whose second row is the loop. */
function loopTable(columns: { head: string; tag: string; width: number }[], loop: string): Table {
  const cells = columns.map((c, i) => cell(`${i === 0 ? `{#${loop}}` : ''}${c.tag}${i === columns.length - 1 ? `{/${loop}}` : ''}`, c.width));
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: columns.reduce((n, c) => n + c.width, 0), type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c) => cell(c.head, c.width, true)) }),
      new TableRow({ cantSplit: true, children: cells }),
    ],
  });
}

function pageNumberFooter(): Footer {
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ font: FONTS.song, size: SIZE.si, children: ['— ', PageNumber.CURRENT, ' —'] })] })],
  });
}

export async function sampleTemplate(): Promise<Buffer> {
  const portraitMargins = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(25) };
  const doc = new Document({
    title: '整改情况报告（示例模板）',
    creator: '整改台账',
    styles: { default: { document: { run: { font: FONTS.body, size: SIZE.san } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: portraitMargins } },
        footers: { default: pageNumberFooter() },
        children: [
          // 版头: the office's name in red 小标宋 over a red rule.
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: '中共××县委统战部', font: FONTS.title, size: 72, color: RED })] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 360 },
            border: { bottom: { style: BorderStyle.THICK, size: 18, color: RED, space: 6 } },
            children: [run('×统〔2026〕×号')],
          }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 720, lineRule: LineRuleType.EXACT }, children: [new TextRun({ text: '{标题}', font: FONTS.title, size: SIZE.er })] }),
          flush(''),
          flush('中共××县委：'),
          body('{反馈日期}，{监督主体}围绕{监督领域}开展民主监督，反馈了意见建议（{反馈文号}）。我部高度重视，主动认领全部问题，逐项制定整改措施，实行清单制、责任制、时间表管理。现将整改情况报告如下。'),
          h1('一、总体情况'),
          body('{摘要段落}'),
          body('截至{成文日期}，{措施总数}条整改措施中已销号{已销号}条，措施完成率{措施完成率}，按期完成率{按期完成率}。{#逾期未完成}尚有{逾期未完成}条措施逾期未完成，我部已逐项督办。{/逾期未完成}'),
          h1('二、整改工作开展情况'),
          body('一是加强组织领导。部务会专题研究反馈意见，成立整改工作领导小组，主要负责同志亲自部署、亲自督办。二是压实整改责任。逐项明确牵头单位、配合单位、责任领导和整改时限，建立问题、任务、责任“三张清单”。三是强化督办问效。实行清单式管理、滚动式销号，定期通报整改进度，对逾期未完成事项发出督办通知。'),
          h1('三、各单位整改情况'),
          body('各牵头单位整改情况如下表：'),
          loopTable(
            [
              { head: '牵头单位', tag: '{单位}', width: 2600 },
              { head: '措施数', tag: '{措施数}', width: 1200 },
              { head: '已销号', tag: '{已销号}', width: 1200 },
              { head: '逾期', tag: '{逾期}', width: 1000 },
              { head: '完成率', tag: '{完成率}', width: 1400 },
              { head: '按期完成率', tag: '{按期完成率}', width: 1445 },
            ],
            '单位统计',
          ),
          h1('四、下一步工作打算'),
          body('我部将持续跟踪未完成事项，对长期坚持类措施定期回访，巩固整改成果，建立健全长效机制，确保反馈问题条条有回音、件件有着落。'),
          // 特此报告, 附件说明, 署名 and 成文日期 stay on one page.
          body('特此报告。', { keepNext: true }),
          flush('', { keepNext: true }),
          flush('附件：整改措施清单', { keepNext: true }),
          flush('', { keepNext: true }),
          right('{办公室名称}'),
          right('{成文日期}'),
        ],
      },
      {
        properties: { page: { size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE }, margin: { top: mm(28), bottom: mm(26), left: mm(37), right: mm(35), header: mm(15), footer: mm(18) } } },
        footers: { default: pageNumberFooter() },
        children: [
          new Paragraph({ children: [new TextRun({ text: '附件', font: FONTS.hei, size: SIZE.san })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: '整改措施清单', font: FONTS.title, size: SIZE.er })] }),
          loopTable(
            [
              { head: '序号', tag: '{序号}', width: 800 },
              { head: '反馈问题', tag: '{反馈问题}', width: 3300 },
              { head: '整改措施', tag: '{整改措施}', width: 3800 },
              { head: '牵头单位', tag: '{牵头单位}', width: 1800 },
              { head: '整改时限', tag: '{整改时限}', width: 2000 },
              { head: '整改状态', tag: '{整改状态}', width: 1056 },
            ],
            '措施',
          ),
          new Paragraph({ children: [] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
