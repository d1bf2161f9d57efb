import { captureBrowserToken, prefetch } from './api.ts';

/**
 * The first screen's requests, sent by main.tsx before the interface has loaded; the page's own
 * identical `call` then takes the answer (api.ts prefetch). Imports nothing heavy: it runs first.
 */
export function sendStartRequests(): void {
  // The secret must leave the fragment before the hash router reads it.
  captureBrowserToken();
  prefetch('auth:status', {});
  prefetch('app:info', {});
  const [path = '', queryPart = ''] = window.location.hash.replace(/^#\/?/, '').split('?', 2);
  const page = path.split('/').filter(Boolean)[0] ?? 'workbench';
  if (page === 'workbench') prefetch('workbench:get', {});
  if (page === 'ledger') {
    // The ledger's filters from the URL, parsed as the page parses them (a module with the contract).
    void import('./pages/ledger/ledger-url.ts').then(({ ledgerQueryOf, viewFromQuery }) => {
      prefetch('ledger:query', ledgerQueryOf(viewFromQuery(new URLSearchParams(queryPart))));
      prefetch('ledger:facets', {});
    }).catch(() => undefined); // the page loads (or fails to load) the same module and says so itself
  }
}
