import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { CHANNEL_NAMES } from '../shared/contract/index.ts';
import { APP_ENTRY } from './app-protocol.ts';
import { channelsArg } from './ipc-names.ts';

/** The ledger's window: isolated, sandboxed, no Node, our page only. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: '整改台账',
    show: false,
    backgroundColor: '#f5f5f5',
    // Windows takes the icon from the .exe; Linux (development) needs it here.
    icon: process.platform === 'linux' ? path.join(app.getAppPath(), 'resources', 'icon.png') : undefined,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !app.isPackaged,
      additionalArguments: [channelsArg(CHANNEL_NAMES)],
    },
  });
  win.once('ready-to-show', () => {
    if (win.isMinimized()) win.restore();
    win.show();
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    const choice = dialog.showMessageBoxSync(win, {
      type: 'error',
      title: '整改台账',
      message: '页面意外停止工作',
      detail: `原因：${details.reason}。已保存的数据不受影响。`,
      buttons: ['重新载入', '关闭'],
      defaultId: 0,
    });
    if (choice === 0) void win.loadURL(APP_ENTRY);
    else win.close();
  });
  void win.loadURL(APP_ENTRY);
  return win;
}

/** A second launch brings the existing window forward instead of opening the database twice. */
export function focusWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
