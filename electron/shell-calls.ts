import fs from 'node:fs/promises';
import path from 'node:path';
import { app, dialog, shell, type BrowserWindow } from 'electron';
import { z } from 'zod';
import type { Result } from '../shared/errors.ts';
import { isOpenableEvidence, safeFileName, saveFilters } from './file-names.ts';

/** The renderer's non-core calls (DesktopBridge.saveFile / openEvidence / print), validated here too. */
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
  return chooseAndWrite(owner, file.fileName, (target) => fs.writeFile(target, Buffer.from(file.base64, 'base64')));
}

/** The save dialog offering `fileName` in Documents, then `write` to the chosen path; a failure is told in a dialog. */
export async function chooseAndWrite(owner: BrowserWindow, name: string, write: (target: string) => Promise<void>): Promise<{ saved: boolean; path?: string }> {
  const fileName = safeFileName(name);
  const chosen = await dialog.showSaveDialog(owner, {
    title: '保存文件',
    defaultPath: path.join(app.getPath('documents'), fileName),
    filters: saveFilters(fileName),
  });
  if (chosen.canceled || !chosen.filePath) return { saved: false };
  try {
    await write(chosen.filePath);
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

export const openEvidenceInput = z.object({ id: z.number().int().positive() });

/** What the shell needs of the core to open a 佐证材料: its checked, stored path. */
export type LocateEvidence = (id: number) => Promise<Result<unknown>>;

/**
 * Open a 佐证材料 with the program Windows associates with it (Word, WPS, a viewer…). The page
 * sends only the evidence id; the core answers with the stored copy's path after checking its
 * hash, and the shell opens it only when it lies in the data folder's evidence/ with an allowed
 * extension. A refusal is told in a dialog.
 */
export async function openEvidence(owner: BrowserWindow, raw: unknown, dataDir: string, locate: LocateEvidence): Promise<void> {
  const { id } = openEvidenceInput.parse(raw);
  const refuse = (message: string, detail = '可以在数据文件夹的 evidence 文件夹中找到原文件，或重新添加这份材料。') =>
    dialog.showMessageBox(owner, { type: 'warning', title: '无法打开佐证材料', message, detail });
  const reply = await locate(id);
  if (!reply.ok) {
    await refuse(reply.error.message, '');
    return;
  }
  const located = reply.data as { path?: unknown; fileName?: unknown };
  const name = String(located.fileName ?? '');
  const real = await fs.realpath(String(located.path ?? '')).catch(() => null);
  const realDataDir = await fs.realpath(dataDir).catch(() => dataDir);
  if (!real || !isOpenableEvidence(dataDir, real, realDataDir)) {
    await refuse(`佐证材料“${name}”不在数据文件夹的佐证材料目录中，或类型不允许打开，为安全起见未打开。`);
    return;
  }
  const error = await shell.openPath(real);
  if (error) {
    await dialog.showMessageBox(owner, {
      type: 'warning',
      title: '无法打开文件',
      message: `没有能打开“${name}”的程序`,
      detail: `${error}\n请安装能打开这类文件的程序（如 WPS、PDF 阅读器）后再试。`,
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
