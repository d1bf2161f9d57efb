import { useEffect } from 'react';
import { App } from 'antd';
import { call, callObservers } from './api.ts';
import { useAppInfo } from './app-info.tsx';

/**
 * Other clerks' changes appear without a restart (issue 12). While the window is visible it asks
 * the core every few seconds for the ledger's change stamp (`ledger:revision`: on the shared
 * ledger the revision every write bumps, on this PC's file SQLite's change counters — so a CLI
 * import shows too). When it moved and this window did not write meanwhile, the pages reload
 * their data (the app-wide dataVersion they list among their dependencies) and a small notice
 * says so. A change this window made itself is taken silently: its page has already redrawn.
 */
export const REVISION_POLL_MS = 3000;

/** Channels that only read: calling them is not "this window changed something". */
const READS =
  /^(list|get|query|info|facets|detail|status|revision|search|preview|find|undivided|table|overview|of-finding|stats|check|suggest|inspect|test-connection|export|download|progress|template|sample|locate|options|compare|read|xlsx|docx|word|reply-letter|ledger-xlsx|header-words|summary)(-[a-z-]+)?$/;

/** A channel that may have changed the ledger (unknown ones count as changes: a notice missed, never a false one). */
export const mayWrite = (channel: string): boolean => !READS.test(channel.slice(channel.indexOf(':') + 1));

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
        const { stamp } = await call('ledger:revision', {});
        if (last !== null && stamp !== last && !ownBefore && !ownWriteSincePoll) {
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
