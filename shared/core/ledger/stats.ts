import type { Stats } from '../../contract/ledger-types.ts';
import { MEASURE_STATUSES, type MeasureStatus } from '../../domain/vocabulary.ts';
import type { SignalThresholds } from '../../domain/signal.ts';
import type { Db } from '../db/open.ts';
import { isRed, isYellow, signalDates } from './signal-sql.ts';

/** The ledger's numbers: by status, by signal, per lead unit. Reports and the CLI use these. */
export async function getStats(db: Db, today: string, t: SignalThresholds): Promise<Stats> {
  const d = signalDates(today, t);
  const [findings, byStatusRows, signalRow, unitRows] = await Promise.all([
    db.selectFrom('findings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('measures').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status').execute(),
    db
      .selectFrom('measures as m')
      .select((eb) => [
        eb.fn.sum<number>(eb.case().when(isRed(eb, d)).then(1).else(0).end()).as('red'),
        eb.fn.sum<number>(eb.case().when(isYellow(eb, d)).then(1).else(0).end()).as('yellow'),
        eb.fn.countAll<number>().as('total'),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('measures as m')
      .innerJoin('units as u', 'u.id', 'm.lead_unit_id')
      .select((eb) => [
        'u.name as unit',
        eb.fn.countAll<number>().as('measures'),
        eb.fn.sum<number>(eb.case().when('m.status', '=', 'closed').then(1).else(0).end()).as('closed'),
        eb.fn.sum<number>(eb.case().when(isRed(eb, d)).then(1).else(0).end()).as('overdue'),
      ])
      .groupBy(['u.id', 'u.name'])
      .orderBy('u.name')
      .execute(),
  ]);
  const byStatus = Object.fromEntries(MEASURE_STATUSES.map((s) => [s, 0])) as Record<MeasureStatus, number>;
  for (const r of byStatusRows) byStatus[r.status] = Number(r.n);
  const red = Number(signalRow.red ?? 0);
  const yellow = Number(signalRow.yellow ?? 0);
  const total = Number(signalRow.total ?? 0);
  return {
    findings: Number(findings.n),
    measures: total,
    byStatus,
    bySignal: { red, yellow, green: total - red - yellow },
    byUnit: unitRows.map((u) => ({ unit: u.unit, measures: Number(u.measures), closed: Number(u.closed ?? 0), overdue: Number(u.overdue ?? 0) })),
  };
}
