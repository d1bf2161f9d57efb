import fs from 'node:fs/promises';
import { dialog, type BrowserWindow } from 'electron';
import { z } from 'zod';
import { JOB_ID_PATTERN } from '../shared/contract/jobs.ts';
import { locateExport } from '../shared/core/jobs/exports.ts';
import { chooseAndWrite } from './shell-calls.ts';

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
  return chooseAndWrite(owner, file.fileName, (target) => fs.copyFile(file.path, target));
}
