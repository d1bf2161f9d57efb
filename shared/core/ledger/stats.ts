import type { Stats } from '../../contract/ledger-types.ts';
import type { SignalThresholds } from '../../domain/signal.ts';
import type { Db } from '../db/open.ts';
import { unitFigures } from '../dashboard/figures.ts';
import { signalDates } from './signal-sql.ts';
import { dialectOf } from '../db/dialect.ts';

/**
 * The ledger's numbers: by status, by signal, per lead unit. Reports and the CLI use these. One
 * walk over a covering index (measures_unit_signal) gives all of them; 分析 counts the same way.
 */
export async function getStats(db: Db, today: string, t: SignalThresholds): Promise<Stats> {
  const f = await unitFigures(db, signalDates(today, t, dialectOf(db)));
  return {
    findings: f.findings,
    measures: f.measures,
    byStatus: f.byStatus,
    bySignal: f.bySignal,
    byUnit: f.byUnit.map((u) => ({ unit: u.unit, measures: u.measures, closed: u.closed, overdue: u.overdue })),
  };
}
