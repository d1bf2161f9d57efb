import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from './fixtures.ts';

/** The warning a clerk sees when the data folder sits where the ledger gets damaged. */

const inSyncFolder = base.extend({
  // A folder a sync client would own: on this machine only its name says so, which is what the app checks.
  dataDir: async ({}, use) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-e2e-'));
    const dir = path.join(root, 'OneDrive', '整改台账');
    fs.mkdirSync(dir, { recursive: true });
    await use(dir);
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  },
});

// The clerks' screens.
inSyncFolder.use({ viewport: { width: 1366, height: 768 } });

inSyncFolder('a data folder inside OneDrive: every page says why that is dangerous and what to do', async ({ page }) => {
  const warning = page.getByTestId('data-folder-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('数据文件夹在OneDrive的同步文件夹里：同步软件会在程序写入时复制或替换数据库文件');
  await expect(warning).toContainText('请联系电脑管理员把数据文件夹移到本机磁盘上不同步的文件夹');
  // Still there on another page, and the menu stays usable below it on a 1366×768 screen.
  await page.getByTestId('main-menu').getByText('责任单位').click();
  await expect(warning).toBeVisible();
  if (process.env.RECTIFY_SHOTS) await page.screenshot({ path: path.join(process.env.RECTIFY_SHOTS, 'data-folder-warning.png') });
});

base('a data folder on the local disk shows no warning', async ({ page }) => {
  await expect(page.getByTestId('main-menu')).toBeVisible();
  await expect(page.getByTestId('data-folder-warning')).toHaveCount(0);
});
