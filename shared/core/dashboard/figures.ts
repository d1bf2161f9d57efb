import { sql, type Expression, type SqlBool } from 'kysely';
import type { DashboardData, GroupFigures, UnitFigures } from '../../contract/dashboard.ts';
import type { SignalThresholds } from '../../domain/signal.ts';
import { MEASURE_STATUSES, type MeasureStatus } from '../../domain/vocabulary.ts';
import type { Db } from '../db/open.ts';
import { batchLabel } from '../ledger/batches.ts';
import { isRed, isYellow, signalDates, type SignalDates } from '../ledger/signal-sql.ts';
import { dialectOf } from '../db/dialect.ts';
import { batchTally } from './tally.ts';

/**
 * The figures of 分析 and of `stats --json`: one function for both, every number from GROUP BY
 * queries that walk covering indexes (migration 0010), never loading rows. Each group's counts
 * equal the ledger filtered the way its click-through link filters it
 * (tests/integration/dashboard.test.ts holds them together).
 */

const one = (cond: Expression<SqlBool>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;

function emptyFigures(): GroupFigures {
  return { measures: 0, closed: 0, overdue: 0, open: 0 };
}

function addCell(g: GroupFigures, status: MeasureStatus, n: number): void {
  g.measures += n;
  if (status === 'closed') g.closed += n;
  else g.open += n;
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Status × lead unit: one walk over measures_lead_unit, in its order (no sort). */
export function unitStatusQuery(db: Db) {
  return db
    .selectFrom('measures as m')
    .select((eb) => ['m.status', 'm.lead_unit_id as unitId', eb.fn.countAll<number>().as('n')])
    .groupBy(['m.lead_unit_id', 'm.status']);
}

const SIGNALLED = ['not_started', 'in_progress', 'standing'] as const;

/**
 * Red and yellow by lead unit. Only a measure open or 长期坚持 by status can be either, so only
 * those three status ranges of measures_unit_signal (which holds every column the signal reads)
 * are walked.
 */
export function unitSignalQuery(db: Db, d: SignalDates) {
  return db
    .selectFrom('measures as m')
    .where('m.status', 'in', SIGNALLED)
    .select((eb) => ['m.lead_unit_id as unitId', one(isRed(eb, d)).as('red'), one(isYellow(eb, d)).as('yellow')])
    .groupBy('m.lead_unit_id');
}

/** By status, by signal and by lead unit (sorted by name): what `stats:get` and 分析 share. */
export async function unitFigures(db: Db, d: SignalDates) {
  const [uc, us, fn, unitRows] = await Promise.all([
    unitStatusQuery(db).execute(),
    unitSignalQuery(db, d).execute(),
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
    addCell(g, r.status, Number(r.n));
  }
  for (const r of us) {
    let g = unitFig.get(r.unitId);
    if (!g) unitFig.set(r.unitId, (g = { ...emptyFigures(), yellow: 0 }));
    g.overdue += Number(r.red ?? 0);
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

/**
 * Everything 分析 shows. By unit, status and signal are counted afresh (cheap index walks); by
 * batch and category they come from the kept tally, brought up to date with the writes since
 * and with the day (tally.ts) — so a write costs a recount of the batches it touched, not of the
 * ledger.
 */
export async function dashboardFigures(db: Db, today: string, t: SignalThresholds, o: { rankUnits: boolean }): Promise<DashboardData> {
  const d = signalDates(today, t, dialectOf(db));
  const batches = db
    .selectFrom('batches as b')
    .innerJoin('organizations as o', 'o.id', 'b.organization_id')
    .select(['b.id', 'b.doc_number', 'b.topic', 'b.received_date', 'o.id as orgId', 'o.name as orgName', 'o.party'])
    .execute();
  const [units, batchRows] = await Promise.all([unitFigures(db, d), batches]);
  const tally = await batchTally(db, d, { measures: units.measures, closed: units.byStatus.closed, red: units.bySignal.red });

  const batchFig = new Map<number, GroupFigures>();
  const categoryFig = new Map<string | null, GroupFigures>();
  const figOf = <K,>(m: Map<K, GroupFigures>, key: K) => {
    let g = m.get(key);
    if (!g) m.set(key, (g = emptyFigures()));
    return g;
  };
  let counted = 0;
  let onTime = 0;
  for (const [batchId, cells] of tally) {
    for (const [category, c] of cells) {
      for (const g of [figOf(batchFig, batchId), figOf(categoryFig, category || null)]) {
        g.measures += c.measures;
        g.closed += c.closed;
        g.open += c.measures - c.closed;
        g.overdue += c.red;
      }
      // 按期完成率's base, as stats.ts defines it: closed with both dates, or open and past the deadline.
      counted += c.dated + c.red;
      onTime += c.onTime;
    }
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
