import fs from 'node:fs';
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
