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
  const href = hrefOf(path, query);
  if (options.replace) {
    history.replaceState(null, '', href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else window.location.hash = href;
}
