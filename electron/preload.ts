import { contextBridge, ipcRenderer } from 'electron';
import type { FileOut } from '../shared/contract/index.ts';
import type { DesktopBridge } from '../renderer/api.ts';
import { PRINT_REQUEST_EVENT, SHELL_IPC, coreIpc, readChannelsArg } from './ipc-names.ts';

/**
 * The page's only door to the desktop: `window.rectify`, exactly the renderer's DesktopBridge.
 * No ipcRenderer, no Node. Compiled to CommonJS: a sandboxed preload cannot be an ES module.
 */
// The contract's channel names arrive from the main process (webPreferences.additionalArguments),
// which keeps zod and every schema out of the preload that runs on each page load.
const known = new Set<string>(readChannelsArg(process.argv));

const bridge: DesktopBridge = {
  async invoke(channel, input) {
    if (typeof channel !== 'string' || !known.has(channel)) {
      return { ok: false, error: { code: 'not_found', message: `未知的操作：${String(channel)}` } };
    }
    try {
      return await ipcRenderer.invoke(coreIpc(channel), input);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { code: 'internal', message: `无法把这次操作交给后台处理：${message}` } };
    }
  },
  saveFile: (file: FileOut) => ipcRenderer.invoke(SHELL_IPC.saveFile, plainFile(file)),
  saveExport: (file) => ipcRenderer.invoke(SHELL_IPC.saveExport, { id: String(file?.id ?? '') }),
  openEvidence: (id: number) => ipcRenderer.invoke(SHELL_IPC.openEvidence, { id: Number(id) }),
  print: (options) => ipcRenderer.invoke(SHELL_IPC.print, { landscape: !!options?.landscape, title: String(options?.title ?? '') }),
};

contextBridge.exposeInMainWorld('rectify', bridge);

/**
 * The menu's 打印 (Ctrl+P): the page may cancel the event and call `rectify.print` with its own
 * orientation and title; otherwise the screen is printed landscape, as the ledger is.
 */
ipcRenderer.on(SHELL_IPC.printRequested, () => {
  const unhandled = window.dispatchEvent(new Event(PRINT_REQUEST_EVENT, { cancelable: true }));
  if (unhandled) void bridge.print({ landscape: true, title: document.title });
});

function plainFile(file: FileOut): FileOut {
  return { fileName: String(file?.fileName ?? ''), base64: String(file?.base64 ?? ''), mime: String(file?.mime ?? '') };
}
