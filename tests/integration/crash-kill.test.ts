import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../shared/core/context.ts';
import { invoke } from '../../shared/core/invoke.ts';
import { makeFixtures } from '../fixtures/import/make-fixtures.ts';
import { checkFolder, readJournal } from '../support/crash-checks.ts';
import { seededRng } from '../support/fuzz-mutations.ts';

/**
 * A writer killed with SIGKILL at random moments (crash-child.ts: imports, edits, deletes,
 * evidence added and deleted, each committed write journaled after its commit). After each kill
 * the folder is opened again — taking over the dead writer's lock — and checked (crash-checks.ts).
 * Two folders are worked at once, one per core. CRASH_KILLS and CRASH_SEED widen or replay a run.
 *
 * The writer is crash-child.ts bundled by esbuild the way scripts/build.mjs bundles the core host
 * (CommonJS, import-worker.cjs beside it for the import reader) and run by plain node: under tsx
 * each start costs 3.5–5 s (its hooks slow every require of exceljs, kysely…), which would make
 * 50 kills take over four minutes. CRASH_RUNNER=tsx runs the source under tsx instead.
 */
const KILLS = Number(process.env.CRASH_KILLS ?? 50);
const SEED = Number(process.env.CRASH_SEED ?? 8);
const LANES = 2;
/** A kill lands this long after the writer is ready: long enough for tens of writes, short enough to land in one. */
const KILL_WINDOW_MS = [30, 1500] as const;
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'support', 'crash-child.ts');
const ROOT = path.join(path.dirname(CHILD), '..', '..');
/** Inside the project, so better-sqlite3 (left out of the bundle, as in the app) resolves. */
const BUNDLE_DIR = path.join(ROOT, 'node_modules', '.cache', 'rectify-crash-child', String(process.pid));
const childArgs = () => (process.env.CRASH_RUNNER === 'tsx' ? ['--import', 'tsx', CHILD] : [path.join(BUNDLE_DIR, 'crash-child.cjs')]);

/** The same shape as scripts/build.mjs: CommonJS, import.meta.url = the bundle's own file. */
async function bundleWriter(): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: { 'crash-child': CHILD, 'import-worker': path.join(ROOT, 'shared/core/import/parse-worker.ts') },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outdir: BUNDLE_DIR,
    outExtension: { '.js': '.cjs' },
    external: ['better-sqlite3', '@resvg/resvg-js'],
    logLevel: 'error',
    define: { 'import.meta.url': '__rectifyImportMetaUrl', 'import.meta.resolve': '__rectifyImportMetaResolve' },
    banner: {
      js: [
        'const __rectifyImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
        'const __rectifyImportMetaResolve = (specifier) => require("node:url").pathToFileURL(require.resolve(specifier)).href;',
      ].join('\n'),
    },
  });
}

interface ImportFile {
  file: { name: string; base64: string };
  newUnits: string[];
  findings: number;
}

/** Start a writer, wait until it is writing, kill it at a random moment; resolves once it is dead. */
async function killWriter(config: object, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, [...childArgs(), JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 30_000);
    child.stdout.on('data', (d) => String(d).includes('READY') && (clearTimeout(timer), resolve(true)));
    void exited.then(() => (clearTimeout(timer), resolve(false)));
  });
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`writer did not start: ${stderr.replace(/.*DeprecationWarning.*\n?/g, '').slice(-800)}`);
  }
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  const { code, signal } = await exited;
  if (signal !== 'SIGKILL') throw new Error(`writer ended by itself (code ${code}) before the kill: ${stderr.slice(-800)}`);
}

describe('killed at any moment, the ledger stays whole', () => {
  let dir = '';
  let importFile: ImportFile;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-crash-'));
    if (process.env.CRASH_RUNNER !== 'tsx') await bundleWriter();
    const fixtures = await makeFixtures(path.join(dir, 'fixtures'));
    const file = { name: '01-basic.xlsx', base64: fs.readFileSync(fixtures['01-basic.xlsx']).toString('base64') };
    // What the file brings, as the clerk's preview shows it: its findings and the units to confirm.
    const core = await openCore({ dataDir: path.join(dir, 'preview'), mode: 'test' });
    try {
      const reply = await invoke(core, 'import:preview', { file });
      if (!reply.ok) throw new Error(reply.error.message);
      const preview = reply.data as { totals: { findings: number }; units: { name: string; existing: unknown }[] };
      importFile = { file, newUnits: preview.units.filter((u) => !u.existing).map((u) => u.name), findings: preview.totals.findings };
    } finally {
      await core.close();
    }
  }, 60_000);
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(BUNDLE_DIR, { recursive: true, force: true });
  });

  it(`${KILLS} kills: integrity, whole imports, audit = journal, no orphan files`, async () => {
    const started = performance.now();
    const lane = async (laneNo: number) => {
      const rng = seededRng(SEED * 1000 + laneNo);
      const dataDir = path.join(dir, `lane${laneNo}`);
      const journal = path.join(dir, `lane${laneNo}.journal`);
      const figures = { kills: 0, unjournaled: 0, swept: 0, problems: [] as string[], imports: { whole: 0, empty: 0 } };
      for (let k = laneNo; k < KILLS; k += LANES) {
        const delay = KILL_WINDOW_MS[0] + Math.floor(rng() * (KILL_WINDOW_MS[1] - KILL_WINDOW_MS[0]));
        await killWriter({ dataDir, journal, seed: SEED * 1000 + k, importFile: importFile.file, newUnits: importFile.newUnits }, delay);
        figures.kills++;
        const check = await checkFolder(dataDir, journal, importFile.findings);
        figures.problems.push(...check.problems.map((p) => `kill ${k + 1} (after ${delay} ms): ${p}`));
        figures.unjournaled = check.unjournaled;
        figures.swept += check.swept;
        figures.imports = check.imports;
        if (check.problems.length) break;
      }
      const { entries, fragments } = readJournal(journal);
      const byOp = entries.reduce<Record<string, number>>((m, e) => ((m[e.op] = (m[e.op] ?? 0) + 1), m), {});
      return { ...figures, committed: entries.length, fragments, byOp };
    };
    const lanes = await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)));

    const kills = lanes.reduce((n, l) => n + l.kills, 0);
    const committed = lanes.reduce((n, l) => n + l.committed, 0);
    const unjournaled = lanes.reduce((n, l) => n + l.unjournaled, 0);
    console.log(
      `[crash] seed ${SEED}: ${kills} kills in ${Math.round((performance.now() - started) / 1000)} s; ${committed} steps committed and journaled ` +
        `(${lanes.map((l) => JSON.stringify(l.byOp)).join(' + ')}); imports whole ${lanes.map((l) => l.imports.whole).join('+')}, ` +
        `rolled back to empty ${lanes.map((l) => l.imports.empty).join('+')}; committed but killed before the journal line ${unjournaled}; ` +
        `orphan files swept ${lanes.reduce((n, l) => n + l.swept, 0)}; journal lines cut short ${lanes.reduce((n, l) => n + l.fragments, 0)}`,
    );
    expect(lanes.flatMap((l) => l.problems)).toEqual([]);
    expect(kills).toBe(KILLS);
    // A kill can cost at most the journal line of the write it interrupted.
    expect(unjournaled).toBeLessThanOrEqual(kills);
    expect(committed).toBeGreaterThan(kills * 5);
  }, 300_000);
});
