/**
 * Pages other than the 工作台 are downloaded when first opened (pages.tsx). In browser mode a tab
 * can outlive the interface it was opened with (the program was updated or rebuilt meanwhile), and
 * the page's old file is gone: then the tab loads the new interface at the same address, once.
 * Should that fail too, the page's error boundary (page-load-failure.tsx) says so. Imports nothing:
 * main.tsx runs it before the interface has loaded.
 */
const RELOADED_AT = 'rectify-reloaded-for-chunk';

export function reloadOnceForMissingChunk(event: Event): void {
  const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
  if (Date.now() - last < 30_000) return; // reloaded a moment ago: show the failure instead of looping
  sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  event.preventDefault();
  window.location.reload();
}
