import { useSyncExternalStore } from 'react';

/**
 * Hash routing: "#/ledger?unit=3&status=pending". The hash works the same in browser mode and
 * when Electron loads the page from its own protocol, and a reload keeps the page and its filters.
 */
export interface Route {
  /** Path segments: "#/findings/12" → ['findings', '12']. */
  segments: string[];
  query: URLSearchParams;
}

export type QueryValues = Record<string, string | number | null | undefined | readonly (string | number)[]>;

function currentHash(): string {
  return window.location.hash;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const [pathPart, queryPart = ''] = body.split('?', 2);
  return { segments: pathPart.split('/').filter(Boolean), query: new URLSearchParams(queryPart) };
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return parseHash(hash);
}

/** "#/ledger?unit=3"; empty values and empty lists are left out so the URL stays short. */
export function hrefOf(path: string, query: QueryValues = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const qs = params.toString();
  return `#/${path.replace(/^\//, '')}${qs ? `?${qs}` : ''}`;
}

export function navigate(path: string, query: QueryValues = {}, options: { replace?: boolean } = {}): void {
  const allowed = mayLeave();
  if (allowed === true) go(path, query, options);
  else void allowed.then((ok) => ok && go(path, query, options));
}

function go(path: string, query: QueryValues, options: { replace?: boolean }): void {
  const href = hrefOf(path, query);
  arriving = new URL(href, window.location.href).href;
  if (options.replace) {
    history.replaceState(null, '', href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else window.location.hash = href;
}

/**
 * What may hold the clerk on the page (a form with unsaved work): `true` when leaving is fine
 * now, otherwise a promise of the clerk's answer. Registered by renderer/components/use-unsaved-guard.ts.
 */
export type LeaveCheck = () => true | Promise<boolean>;
const leaveChecks = new Set<LeaveCheck>();

export function addLeaveCheck(check: LeaveCheck): () => void {
  leaveChecks.add(check);
  return () => void leaveChecks.delete(check);
}

function mayLeave(): true | Promise<boolean> {
  const answers = [...leaveChecks].map((check) => check());
  if (answers.every((a) => a === true)) return true;
  return Promise.all(answers).then((all) => all.every(Boolean));
}

// Back/Forward (and links) have already moved the address when popstate fires: put the page's
// own address back, ask, and only go on when the clerk agrees.
let shownHref = typeof window === 'undefined' ? '' : window.location.href;
let arriving: string | null = null;
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    shownHref = window.location.href;
    arriving = null;
  });
  window.addEventListener('popstate', () => {
    const target = window.location.href;
    if (target === arriving || target === shownHref) return;
    const allowed = mayLeave();
    if (allowed === true) return;
    history.pushState(null, '', shownHref);
    void allowed.then((ok) => {
      if (!ok) return;
      arriving = target;
      history.replaceState(null, '', target);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
  });
}
