import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: the real renderer in Chromium through browser mode (tests/e2e), and the
 * Electron smoke test where an Electron binary exists (tests/electron). Each e2e test gets its
 * own data folder and server from tests/e2e/fixtures.ts; the renderer is built once by the
 * global setup when dist/renderer is missing or older than its sources.
 */
const systemChromium = '/usr/bin/chromium';
const useSystemChromium = fs.existsSync(systemChromium);

export default defineConfig({
  testDir: './tests',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  globalSetup: './tests/e2e/global-setup.ts',
  // The machine is shared; more workers would only make each test slower.
  workers: Number(process.env.RECTIFY_E2E_WORKERS) || 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list']],
  // Several people may run tests in one tree at once: RECTIFY_E2E_OUT keeps their artifacts apart.
  outputDir: process.env.RECTIFY_E2E_OUT || 'test-results',
  use: {
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    actionTimeout: 15_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: useSystemChromium
      ? {
          executablePath: systemChromium,
          args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
        }
      : {},
  },
});
