import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { preloadFirstScreen } from './scripts/vite-first-screen.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The built page carries the same CSP as the browser-mode server sends (minus frame-ancestors,
 * which browsers ignore in a meta tag). The dev server needs an inline React refresh preamble,
 * so the meta tag is dropped there only.
 */
function devWithoutCsp(): Plugin {
  return {
    name: 'rectify-dev-without-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

export default defineConfig({
  root: path.resolve(here, 'renderer'),
  // Relative asset URLs: Electron loads the page from its own protocol, not from a web root.
  base: './',
  plugins: [react(), devWithoutCsp(), preloadFirstScreen(/renderer[\\/]App\.tsx$/)],
  build: {
    outDir: path.resolve(here, 'dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
    // No remote content: everything the page needs is bundled next to index.html.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
});
