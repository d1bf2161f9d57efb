import { sql, type Expression, type SqlBool } from 'kysely';
import type { DashboardData, GroupFigures, UnitFigures } from '../../contract/dashboard.ts';
import type { SignalThresholds } from '../../domain/signal.ts';
import { MEASURE_STATUSES, type MeasureStatus } from '../../domain/vocabulary.ts';
import type { Db } from '../db/open.ts';
import { batchLabel } from '../ledger/batches.ts';
import { deadlineKey, isRed, isYellow, NO_DEADLINE, signalDates, type SignalDates } from '../ledger/signal-sql.ts';

/**
 * The figures of 分析 and of `stats --json`: one function for both, every number from GROUP BY
 * queries that walk covering indexes (migration 0010), never loading rows. Each group's counts
 * equal the ledger filtered the way its click-through link filters it
 * (tests/integration/dashboard.test.ts holds them together).
 */

type SignalEb = Parameters<typeof isRed>[0];
const one = (cond: Expression<SqlBool>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;

function emptyFigures(): GroupFigures {
  return { measures: 0, closed: 0, overdue: 0, open: 0 };
}

function addCell(g: GroupFigures, status: MeasureStatus, n: number, red: number): void {
  g.measures += n;
  if (status === 'closed') g.closed += n;
  else g.open += n;
  g.overdue += red;
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * Status × lead unit with red and yellow counts: one walk over measures_unit_signal, which holds
 * every column the signal reads.
 */
export function unitCellsQuery(db: Db, d: SignalDates) {
  return db
    .selectFrom('measures as m')
    .select((eb) => ['m.status', 'm.lead_unit_id as unitId', eb.fn.countAll<number>().as('n'), one(isRed(eb, d)).as('red'), one(isYellow(eb, d)).as('yellow')])
    .groupBy(['m.lead_unit_id', 'm.status']);
}

/**
 * Batch × category × status, with lateness and closure on time: findings_batch_category joined
 * to measures_finding_status, both covering.
 */
export function findingCellsQuery(db: Db, d: SignalDates) {
  return db
    .selectFrom('findings as f')
    .innerJoin('measures as m', 'm.finding_id', 'f.id')
    .select((eb) => {
      const e = eb as unknown as SignalEb;
      const closedDated = e.and([e('m.status', '=', 'closed'), e(deadlineKey, '<>', NO_DEADLINE), e('m.closed_date', 'is not', null)]);
      return [
        'f.batch_id as batchId',
        'f.category',
        'm.status',
        eb.fn.countAll<number>().as('n'),
        one(isRed(e, d)).as('red'),
        // 按期完成率's base, as stats.ts defines it: closed with both dates, or open and past the deadline.
        one(e.or([closedDated, isRed(e, d)])).as('counted'),
        one(e.and([closedDated, e('m.closed_date', '<=', deadlineKey)])).as('onTime'),
      ];
    })
    .groupBy(['f.batch_id', 'f.category', 'm.status']);
}

/** By status, by signal and by lead unit (sorted by name): what `stats:get` and 分析 share. */
export async function unitFigures(db: Db, d: SignalDates) {
  const [uc, fn, unitRows] = await Promise.all([
    unitCellsQuery(db, d).execute(),
    db.selectFrom('findings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('units').select(['id', 'name']).execute(),
  ]);
  const byStatus = Object.fromEntries(MEASURE_STATUSES.map((s) => [s, 0])) as Record<MeasureStatus, number>;
  const unitFig = new Map<number, GroupFigures & { yellow: number }>();
  let red = 0;
  let yellow = 0;
  for (const r of uc) {
    let g = unitFig.get(r.unitId);
    if (!g) unitFig.set(r.unitId, (g = { ...emptyFigures(), yellow: 0 }));
    byStatus[r.status] += Number(r.n);
    addCell(g, r.status, Number(r.n), Number(r.red ?? 0));
    g.yellow += Number(r.yellow ?? 0);
    red += Number(r.red ?? 0);
    yellow += Number(r.yellow ?? 0);
  }
  const collator = new Intl.Collator('zh-CN');
  const byUnit: UnitFigures[] = unitRows
    .filter((u) => unitFig.has(u.id))
    .map((u) => {
      const g = unitFig.get(u.id)!;
      return { unitId: u.id, unit: u.name, ...g, completionRate: rate(g.closed, g.measures) };
    })
    .sort((a, b) => collator.compare(a.unit, b.unit));
  const measures = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { findings: Number(fn.n), measures, byStatus, bySignal: { red, yellow, green: measures - red - yellow }, byUnit };
}

export async function dashboardFigures(db: Db, today: string, t: SignalThresholds, o: { rankUnits: boolean }): Promise<DashboardData> {
  const d = signalDates(today, t);
  const findingCells = findingCellsQuery(db, d).execute();
  const batches = db
    .selectFrom('batches as b')
    .innerJoin('organizations as o', 'o.id', 'b.organization_id')
    .select(['b.id', 'b.doc_number', 'b.topic', 'b.received_date', 'o.id as orgId', 'o.name as orgName', 'o.party'])
    .execute();

  const [units, fc, batchRows] = await Promise.all([unitFigures(db, d), findingCells, batches]);

  const batchFig = new Map<number, GroupFigures>();
  const categoryFig = new Map<string | null, GroupFigures>();
  let counted = 0;
  let onTime = 0;
  for (const r of fc) {
    const n = Number(r.n);
    const late = Number(r.red ?? 0);
    const b = batchFig.get(r.batchId) ?? emptyFigures();
    addCell(b, r.status, n, late);
    batchFig.set(r.batchId, b);
    const key = r.category || null;
    const k = categoryFig.get(key) ?? emptyFigures();
    addCell(k, r.status, n, late);
    categoryFig.set(key, k);
    counted += Number(r.counted ?? 0);
    onTime += Number(r.onTime ?? 0);
  }

  const collator = new Intl.Collator('zh-CN');
  let byUnit = units.byUnit;
  if (o.rankUnits) {
    byUnit = [...byUnit].sort((a, b) => (b.completionRate ?? 0) - (a.completionRate ?? 0) || a.overdue - b.overdue || collator.compare(a.unit, b.unit));
  }

  const orgFig = new Map<number, DashboardData['byOrganization'][number]>();
  const byBatch: DashboardData['byBatch'] = [];
  for (const b of [...batchRows].sort((x, y) => y.received_date.localeCompare(x.received_date) || y.id - x.id)) {
    const g = batchFig.get(b.id);
    if (!g) continue;
    byBatch.push({ batchId: b.id, batch: batchLabel({ organizationName: b.orgName, docNumber: b.doc_number, topic: b.topic }), ...g });
    const o = orgFig.get(b.orgId) ?? { organizationId: b.orgId, organization: b.orgName, party: b.party, ...emptyFigures() };
    for (const k of ['measures', 'closed', 'overdue', 'open'] as const) o[k] += g[k];
    orgFig.set(b.orgId, o);
  }
  const byOrganization = [...orgFig.values()].sort((a, b) => collator.compare(a.organization, b.organization));
  const byCategory = [...categoryFig.entries()]
    .map(([category, g]) => ({ category, ...g }))
    .sort((a, b) => (a.category === null ? 1 : b.category === null ? -1 : collator.compare(a.category, b.category)));

  const { findings, measures, byStatus, bySignal } = units;
  return {
    today,
    findings,
    measures,
    byStatus,
    bySignal,
    completion: { closed: byStatus.closed, measures, rate: rate(byStatus.closed, measures) },
    onTime: { onTime, late: counted - onTime, counted, rate: rate(onTime, counted) },
    byUnit,
    ranked: o.rankUnits,
    byOrganization,
    byBatch,
    byCategory,
  };
}
