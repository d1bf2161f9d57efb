import fs from 'node:fs/promises';
import path from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { z } from 'zod';
import { JOB_ID_PATTERN } from '../shared/contract/jobs.ts';
import { locateExport } from '../shared/core/jobs/exports.ts';
import { safeFileName, saveFilters } from './file-names.ts';

/**
 * Save a file a core job wrote (`<数据文件夹>/exports/<id>/…`) where the clerk chooses. The page
 * sends only the id; the name offered and the file copied are the ones found under exports/ for
 * that id (never a name or path from the page), so hundreds of MB never cross IPC.
 */
const saveExportInput = z.object({ id: z.string().regex(JOB_ID_PATTERN) });

export async function saveExportWithDialog(owner: BrowserWindow, raw: unknown, dataDir: string): Promise<{ saved: boolean; path?: string }> {
  const parsed = saveExportInput.safeParse(raw);
  const file = parsed.success ? locateExport(dataDir, parsed.data.id) : null;
  if (!file) {
    await dialog.showMessageBox(owner, {
      type: 'warning',
      title: '无法保存',
      message: '找不到要保存的文件',
      detail: '导出的文件只保留一天，可能已被清理。请重新生成。',
    });
    return { saved: false };
  }
  const fileName = safeFileName(file.fileName);
  const chosen = await dialog.showSaveDialog(owner, {
    title: '保存文件',
    defaultPath: path.join(app.getPath('documents'), fileName),
    filters: saveFilters(fileName),
  });
  if (chosen.canceled || !chosen.filePath) return { saved: false };
  try {
    await fs.copyFile(file.path, chosen.filePath);
    return { saved: true, path: chosen.filePath };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    const why =
      code === 'EBUSY' || code === 'EPERM' ? '文件正被其他程序（例如 Excel 或 WPS）打开，或没有写入权限。'
      : code === 'ENOSPC' ? '磁盘空间不足。'
      : err instanceof Error ? err.message : String(err);
    await dialog.showMessageBox(owner, { type: 'error', title: '保存失败', message: `无法保存到 ${chosen.filePath}`, detail: `${why}\n请换一个位置或文件名再试。` });
    return { saved: false };
  }
}
