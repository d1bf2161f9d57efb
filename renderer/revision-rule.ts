/**
 * When the ledger's change stamp moved between two polls, was it a colleague (or the CLI), or this
 * window? Only the first earns a reload and the notice "已更新（其他同事的修改）".
 *
 * This window's own write may already be in the stamp before its answer comes back: the core
 * answers requests as they finish, and the revision read is quick. So a poll during which any write
 * of this window was on its way, or was sent, says nothing either way.
 */
export interface PollWindow {
  /** The stamp of the previous poll (null: this is the first). */
  last: string | null;
  stamp: string;
  /** A write of this window was answered between the previous poll and this one. */
  ownAnsweredSinceLast: boolean;
  /** A write of this window was answered while this poll waited. */
  ownAnsweredDuring: boolean;
  /** This window's writes awaiting an answer and sent in all, before and after the stamp was read. */
  before: { inFlight: number; started: number };
  after: { inFlight: number; started: number };
}

export function isColleagueChange(p: PollWindow): boolean {
  if (p.last === null || p.stamp === p.last) return false;
  if (p.ownAnsweredSinceLast || p.ownAnsweredDuring) return false;
  return p.before.inFlight === 0 && p.after.inFlight === 0 && p.after.started === p.before.started;
}
