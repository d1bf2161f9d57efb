import { chineseDate, type IsoDate } from '../../../domain/dates.ts';
import { findingNumber, measureNumber } from '../../../domain/numbering.ts';
import { REPORT_STATUS_WORD } from '../../../domain/vocabulary.ts';
import { deadlineWords } from '../columns.ts';
import { titleLines } from '../docx/blocks.ts';
import type { ReportRow } from '../model.ts';
import { byUnit, findingStatusesOf, percent, summarizeFindings, summarySentence } from '../stats.ts';

/**
 * What a template's tags are filled with, by the names in TEMPLATE_TAGS. The figures come from
 * the same functions as the built-in report (stats.ts); dates are in Chinese form; counts stay
 * numbers, so a section {#逾期未完成}…{/逾期未完成} disappears when there is nothing overdue.
 */
export interface TemplateFacts {
  rows: readonly ReportRow[];
  officeName: string;
  asOf: IsoDate;
  title: string;
  /** "筛选：…" when the report covers part of the ledger, else ''. */
  filterNote: string;
}

type Value = string | number | Value[] | { [name: string]: Value };

const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];

export function templateData({ rows, officeName, asOf, title, filterNote }: TemplateFacts): Record<string, Value> {
  const findings = summarizeFindings(findingStatusesOf(rows));
  const { groups, total } = byUnit(rows);
  const measuresOf = new Map<number, Record<string, Value>[]>();
  const measureRows = rows.map((r) => {
    const row = measureRow(r);
    const list = measuresOf.get(r.findingId);
    if (list) list.push(row);
    else measuresOf.set(r.findingId, [row]);
    return row;
  });
  const findingRows: Record<string, Value>[] = [];
  const seen = new Set<number>();
  for (const r of rows) {
    if (seen.has(r.findingId)) continue;
    seen.add(r.findingId);
    const own = measuresOf.get(r.findingId) ?? [];
    findingRows.push({
      问题序号: findingNumber(r.findingSeq),
      问题类别: r.category ?? '',
      反馈问题: r.findingText,
      整改状态: REPORT_STATUS_WORD[r.findingStatus],
      措施数: own.length,
      反馈来源: r.batchLabel,
      措施: own,
    });
  }

  const measureWords = [`共制定整改措施${total.measures}条`];
  if (total.closed) measureWords.push(`已销号${total.closed}条`);
  if (total.overdue) measureWords.push(`逾期未完成${total.overdue}条`);

  return {
    办公室名称: officeName,
    // Broken at word boundaries (never inside 整改, 情况 …) as the built-in report's title is.
    标题: titleLines(title).join('\n'),
    监督主体: unique(rows.map((r) => r.organizationName)).join('、'),
    监督领域: unique(rows.map((r) => r.batchArea)).join('、'),
    反馈文号: unique(rows.map((r) => r.batchDocNumber)).join('、'),
    摘要段落: `${summarySentence(findings)}；${measureWords.join('，')}。`,
    筛选说明: filterNote,
    问题总数: findings.total,
    完成整改: findings.completed,
    基本完成: findings.continuing,
    未完成: findings.notDone,
    完成率: percent(findings.completionRate),
    措施总数: total.measures,
    已销号: total.closed,
    待销号: total.pending,
    整改中: total.inProgress,
    长期坚持: total.standing,
    措施完成率: percent(total.completionRate),
    按期完成率: percent(total.onTimeRate),
    逾期未完成: total.overdue,
    反馈日期: unique(rows.map((r) => r.batchReceivedDate)).sort().map(chineseDate).join('、'),
    成文日期: chineseDate(asOf),
    措施: measureRows,
    问题: findingRows,
    单位统计: groups.map((g) => ({
      单位: g.label,
      措施数: g.measures,
      已销号: g.closed,
      逾期: g.overdue,
      完成率: percent(g.completionRate),
      按期完成率: percent(g.onTimeRate),
    })),
  };
}

function measureRow(r: ReportRow): Record<string, Value> {
  return {
    序号: measureNumber(r.findingSeq, r.measureSeq),
    问题序号: findingNumber(r.findingSeq),
    问题类别: r.category ?? '',
    反馈问题: r.findingText,
    整改目标: r.target ?? '',
    整改措施: r.measureText,
    牵头单位: r.leadUnitName,
    配合单位: r.coUnitNames.join('、'),
    责任领导: r.leader ?? '',
    责任人: r.person ?? '',
    整改时限: deadlineWords(r, true),
    整改状态: REPORT_STATUS_WORD[r.status],
    整改进展: r.lastProgressText ?? '',
    整改结果: r.resultText ?? '',
    销号时间: r.closedDate ? chineseDate(r.closedDate) : '',
    反馈来源: r.batchLabel,
  };
}
