import fs from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Menu, dialog, shell } from 'electron';
import { safeFileName, saveFilters } from './file-names.ts';
import type { TempFiles } from './temp-files.ts';

export interface PrintRequest {
  landscape: boolean;
  title: string;
}

const FOOTER =
  '<div style="width:100%;font-size:9px;text-align:center;color:#333;font-family:\'Microsoft YaHei\',\'SimSun\',sans-serif">' +
  '第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</div>';

/**
 * Print what is on screen: the page (with its print CSS) is laid out on A4 by printToPDF and
 * shown in a preview window, from whose toolbar the clerk prints or saves. Not silent printing:
 * on Windows it ignores page size and orientation (see LIBRARY-NOTES).
 */
export async function openPrintPreview(owner: BrowserWindow, request: PrintRequest, temp: TempFiles): Promise<void> {
  const pdf = await owner.webContents.printToPDF({
    pageSize: 'A4',
    landscape: request.landscape,
    printBackground: true,
    // The page's @page rules choose orientation per view (landscape ledger, portrait 交办单).
    preferCSSPageSize: true,
    displayHeaderFooter: true,
    headerTemplate: '<div></div>',
    footerTemplate: FOOTER,
    margins: { top: 0.4, bottom: 0.55, left: 0.4, right: 0.4 },
  });
  const title = request.title.trim() || '整改台账';
  const file = await temp.write('print', `${safeFileName(title, '打印')}.pdf`, pdf);

  const preview = new BrowserWindow({
    parent: owner,
    title: `打印预览 — ${title}`,
    width: request.landscape ? 1200 : 900,
    height: 860,
    show: false,
    autoHideMenuBar: false,
    webPreferences: {
      // The built-in PDF viewer needs plugins; the window has no preload and no Node.
      plugins: true,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    },
  });
  let handedToSystem = false;
  const openWithSystem = async () => {
    handedToSystem = true;
    const error = await shell.openPath(file);
    if (error) dialog.showErrorBox('无法打开打印预览', `${error}\n文件位置：${file}`);
  };
  preview.setMenu(previewMenu(preview, owner, request, pdf, openWithSystem));
  preview.once('ready-to-show', () => preview.show());
  preview.on('page-title-updated', (event) => event.preventDefault());
  preview.on('closed', () => {
    if (!handedToSystem) void temp.remove(file);
  });
  try {
    await preview.loadURL(pathToFileURL(file).href);
  } catch {
    // No built-in PDF viewer (it would turn the load into a download): use the system's reader.
    handedToSystem = true;
    if (!preview.isDestroyed()) preview.destroy();
    await openWithSystem();
  }
}

function previewMenu(
  preview: BrowserWindow,
  owner: BrowserWindow,
  request: PrintRequest,
  pdf: Buffer,
  openWithSystem: () => Promise<void>,
): Menu {
  return Menu.buildFromTemplate([
    {
      label: '文件',
      submenu: [
        { label: '用系统的 PDF 阅读器打开（可打印）', click: () => void openWithSystem() },
        {
          label: '另存为 PDF…',
          accelerator: 'CmdOrCtrl+S',
          click: async () => {
            const chosen = await dialog.showSaveDialog(preview, {
              title: '另存为 PDF',
              defaultPath: `${safeFileName(request.title, '打印')}.pdf`,
              filters: saveFilters('x.pdf'),
            });
            if (chosen.canceled || !chosen.filePath) return;
            await fs.writeFile(chosen.filePath, pdf).catch((err: Error) => dialog.showErrorBox('保存失败', err.message));
          },
        },
        {
          label: '用打印机对话框直接打印页面…',
          click: () =>
            owner.webContents.print({ silent: false, printBackground: true, landscape: request.landscape, pageSize: 'A4' }, (ok, reason) => {
              if (!ok && reason !== 'Print job canceled' && reason !== 'cancelled') dialog.showErrorBox('打印失败', reason);
            }),
        },
        { type: 'separator' },
        { label: '关闭预览', accelerator: 'CmdOrCtrl+W', click: () => preview.close() },
      ],
    },
  ]);
}
