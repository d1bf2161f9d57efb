import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { printPage } from '../api.ts';

/**
 * The pages to print are rendered into #print-root, outside the app; body.printing makes the
 * print stylesheet show only them. They stay until the next print or until afterprint, so a
 * preview (Electron's, or a test's page.pdf) sees them.
 */
let root: Root | null = null;

function printRoot(): Root {
  let el = document.getElementById('print-root');
  if (!el) {
    el = document.createElement('div');
    el.id = 'print-root';
    document.body.appendChild(el);
  }
  root ??= createRoot(el);
  return root;
}

export function clearPrint(): void {
  document.body.classList.remove('printing');
  root?.render(null);
  delete document.body.dataset.printReady;
}

/** Show `content` as the printed pages and open the print preview (desktop) or the browser's print dialog. */
export async function printContent(content: ReactNode, options: { landscape: boolean; title: string }): Promise<void> {
  flushSync(() => printRoot().render(content));
  document.body.classList.add('printing');
  document.body.dataset.printReady = options.title;
  window.addEventListener('afterprint', clearPrint, { once: true });
  // Leaving the page also drops them, so a later plain Ctrl+P elsewhere prints that page, not these.
  window.addEventListener('hashchange', clearPrint, { once: true });
  await printPage(options);
}
