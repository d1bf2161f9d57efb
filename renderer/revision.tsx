import { useEffect } from 'react';
import { App } from 'antd';
import { call, callObservers, dropPrefetched, mayWrite, ownWrites } from './api.ts';
import { useAppInfo } from './app-info.tsx';
import { isColleagueChange } from './revision-rule.ts';

/**
 * Other clerks' changes appear without a restart (issue 12). While the window is visible it asks
 * the core every few seconds for the ledger's change stamp (`ledger:revision`: on the shared
 * ledger the revision every write bumps, on this PC's file SQLite's change counters — so a CLI
 * import shows too). When it moved and this window did not write meanwhile, the pages reload
 * their data (the app-wide dataVersion they list among their dependencies) and a small notice
 * says so. A change this window made itself is taken silently: its page has already redrawn.
 */
export const REVISION_POLL_MS = 3000;

let ownWriteSincePoll = false;
callObservers.add((channel) => {
  if (mayWrite(channel)) ownWriteSincePoll = true;
});

export function useLedgerRevision(): void {
  const { refresh } = useAppInfo();
  const { message } = App.useApp();

  useEffect(() => {
    let last: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const poll = async () => {
      clearTimeout(timer);
      if (stopped || document.visibilityState !== 'visible') return;
      try {
        const ownBefore = ownWriteSincePoll;
        ownWriteSincePoll = false;
        const before = ownWrites();
        const { stamp } = await call('ledger:revision', {});
        const after = ownWrites();
        if (isColleagueChange({ last, stamp, ownAnsweredSinceLast: ownBefore, ownAnsweredDuring: ownWriteSincePoll, before, after })) {
          dropPrefetched();
          await refresh();
          void message.info({ content: <span data-testid="revision-notice">已更新（其他同事的修改）</span>, key: 'ledger-revision', duration: 3 });
        }
        last = stamp;
      } catch {
        // Not signed in yet, or the server is briefly away: the next poll tries again.
      }
      if (!stopped) timer = setTimeout(() => void poll(), REVISION_POLL_MS);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') void poll();
      else clearTimeout(timer);
    };
    document.addEventListener('visibilitychange', onVisibility);
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [refresh, message]);
}
