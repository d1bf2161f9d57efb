import { sql } from 'kysely';
import type { LedgerFilter } from '../../contract/ledger.ts';
import type { ReportSummaryDto } from '../../contract/reports.ts';
import type { IsoDate } from '../../domain/dates.ts';
import type { SignalThresholds } from '../../domain/signal.ts';
import { FINDING_STATUSES, type FindingStatus } from '../../domain/vocabulary.ts';
import type { Db } from '../db/open.ts';
import { ledgerCountQuery } from '../ledger/ledger-query.ts';
import { isRed, signalDates } from '../ledger/signal-sql.ts';
import { summarizeFindings, summarySentence, type MeasureStats } from './stats.ts';
import { dialectOf, zeroPad } from '../db/dialect.ts';

/**
 * The 报表 page's figures, counted by the database. The reports compute the same figures from
 * their rows (stats.ts, which defines each one); loading 250,000 full rows into JavaScript only
 * to count them took 15 s, so here each definition is written as a sum over the measures table.
 * tests/integration/report-jobs.test.ts holds the two forms together.
 */
export async function reportSummary(db: Db, filter: LedgerFilter, thresholds: SignalThresholds, today: IsoDate): Promise<ReportSummaryDto> {
  const dialect = dialectOf(db);
  const d = signalDates(today, thresholds, dialect);
  const narrowing = Object.values(filter).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== ''));
  // The ledger's own filter as a subquery, so the page can never disagree with the ledger.
  const chosen = narrowing ? ledgerCountQuery(db, filter, d).clearSelect().select('m.id') : null;

  const findingRows = await db
    .selectFrom('findings as f')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('measures as m')
          .select(sql`1`.as('one'))
          .whereRef('m.finding_id', '=', 'f.id')
          .$if(chosen !== null, (q) => q.where('m.id', 'in', chosen!)),
      ),
    )
    .select((eb) => ['f.status', eb.fn.countAll<number>().as('n')])
    .groupBy('f.status')
    .execute();
  const statuses: FindingStatus[] = [];
  for (const r of findingRows) if ((FINDING_STATUSES as readonly string[]).includes(r.status)) for (let i = 0; i < Number(r.n); i++) statuses.push(r.status);
  const findings = summarizeFindings(statuses);

  const dated = sql<boolean>`(m.deadline_kind <> 'standing' AND m.deadline_date IS NOT NULL)`;
  const unitRows = await db
    .selectFrom('measures as m')
    .innerJoin('findings as f', 'f.id', 'm.finding_id')
    .innerJoin('units as u', 'u.id', 'm.lead_unit_id')
    .$if(chosen !== null, (q) => q.where('m.id', 'in', chosen!))
    .select((eb) => {
      const red = eb.case().when(isRed(eb, d)).then(1).else(0).end();
      return [
        'm.lead_unit_id as unitId',
        'u.name',
        eb.fn.countAll<number>().as('measures'),
        sql<number>`sum(CASE WHEN m.status = 'closed' THEN 1 ELSE 0 END)`.as('closed'),
        sql<number>`sum(CASE WHEN m.status = 'pending' THEN 1 ELSE 0 END)`.as('pending'),
        sql<number>`sum(CASE WHEN m.status = 'standing' THEN 1 ELSE 0 END)`.as('standing'),
        eb.fn.sum<number>(red).as('overdue'),
        sql<number>`sum(CASE WHEN ${dated} AND m.status = 'closed' AND m.closed_date IS NOT NULL AND m.closed_date <= m.deadline_date THEN 1 ELSE 0 END)`.as('onTimeClosed'),
        // stats.ts's definition: a closed measure counts only with both its deadline date and its 销号时间.
        sql<number>`sum(CASE WHEN ${dated} AND m.status = 'closed' THEN (CASE WHEN m.closed_date IS NOT NULL THEN 1 ELSE 0 END) ELSE ${red} END)`.as('onTimeBase'),
        // Units in the order the ledger first names them (batch, the feedback's order, the checklist's order), as the reports list them.
        sql<string>`min(${sql.join([zeroPad(dialect, sql.ref('f.batch_id'), 12), zeroPad(dialect, sql`f.sort_order + 100000000000`, 12), zeroPad(dialect, sql.ref('m.seq'), 12), zeroPad(dialect, sql.ref('m.id'), 12)], sql` || `)})`.as('firstAt'),
      ];
    })
    .groupBy(['m.lead_unit_id', 'u.name'])
    .orderBy('firstAt')
    .execute();

  const total = stats('total', '合计', 0, 0, 0, 0, 0, 0, 0);
  const units = unitRows.map((r) => {
    const s = stats(String(r.unitId), r.name, Number(r.measures), Number(r.closed), Number(r.pending), Number(r.standing), Number(r.overdue), Number(r.onTimeClosed), Number(r.onTimeBase));
    for (const k of ['measures', 'closed', 'pending', 'standing', 'inProgress', 'overdue', 'onTimeClosed', 'onTimeBase'] as const) total[k] += s[k];
    return s;
  });
  finish(total);
  return { asOf: today, findings, sentence: summarySentence(findings), units, total };
}

function stats(key: string, label: string, measures: number, closed: number, pending: number, standing: number, overdue: number, onTimeClosed: number, onTimeBase: number): MeasureStats {
  const inProgress = measures - closed - pending - standing;
  return finish({ key, label, measures, closed, pending, inProgress, standing, overdue, onTimeClosed, onTimeBase, completionRate: null, onTimeRate: null });
}

/** The two rates, as stats.ts's finish defines them. */
function finish(s: MeasureStats): MeasureStats {
  s.completionRate = s.measures ? s.closed / s.measures : null;
  s.onTimeRate = s.onTimeBase ? s.onTimeClosed / s.onTimeBase : null;
  return s;
}
