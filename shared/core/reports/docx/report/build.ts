import type { LedgerFilter } from '../../../../contract/ledger.ts';
import type { ReportWording } from '../../../../contract/report-wording.ts';
import type { IsoDate } from '../../../../domain/dates.ts';
import { MEASURE_STATUS_LABEL, MEASURE_STATUSES } from '../../../../domain/vocabulary.ts';
import { AppError } from '../../../../errors.ts';
import type { ReportRow } from '../../model.ts';
import { defaultAddressee, saveReportOptions } from '../../options.ts';
import type { ReportReader } from '../../reader.ts';
import { byUnit } from '../../stats.ts';
import type { Db } from '../../../db/open.ts';
import { getSettings } from '../../../ledger/settings.ts';
import { NO_ADDRESSEE_MESSAGE, NO_OFFICE_MESSAGE, writeRectificationReport, type ChartPicture, type ReportStage } from '../report.ts';
import { loadReportContext } from './load.ts';

/** What the 整改情况报告 needs beyond the filter: read (and remembered) on the core's connection. */
export interface WordReportPlan {
  officeName: string;
  addressee: string;
  wording: ReportWording;
  charts: boolean;
  keyFindingIds: number[];
}

/**
 * The clerk's choices for this report, remembered for the next one; refused at once (before a job
 * starts) when the report could not be signed or addressed.
 */
export async function planWordReport(
  db: Db,
  input: { sectionBy?: 'category' | 'party'; addressee?: string; wording?: ReportWording; charts?: boolean; keyFindingIds?: number[] },
): Promise<WordReportPlan & { sectionBy: 'category' | 'party' }> {
  const settings = await getSettings(db);
  const officeName = settings.officeName.trim();
  if (!officeName) throw new AppError('invalid_input', NO_OFFICE_MESSAGE);
  const options = await saveReportOptions(db, {
    sectionBy: input.sectionBy, addressee: input.addressee, wording: input.wording, charts: input.charts, keyFindingIds: input.keyFindingIds,
  });
  const addressee = options.addressee || defaultAddressee(officeName);
  if (!addressee) throw new AppError('invalid_input', NO_ADDRESSEE_MESSAGE);
  return { officeName, addressee, wording: options.wording, charts: options.charts, keyFindingIds: options.keyFindingIds, sectionBy: options.sectionBy };
}

/** The report's title: the scope the rows share, and the filter when there is one. */
export function wordReportTitle(rows: readonly ReportRow[], scopePhrase: string | null): string {
  const orgs = new Set(rows.map((r) => r.organizationName));
  const areas = new Set(rows.map((r) => r.batchArea));
  const scope = `${orgs.size === 1 ? [...orgs][0] : ''}${areas.size === 1 ? [...areas][0] : ''}`;
  return scopePhrase ? `关于${scope}民主监督反馈问题中${scopePhrase}整改情况的报告` : `关于${scope}民主监督反馈问题整改情况的报告`;
}

export async function buildWordReport(
  reader: ReportReader,
  args: { rows: ReportRow[]; filter: LedgerFilter; title: string | null; sectionBy: 'category' | 'party'; plan: WordReportPlan; asOf: IsoDate; onStage: (s: ReportStage) => void },
): Promise<Buffer> {
  const context = await loadReportContext(reader, args.rows, args.filter);
  const charts = args.plan.charts ? await reportCharts(args.rows) : null;
  return writeRectificationReport({
    title: args.title ?? wordReportTitle(args.rows, context.scopePhrase),
    officeName: args.plan.officeName,
    addressee: args.plan.addressee,
    asOf: args.asOf,
    rows: args.rows,
    sectionBy: args.sectionBy,
    context,
    wording: args.plan.wording,
    keyFindingIds: args.plan.keyFindingIds,
    charts,
    onStage: args.onStage,
  });
}

const CHART = { width: 640, height: 360 };
const TOP_UNITS = 12;

/** The dashboard's two charts, drawn by the core: measures by status, and the units with the most measures. */
async function reportCharts(rows: readonly ReportRow[]): Promise<{ status: ChartPicture; units: ChartPicture }> {
  // Loaded only when a report asks for charts: ECharts and the rasteriser are large.
  const { renderChart } = await import('../../../charts/index.ts');
  const byStatus = MEASURE_STATUSES.map((s) => ({ s, n: rows.filter((r) => r.status === s).length })).filter((x) => x.n > 0);
  const status = await renderChart(
    { kind: 'pie', title: '整改措施状态', categories: byStatus.map((x) => MEASURE_STATUS_LABEL[x.s]), series: [{ name: '措施数', values: byStatus.map((x) => x.n) }] },
    { ...CHART, format: 'png' },
  );
  const units = byUnit(rows).groups.sort((a, b) => b.measures - a.measures).slice(0, TOP_UNITS);
  const unitChart = await renderChart(
    {
      kind: 'bar',
      horizontal: true,
      title: units.length === TOP_UNITS ? `措施最多的${TOP_UNITS}个责任单位` : '各责任单位整改措施',
      categories: units.map((u) => u.label),
      series: [
        { name: '已销号', values: units.map((u) => u.closed) },
        { name: '未销号', values: units.map((u) => u.measures - u.closed) },
      ],
    },
    { ...CHART, format: 'png' },
  );
  return { status: { png: status, ...CHART }, units: { png: unitChart, ...CHART } };
}
