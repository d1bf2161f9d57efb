import type { dashboardChannels, OpeningReminder } from '../../contract/dashboard.ts';
import { localIsoDate } from '../../domain/dates.ts';
import type { Core } from '../context.ts';
import type { GroupHandlers } from '../group.ts';
import { getSettings, thresholdsOf } from '../ledger/settings.ts';
import { signalDates } from '../ledger/signal-sql.ts';
import { cachedFigures } from './cache.ts';
import { dashboardFigures } from './figures.ts';
import { previousVisit, recordOpening } from './visits.ts';
import { changesSince, workbench, workList } from './workbench.ts';

/** "11月20日": how a reminder names the day of the last visit. */
function shortDate(iso: string): string {
  const [, m, d] = iso.split('-').map(Number);
  return `${m}月${d}日`;
}

export async function openingReminder(core: Core): Promise<OpeningReminder> {
  const settings = await getSettings(core.db);
  const { since, newSitting } = await recordOpening(core.db, settings.operator, core.now());
  const d = signalDates(core.today(), thresholdsOf(settings), core.dialect);
  const [overdue, dueSoon, changes] = await Promise.all([workList(core.db, 'overdue', d, 1), workList(core.db, 'dueSoon', d, 1), changesSince(core.db, since, d, 1)]);
  const turnedRed = changes.turnedRed.total;
  const parts: string[] = [];
  if (since && turnedRed > 0) parts.push(`自上次打开（${shortDate(localIsoDate(new Date(since)))}）以来 ${turnedRed} 项措施转为逾期`);
  if (dueSoon.total > 0) parts.push(`${settings.dueSoonDays} 天内到期 ${dueSoon.total} 项`);
  if (overdue.total > 0) parts.push(`目前共逾期 ${overdue.total} 项`);
  return {
    since,
    overdue: overdue.total,
    turnedRed,
    dueSoon: dueSoon.total,
    dueSoonDays: settings.dueSoonDays,
    // Once a sitting, and not on the very first open (the 工作台 itself shows all of it then): a
    // reload or a second window does not remind again.
    message: since && newSitting && parts.length > 0 ? `${parts.join('；')}。` : '',
  };
}

export const dashboardHandlers: GroupHandlers<typeof dashboardChannels> = {
  'dashboard:get': async (core) => {
    const settings = await getSettings(core.db);
    const t = thresholdsOf(settings);
    const today = core.today();
    const rankUnits = !!settings.rankUnits;
    return cachedFigures(core, JSON.stringify([today, t, rankUnits]), () => dashboardFigures(core.db, today, t, { rankUnits }));
  },
  'workbench:get': async (core, input) => {
    const settings = await getSettings(core.db);
    return workbench(core.db, core.today(), thresholdsOf(settings), await previousVisit(core.db, settings.operator, core.now()), input.limit);
  },
  'workbench:opened': (core) => openingReminder(core),
};
