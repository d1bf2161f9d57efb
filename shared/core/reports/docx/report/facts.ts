import { chineseDate, type IsoDate } from '../../../../domain/dates.ts';
import type { ReportRow } from '../../model.ts';
import { byUnit, findingStatusesOf, summarizeFindings, type FindingSummary, type MeasureStats } from '../../stats.ts';
import type { ReportContext } from './load.ts';
import type { WordingValues } from '../../../../contract/report-wording.ts';
import { selfName } from './words.ts';

/** The figures and names the report's prose is written from, each computed once. */
export interface ReportFacts {
  officeName: string;
  /** 我部 / 我办 … */
  self: string;
  asOf: IsoDate;
  /** The party named one way throughout: its full name, or "民革市委、民盟市委等3个党派组织". */
  party: string;
  /** 监督领域 the rows share ("脱贫攻坚"), or ''. */
  area: string;
  batches: { id: number; organizationName: string; docNumber: string | null; receivedDate: IsoDate }[];
  findings: FindingSummary;
  measures: MeasureStats;
  units: MeasureStats[];
  firstAssigned: IsoDate | null;
  lastDeadline: IsoDate | null;
  context: ReportContext;
}

export function reportFacts(rows: readonly ReportRow[], officeName: string, asOf: IsoDate, context: ReportContext): ReportFacts {
  const orgs = [...new Set(rows.map((r) => r.organizationName))];
  const areas = [...new Set(rows.map((r) => r.batchArea).filter(Boolean))];
  const batches = new Map<number, ReportFacts['batches'][number]>();
  for (const r of rows) if (!batches.has(r.batchId)) batches.set(r.batchId, { id: r.batchId, organizationName: r.organizationName, docNumber: r.batchDocNumber, receivedDate: r.batchReceivedDate });
  let firstAssigned: string | null = null;
  let lastDeadline: string | null = null;
  for (const r of rows) {
    if (r.assignedDate && (!firstAssigned || r.assignedDate < firstAssigned)) firstAssigned = r.assignedDate;
    if (r.deadlineKind !== 'standing' && r.deadlineDate && (!lastDeadline || r.deadlineDate > lastDeadline)) lastDeadline = r.deadlineDate;
  }
  const u = byUnit(rows);
  return {
    officeName,
    self: selfName(officeName),
    asOf,
    party: orgs.length === 1 ? orgs[0] : orgs.length <= 3 ? orgs.join('、') : `${orgs.slice(0, 3).join('、')}等${orgs.length}个党派组织`,
    area: areas.length === 1 ? areas[0] : '',
    batches: [...batches.values()].sort((a, b) => a.receivedDate.localeCompare(b.receivedDate) || a.id - b.id),
    findings: summarizeFindings(findingStatusesOf(rows)),
    measures: u.total,
    units: u.groups,
    firstAssigned,
    lastDeadline,
    context,
  };
}

/** The fields of the editable paragraphs (wording.ts). */
export function wordingValues(f: ReportFacts): WordingValues {
  const first = f.batches[0];
  return {
    我部: f.self,
    单位名称: f.officeName,
    党派: f.party,
    收到日期: first ? chineseDate(first.receivedDate) : null,
    交办日期: f.firstAssigned ? chineseDate(f.firstAssigned) : null,
    最晚时限: f.lastDeadline ? chineseDate(f.lastDeadline) : null,
    问题数: f.findings.total,
    措施数: f.measures.measures,
    单位数: f.units.length,
    销号数: f.measures.closed,
    进展条数: f.context.progressEntries,
    佐证数: f.context.evidenceFiles,
    督办数: f.context.notices.count,
    督办单位数: f.context.notices.units,
  };
}
