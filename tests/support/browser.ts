import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { LaunchOptions } from '@playwright/test';

/** Debian's Chromium where it exists (Playwright cannot download its own here); else Playwright's. */
export function launchOptions(): LaunchOptions {
  const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  if (!system) return {};
  return {
    executablePath: system,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'],
  };
}

/** What browser mode prints once it listens (`RECTIFY_READY {…}`). */
export interface ServerReady {
  url: string;
  token: string;
  openUrl: string;
}

/**
 * Browser mode on a data folder, as `npm start` runs it, for the benches that time pages in
 * Chromium: resolves once the server says it is ready. The caller kills `server` when done.
 */
export function startBrowserMode(dataDir: string): { server: ChildProcess; ready: Promise<ServerReady> } {
  const server = spawn(path.join('node_modules', '.bin', 'tsx'), ['shared/server/main.ts', '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<ServerReady>((resolve, reject) => {
    let buf = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      const m = /RECTIFY_READY (.+)/.exec(buf);
      if (m) resolve(JSON.parse(m[1]) as ServerReady);
    });
    server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { server, ready };
}
