import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { AssessmentRow, AssessmentTable, NoticeCounts } from '../../contract/assessment.ts';
import type { IsoDate } from '../../domain/dates.ts';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/open.ts';
import { getSettings } from '../ledger/settings.ts';
import { isLongTermSql } from '../ledger/signal-sql.ts';
import { reportsDb } from '../reports/schema.ts';
import { formulaLines, rates, rowOf, type UnitCounts } from './formula.ts';
import { daysBetween, dialectOf } from '../db/dialect.ts';

type Eb = ExpressionBuilder<Database & { m: Database['measures'] }, 'm'>;

export interface Period {
  from: IsoDate;
  to: IsoDate;
  asOf: IsoDate;
}

/** The period asked for; by default this calendar year up to today. */
export function periodOf(input: { from?: IsoDate; to?: IsoDate }, today: IsoDate): Period {
  const from = input.from ?? `${today.slice(0, 4)}-01-01`;
  const to = input.to ?? (from > today ? from : today);
  return { from, to, asOf: to < today ? to : today };
}

/** Closed after a dated deadline (逾期完成). */
const lateClose = (eb: Eb) => eb.and([eb('m.deadline_kind', '<>', 'standing'), eb('m.closed_date', '>', sql.ref<string>('m.deadline_date'))]);
const closedIn = (eb: Eb, p: Period) => eb.and([eb('m.status', '=', 'closed'), eb('m.closed_date', '>=', p.from), eb('m.closed_date', '<=', p.asOf)]);

/** Past its deadline on the day the period is judged, and not closed by then (nor 待销号 by then, nor 长期坚持). */
function openLate(eb: Eb, p: Period): Expression<SqlBool> {
  return eb.and([
    eb('m.deadline_kind', '<>', 'standing'),
    eb('m.deadline_date', '<', p.asOf),
    eb.or([
      eb('m.status', 'in', ['not_started', 'in_progress']),
      eb.and([eb('m.status', '=', 'closed'), eb('m.closed_date', '>', p.asOf)]),
      eb.and([eb('m.status', '=', 'pending'), eb('m.requested_date', '>', p.asOf)]),
    ]),
  ]);
}

const sum = (eb: Eb, cond: Expression<SqlBool>) => eb.fn.coalesce(eb.fn.sum<number>(eb.case().when(cond).then(1).else(0).end()), sql<number>`0`);

const collator = new Intl.Collator('zh-CN');

function noticeKey(level: string): keyof NoticeCounts | null {
  if (level === 'reminder' || level === 'remind') return 'reminder';
  if (level === 'supervise') return 'supervise';
  if (level === 'warning' || level === 'warn') return 'warning';
  return null;
}

/** The 单位考核 table: one row per lead unit with measures in the period, by name (or by score when the office ranks). */
export async function assessmentTable(db: Db, input: { from?: IsoDate; to?: IsoDate }, today: IsoDate): Promise<AssessmentTable> {
  const p = periodOf(input, today);
  const settings = await getSettings(db);
  const w = settings.assessmentWeights;
  const ranked = !!settings.rankUnits;
  const dialect = dialectOf(db);

  const unitRows = await db
    .selectFrom('measures as m')
    .innerJoin('units as u', 'u.id', 'm.lead_unit_id')
    .where('m.assigned_date', '<=', p.to)
    .where((eb) => eb.not(eb.and([eb('m.status', '=', 'closed'), eb('m.closed_date', '<', p.from)])))
    .select((eb) => [
      'u.id as unitId',
      'u.name as unitName',
      eb.fn.countAll<number>().as('measures'),
      sum(eb, isLongTermSql(eb)).as('longTerm'),
      sum(eb, eb.and([closedIn(eb, p), eb.not(lateClose(eb))])).as('closedOnTime'),
      sum(eb, eb.and([closedIn(eb, p), lateClose(eb)])).as('closedLate'),
      sum(eb, openLate(eb, p)).as('openLate'),
      eb.fn
        .coalesce(
          eb.fn.sum<number>(
            eb
              .case()
              .when(eb.and([closedIn(eb, p), lateClose(eb)]))
              .then(daysBetween(dialect, sql.ref('m.closed_date'), sql.ref('m.deadline_date')))
              .when(openLate(eb, p))
              .then(daysBetween(dialect, p.asOf, sql.ref('m.deadline_date')))
              .else(0)
              .end(),
          ),
          sql<number>`0`,
        )
        .as('daysLateSum'),
    ])
    .groupBy(['u.id', 'u.name'])
    .execute();

  const noticeRows = await reportsDb(db)
    .selectFrom('notices')
    .select((eb) => ['unit_id', 'level', eb.fn.count<number>('doc_number').distinct().as('n')])
    .where('issued_date', '>=', p.from)
    .where('issued_date', '<=', p.asOf)
    .where('unit_id', 'is not', null)
    .groupBy(['unit_id', 'level'])
    .execute();
  const notices = new Map<number, NoticeCounts>();
  for (const r of noticeRows) {
    const key = noticeKey(String(r.level));
    if (!key || r.unit_id === null) continue;
    const c = notices.get(r.unit_id) ?? { reminder: 0, supervise: 0, warning: 0 };
    c[key] += Number(r.n);
    notices.set(r.unit_id, c);
  }

  const total: UnitCounts = { measures: 0, longTerm: 0, closedOnTime: 0, closedLate: 0, openLate: 0, daysLateSum: 0, notices: { reminder: 0, supervise: 0, warning: 0 } };
  const rows: AssessmentRow[] = unitRows.map((u) => {
    const c: UnitCounts = {
      measures: Number(u.measures),
      longTerm: Number(u.longTerm),
      closedOnTime: Number(u.closedOnTime),
      closedLate: Number(u.closedLate),
      openLate: Number(u.openLate),
      daysLateSum: Math.round(Number(u.daysLateSum)),
      notices: notices.get(u.unitId) ?? { reminder: 0, supervise: 0, warning: 0 },
    };
    for (const k of ['measures', 'longTerm', 'closedOnTime', 'closedLate', 'openLate', 'daysLateSum'] as const) total[k] += c[k];
    for (const k of ['reminder', 'supervise', 'warning'] as const) total.notices[k] += c.notices[k];
    return rowOf(u.unitId, u.unitName, c, w);
  });

  rows.sort((a, b) => collator.compare(a.unitName, b.unitName));
  if (ranked) {
    rows.sort((a, b) => b.score - a.score || collator.compare(a.unitName, b.unitName));
    rows.forEach((r, i) => (r.rank = i > 0 && rows[i - 1]!.score === r.score ? rows[i - 1]!.rank : i + 1));
  }

  const r = rates(total);
  return {
    from: p.from,
    to: p.to,
    asOf: p.asOf,
    rows,
    total: {
      measures: total.measures,
      longTerm: total.longTerm,
      closedOnTime: total.closedOnTime,
      closedLate: total.closedLate,
      openLate: total.openLate,
      avgDaysLate: r.avgDaysLate,
      notices: total.notices,
      completionRate: r.completionRate,
      onTimeRate: r.onTimeRate,
      score: null,
    },
    weights: w,
    ranked,
    formulas: formulaLines(p.from, p.to, p.asOf, w, ranked),
  };
}
