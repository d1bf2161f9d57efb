import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Build the renderer when dist/renderer is missing or older than what it is built from.
 * Several test runs may start at once on this machine: a lock folder lets one build while the
 * others wait for it and then find the build fresh.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const built = path.join(root, 'dist/renderer/index.html');
const sources = ['renderer', 'shared/contract', 'shared/domain', 'vite.config.ts'].map((p) => path.join(root, p));
const lockDir = path.join(root, 'dist/.renderer-build-lock');

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function isFresh(): boolean {
  return fs.existsSync(built) && fs.statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime));
}

async function waitForOtherBuild(): Promise<void> {
  const until = Date.now() + 180_000;
  while (fs.existsSync(lockDir) && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
}

export default async function globalSetup(): Promise<void> {
  if (process.env.RECTIFY_SKIP_BUILD || isFresh()) return;
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  try {
    fs.mkdirSync(lockDir);
  } catch {
    await waitForOtherBuild();
    if (isFresh()) return;
    fs.mkdirSync(lockDir, { recursive: true });
  }
  try {
    console.log('正在构建界面（vite build）…');
    execFileSync(path.join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
