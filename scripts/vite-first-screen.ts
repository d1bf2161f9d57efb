import type { Plugin } from 'vite';

/**
 * The home page's first paint (issue 10). The entry (renderer/main.tsx) is tiny: it sends the
 * first screen's requests and only then imports App.tsx, so the core works on the 工作台 while the
 * browser downloads and parses React, antd and the page. For that download not to wait until the
 * entry has run, index.html names App's chunk and every chunk it imports as `modulepreload`:
 * the browser fetches them with the entry, in parallel. (Vite itself preloads only an entry's
 * static imports; a dynamic import's chunks are requested when the import runs.)
 *
 * The chunks must also reach the browser before the first screen's request reaches browser
 * mode's server, which answers files from the same thread that runs the SQL: preloading from
 * the HTML puts them first in line.
 */
export function preloadFirstScreen(appModule: RegExp): Plugin {
  return {
    name: 'rectify-preload-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const app = Object.values(bundle).find((c) => c.type === 'chunk' && !!c.facadeModuleId && appModule.test(c.facadeModuleId));
        if (!app || app.type !== 'chunk') throw new Error(`preloadFirstScreen: no chunk for ${appModule} — did main.tsx stop importing it?`);
        const files = new Set<string>();
        const visit = (file: string) => {
          if (files.has(file)) return;
          files.add(file);
          const chunk = bundle[file];
          if (chunk?.type === 'chunk') chunk.imports.forEach(visit);
        };
        visit(app.fileName);
        const already = new Set([...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]));
        const links = [...files].filter((f) => !already.has(f)).map((f) => `    <link rel="modulepreload" crossorigin href="./${f}">\n`);
        return html.replace(/\n(\s*)<\/head>/, (_, indent: string) => `\n${links.join('')}${indent}</head>`);
      },
    },
  };
}
