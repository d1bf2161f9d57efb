import { app, dialog, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { SHELL_IPC } from './ipc-names.ts';

export interface MenuContext {
  mainWindow: () => BrowserWindow | null;
  dataDir: string;
}

/** The application menu, in Chinese. 开发者工具 exists only when running from source. */
export function buildAppMenu(context: MenuContext): Menu {
  const win = context.mainWindow;
  const view: MenuItemConstructorOptions[] = [
    // The page keeps where the clerk was (and the ledger's filters) in its URL, so a reload is safe.
    { label: '刷新', accelerator: 'F5', click: () => win()?.webContents.reload() },
    { type: 'separator' },
    { label: '实际大小', role: 'resetZoom' },
    { label: '放大', role: 'zoomIn' },
    { label: '缩小', role: 'zoomOut' },
    { type: 'separator' },
    { label: '全屏', role: 'togglefullscreen' },
  ];
  if (!app.isPackaged) {
    view.push({ type: 'separator' }, { label: '开发者工具', accelerator: 'CmdOrCtrl+Shift+I', click: () => win()?.webContents.toggleDevTools() });
  }

  return Menu.buildFromTemplate([
    {
      label: '文件(&F)',
      submenu: [
        // The page decides what "what is on screen" means (ledger landscape, 交办单 portrait).
        { label: '打印…', accelerator: 'CmdOrCtrl+P', click: () => win()?.webContents.send(SHELL_IPC.printRequested) },
        { type: 'separator' },
        { label: '打开数据文件夹', click: () => void shell.openPath(context.dataDir) },
        { type: 'separator' },
        { label: '退出', accelerator: 'Alt+F4', role: 'quit' },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    { label: '视图(&V)', submenu: view },
    {
      label: '帮助(&H)',
      submenu: [
        {
          label: '关于整改台账',
          click: () => {
            const owner = win();
            const options = {
              type: 'info' as const,
              title: '关于整改台账',
              message: `整改台账 ${app.getVersion()}`,
              detail: `民主监督反馈问题整改的台账、报告与打印。\n\n数据文件夹：${context.dataDir}\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
              buttons: ['确定'],
            };
            void (owner ? dialog.showMessageBox(owner, options) : dialog.showMessageBox(options));
          },
        },
      ],
    },
  ]);
}
