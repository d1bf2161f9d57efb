#!/usr/bin/env node
/**
 * `npm run build`: the renderer with vite (→ dist/renderer), then the Electron shell with esbuild
 * (→ dist/electron/main.cjs, preload.cjs, core-host.cjs, import-worker.cjs, report-worker.cjs).
 *
 *   node scripts/build.mjs                 both
 *   node scripts/build.mjs --electron-only the shell only (seconds)
 *   node scripts/build.mjs --renderer-only the page only
 *
 * The shell is CommonJS: Electron's sandboxed preload cannot be an ES module, and one format for
 * all three keeps `__dirname` meaning the same everywhere. electron and better-sqlite3 (native,
 * rebuilt for Electron at packaging) stay outside the bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const doRenderer = !args.has('--electron-only');
const doElectron = !args.has('--renderer-only');
const outElectron = path.join(root, 'dist', 'electron');

const seconds = (start) => `${((performance.now() - start) / 1000).toFixed(1)} 秒`;
const size = (file) => `${(fs.statSync(file).size / 1024).toFixed(0)} KB`;

async function buildRenderer() {
  const start = performance.now();
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  const index = path.join(root, 'dist', 'renderer', 'index.html');
  if (!fs.existsSync(index)) throw new Error('vite 没有生成 dist/renderer/index.html');
  console.log(`[build] 界面（vite）→ dist/renderer，用时 ${seconds(start)}`);
}

async function buildElectron() {
  const start = performance.now();
  const esbuild = await import('esbuild');
  fs.rmSync(outElectron, { recursive: true, force: true });
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    outdir: outElectron,
    outExtension: { '.js': '.cjs' },
    // Native modules load from node_modules (unpacked from the archive), not from the bundle.
    external: ['electron', 'better-sqlite3', '@resvg/resvg-js'],
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
    legalComments: 'none',
  };
  const [node, preload] = await Promise.all([
    esbuild.build({
      ...common,
      // import-worker: the thread that reads import files; report-worker: the thread that writes a
      // report or export job's file (shared/core/jobs). core-host starts both from beside itself.
      entryPoints: {
        main: 'electron/main.ts',
        'core-host': 'electron/core-host.ts',
        'import-worker': 'shared/core/import/parse-worker.ts',
        'report-worker': 'shared/core/jobs/job-worker.ts',
      },
      // Code written as ESM may read import.meta.url (the bundle's own file URL here) and
      // import.meta.resolve (resolved as require would, from the bundle's folder).
      define: { 'import.meta.url': '__rectifyImportMetaUrl', 'import.meta.resolve': '__rectifyImportMetaResolve' },
      banner: {
        js: [
          'const __rectifyImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
          'const __rectifyImportMetaResolve = (specifier) => require("node:url").pathToFileURL(require.resolve(specifier)).href;',
        ].join('\n'),
      },
    }),
    esbuild.build({ ...common, entryPoints: { preload: 'electron/preload.ts' } }),
  ]);
  assertPreloadIsSandboxSafe(preload.metafile);
  void node;
  const files = ['main.cjs', 'preload.cjs', 'core-host.cjs', 'import-worker.cjs', 'report-worker.cjs'].map((name) => `${name} ${size(path.join(outElectron, name))}`);
  console.log(`[build] 桌面外壳（esbuild）→ dist/electron：${files.join('，')}，用时 ${seconds(start)}`);
}

/** A sandboxed preload may require only 'electron' (and a few others); anything else fails at run time. */
function assertPreloadIsSandboxSafe(metafile) {
  for (const output of Object.values(metafile.outputs)) {
    const foreign = (output.imports ?? []).filter((i) => i.external && i.path !== 'electron').map((i) => i.path);
    if (foreign.length) throw new Error(`preload 依赖了沙盒里不可用的模块：${foreign.join(', ')}`);
  }
}

const started = performance.now();
try {
  if (doRenderer) await buildRenderer();
  if (doElectron) await buildElectron();
  console.log(`[build] 完成，共用时 ${seconds(started)}`);
} catch (err) {
  console.error(`[build] 构建失败：${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
