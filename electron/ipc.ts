import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../shared/contract/index.ts';
import type { Result } from '../shared/errors.ts';
import type { CoreProcess } from './core-process.ts';
import { SHELL_IPC, coreIpc } from './ipc-names.ts';
import { openPrintPreview } from './print.ts';
import { isOwnPage } from './security.ts';
import { notifyOpeningReminder } from './reminder.ts';
import { saveExportWithDialog } from './save-export.ts';
import { openEvidence, printInput, saveWithDialog } from './shell-calls.ts';
import type { TempFiles } from './temp-files.ts';

const REFUSED: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: '拒绝访问：这个请求不是来自整改台账自己的页面' },
};

/**
 * One handler per contract channel, each forwarding to the core's process and returning its
 * Result as is; plus the shell's own calls (save, open, print).
 */
export function registerIpc(core: CoreProcess, temp: TempFiles): void {
  for (const channel of CHANNEL_NAMES) {
    // The stored path of a 佐证材料 is for the shell's own open call, not for the page.
    if (channel === 'evidence:locate') continue;
    ipcMain.handle(coreIpc(channel), (event, input: unknown) => {
      if (!isOwnPage(event.senderFrame)) return REFUSED;
      return core.invoke(channel, input).then((reply) => {
        notifyOpeningReminder(channel, reply, () => BrowserWindow.fromWebContents(event.sender)?.show());
        return reply;
      });
    });
  }

  ipcMain.handle(SHELL_IPC.saveFile, (event, file: unknown) => saveWithDialog(ownerOf(event), file));
  ipcMain.handle(SHELL_IPC.saveExport, (event, input: unknown) => saveExportWithDialog(ownerOf(event), input, core.dataDir));
  ipcMain.handle(SHELL_IPC.openEvidence, (event, input: unknown) =>
    openEvidence(ownerOf(event), input, core.dataDir, (id) => core.invoke('evidence:locate', { id })),
  );
  ipcMain.handle(SHELL_IPC.print, async (event, options: unknown) => {
    const owner = ownerOf(event);
    try {
      await openPrintPreview(owner, printInput.parse(options), temp);
    } catch (err) {
      await dialog.showMessageBox(owner, {
        type: 'error',
        title: '无法打印',
        message: '生成打印预览时出错',
        detail: err instanceof Error ? err.message : String(err),
      });
    }
  });
}

/** The window a shell call came from; refuses callers that are not our own page. */
function ownerOf(event: IpcMainInvokeEvent): BrowserWindow {
  const owner = BrowserWindow.fromWebContents(event.sender);
  if (!isOwnPage(event.senderFrame) || !owner) throw new Error('拒绝访问：这个请求不是来自整改台账自己的页面');
  return owner;
}
