import path from 'node:path';
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { parseDataDirArg } from '../shared/core/data-dir.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import { CoreProcess } from './core-process.ts';
import { registerIpc } from './ipc.ts';
import { buildAppMenu } from './menu.ts';
import { denyPermissions, hardenAllWebContents } from './security.ts';
import { TempFiles } from './temp-files.ts';
import { createMainWindow, focusWindow } from './window.ts';

/**
 * The desktop shell: a window onto the renderer and a utilityProcess hosting the core.
 * Data folder: `--data-dir D`, else RECTIFY_DATA_DIR, else Electron's userData
 * (%APPDATA%\整改台账). A given folder also becomes userData, so the single-instance lock and
 * the page's storage belong to that folder and two data folders can be open at once.
 */
const APP_ID = 'cn.gov.tzb.rectifyledger';

function chosenDataDir(): string | undefined {
  const fromArgs = parseDataDirArg(process.argv);
  if (fromArgs) return fromArgs;
  return process.env.RECTIFY_DATA_DIR ? path.resolve(process.env.RECTIFY_DATA_DIR) : undefined;
}

function main(): void {
  registerAppScheme();
  hardenAllWebContents();
  const explicit = chosenDataDir();
  if (explicit) app.setPath('userData', explicit);
  const dataDir = explicit ?? app.getPath('userData');

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  let mainWindow: BrowserWindow | null = null;
  let openFailureShown = false;
  const core = new CoreProcess(dataDir, (message) => {
    if (openFailureShown) return;
    openFailureShown = true;
    dialog.showErrorBox('无法打开台账数据', `${message}\n\n数据文件夹：${dataDir}`);
  });
  const temp = new TempFiles(path.join(dataDir, 'temp'));

  app.on('second-instance', () => focusWindow(mainWindow));
  app.on('window-all-closed', () => app.quit());

  let coreStopped = false;
  app.on('will-quit', (event) => {
    if (coreStopped) return;
    event.preventDefault();
    void core.stop().finally(() => {
      coreStopped = true;
      app.quit();
    });
  });

  void app.whenReady().then(() => {
    // The database opens while the window loads.
    core.start();
    denyPermissions();
    serveRenderer(path.join(__dirname, '..', 'renderer'));
    registerIpc(core, temp);
    Menu.setApplicationMenu(buildAppMenu({ mainWindow: () => mainWindow, dataDir }));
    mainWindow = createMainWindow();
    mainWindow.on('closed', () => (mainWindow = null));
    void temp.sweep();
    console.log(`整改台账已启动，数据文件夹：${dataDir}`);
  });
}

main();
