import type { Db } from '../db/open.ts';
import { getSetting, putSetting } from '../ledger/settings.ts';

/**
 * When each operator last opened the app, for "since my last visit" on the 工作台 and the
 * opening reminder. Kept in the settings table (no migration): a marker, not ledger data, so it
 * is not audited. Opens within one sitting (a reload, a second window) do not count as a new
 * visit, so the changes shown do not vanish on a reload.
 */
interface Visit {
  /** The latest opening. */
  last: string;
  /** The opening before this sitting: what the 工作台 compares with. */
  previous: string | null;
}

const KEY = 'visits';
export const SITTING_MS = 30 * 60 * 1000;

async function visits(db: Db): Promise<Record<string, Visit>> {
  return (await getSetting<Record<string, Visit>>(db, KEY)) ?? {};
}

/**
 * The moment the 工作台 compares with at `now`: the opening before the current sitting. When `now`
 * starts a new sitting that the opening has not recorded yet (the 工作台's lists are asked for
 * before the opening is), that is the latest opening — what recordOpening will answer — so the
 * lists and the reminder always speak of the same visit, whichever request the core takes first.
 */
export async function previousVisit(db: Db, operator: string, now: Date): Promise<string | null> {
  const v = (await visits(db))[operator];
  if (!v) return null;
  return isNewSitting(v, now) ? v.last : v.previous;
}

function isNewSitting(v: Visit | undefined, now: Date): boolean {
  return !v || now.getTime() - new Date(v.last).getTime() > SITTING_MS;
}

/**
 * Records an opening at `now`. Returns the moment to compare with and whether this opening starts
 * a new sitting (only then is a reminder worth showing).
 */
export async function recordOpening(db: Db, operator: string, now: Date): Promise<{ since: string | null; newSitting: boolean }> {
  return db.transaction().execute(async (trx) => {
    const all = await visits(trx);
    const v = all[operator];
    const at = now.toISOString();
    const newSitting = isNewSitting(v, now);
    const next: Visit = newSitting ? { last: at, previous: v?.last ?? null } : { last: at, previous: v.previous };
    await putSetting(trx, KEY, { ...all, [operator]: next });
    return { since: next.previous, newSitting };
  });
}
