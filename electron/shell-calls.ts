import fs from 'node:fs/promises';
import path from 'node:path';
import { app, dialog, shell, type BrowserWindow } from 'electron';
import { z } from 'zod';
import { safeFileName, saveFilters } from './file-names.ts';
import type { TempFiles } from './temp-files.ts';

/** The renderer's non-core calls (DesktopBridge.saveFile / openFile / print), validated here too. */
export const fileOutInput = z.object({
  fileName: z.string().min(1).max(255),
  base64: z.string(),
  mime: z.string().max(200),
});
export const printInput = z.object({
  landscape: z.boolean(),
  title: z.string().max(200),
});

/** Save a file the core produced, where the clerk chooses; a failure is told in a dialog. */
export async function saveWithDialog(owner: BrowserWindow, raw: unknown): Promise<{ saved: boolean; path?: string }> {
  const file = fileOutInput.parse(raw);
  const fileName = safeFileName(file.fileName);
  const chosen = await dialog.showSaveDialog(owner, {
    title: '保存文件',
    defaultPath: path.join(app.getPath('documents'), fileName),
    filters: saveFilters(fileName),
  });
  if (chosen.canceled || !chosen.filePath) return { saved: false };
  try {
    await fs.writeFile(chosen.filePath, Buffer.from(file.base64, 'base64'));
    return { saved: true, path: chosen.filePath };
  } catch (err) {
    await dialog.showMessageBox(owner, {
      type: 'error',
      title: '保存失败',
      message: `无法保存到 ${chosen.filePath}`,
      detail: `${describeWriteError(err)}\n请换一个位置或文件名再试。`,
    });
    return { saved: false };
  }
}

/** Open an evidence file with the program Windows associates with it (Word, WPS, a viewer…). */
export async function openWithSystem(owner: BrowserWindow, raw: unknown, temp: TempFiles): Promise<void> {
  const file = fileOutInput.parse(raw);
  const written = await temp.write('open', file.fileName, Buffer.from(file.base64, 'base64'));
  const error = await shell.openPath(written);
  if (error) {
    await dialog.showMessageBox(owner, {
      type: 'warning',
      title: '无法打开文件',
      message: `没有能打开“${path.basename(written)}”的程序`,
      detail: `${error}\n可以用“另存为”保存后再用其他程序打开。`,
    });
  }
}

function describeWriteError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EBUSY' || code === 'EPERM') return '文件正被其他程序（例如 Excel 或 WPS）打开，或没有写入权限。';
  if (code === 'EACCES') return '没有写入这个位置的权限。';
  if (code === 'ENOSPC') return '磁盘空间不足。';
  return err instanceof Error ? err.message : String(err);
}
