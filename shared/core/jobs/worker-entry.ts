import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Start one of the core's worker threads, from source or from the bundle alike.
 *
 * In the esbuild bundle (dist/electron/*.cjs, whose import.meta.url is defined as the bundle's own
 * file) each worker is its own bundle beside core-host.cjs (scripts/build.mjs). From source (tsx,
 * vitest) Node 20 does not hand tsx's loader to a worker (tsx issue #354: "Unknown file extension
 * .ts", with `execArgv: ['--import', 'tsx']` too), so a one-line prelude registers tsx, then
 * imports the .ts entry.
 *
 * `source` is the .ts entry (`new URL('./x-worker.ts', import.meta.url)` in the caller);
 * `bundled` the name of its bundle, e.g. 'import-worker.cjs'.
 */
export function startWorkerThread(source: URL, bundled: string, resourceLimits?: ResourceLimits): Worker {
  const here = import.meta.url;
  if (here.endsWith('.cjs')) return new Worker(new URL(`./${bundled}`, here), { resourceLimits });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const prelude = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(prelude, { eval: true, resourceLimits });
}
