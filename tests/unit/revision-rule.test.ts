import { describe, expect, it } from 'vitest';
import { isColleagueChange, type PollWindow } from '../../renderer/revision-rule.ts';

/** The notice "已更新（其他同事的修改）" is for a colleague's change, never for this window's own. */
const quiet = { inFlight: 0, started: 4 };
const poll = (p: Partial<PollWindow>): PollWindow => ({
  last: '1:1', stamp: '2:1', ownAnsweredSinceLast: false, ownAnsweredDuring: false, before: quiet, after: quiet, ...p,
});

describe('telling a colleague’s change from this window’s own', () => {
  it('a moved stamp with no write of this window about is a colleague’s', () => {
    expect(isColleagueChange(poll({}))).toBe(true);
  });

  it('the first poll and an unmoved stamp say nothing', () => {
    expect(isColleagueChange(poll({ last: null }))).toBe(false);
    expect(isColleagueChange(poll({ stamp: '1:1' }))).toBe(false);
  });

  it('a write answered before or during the poll is this window’s', () => {
    expect(isColleagueChange(poll({ ownAnsweredSinceLast: true }))).toBe(false);
    expect(isColleagueChange(poll({ ownAnsweredDuring: true }))).toBe(false);
  });

  it('a write still on its way when the stamp is read, whose answer comes after, is this window’s', () => {
    // The opening's own writes (the visit, the week's snapshot) were sent just before the poll; the
    // core finished them and answered the quick revision read first.
    expect(isColleagueChange(poll({ before: { inFlight: 1, started: 5 }, after: { inFlight: 1, started: 5 } }))).toBe(false);
    expect(isColleagueChange(poll({ before: { inFlight: 1, started: 5 }, after: { inFlight: 0, started: 5 } }))).toBe(false);
    // …or sent while the poll waited.
    expect(isColleagueChange(poll({ before: quiet, after: { inFlight: 1, started: 5 } }))).toBe(false);
    expect(isColleagueChange(poll({ before: quiet, after: { inFlight: 0, started: 5 } }))).toBe(false);
  });
});
