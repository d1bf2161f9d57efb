import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { OfficeTemplateDto } from '../../../contract/report-template.ts';
import { AppError } from '../../../errors.ts';
import type { Core } from '../../context.ts';
import type { Db } from '../../db/open.ts';
import { getSetting, putSetting } from '../../ledger/settings.ts';
import { audit, withWrite } from '../../ledger/write.ts';

/**
 * The office's template is copied into the data folder (templates/), never read from where the
 * clerk picked it, and named in settings ('reportTemplate'). Each saved version keeps its own file
 * (named by time and hash), so replacing or removing a template never loses the earlier one.
 */
export const TEMPLATES_DIR = 'templates';
const KEY = 'reportTemplate';

interface SavedTemplate extends OfficeTemplateDto {
  /** Relative to the data folder, with '/'. */
  storedPath: string;
  sha256: string;
}

export async function templateInfo(db: Db): Promise<OfficeTemplateDto | null> {
  const saved = await getSetting<SavedTemplate | null>(db, KEY);
  if (!saved) return null;
  const { fileName, savedAt, size, tags } = saved;
  return { fileName, savedAt, size, tags };
}

/** The saved template's bytes, checked against the hash recorded when it was saved. */
export async function readSavedTemplate(db: Db, dataDir: string): Promise<{ fileName: string; bytes: Buffer }> {
  const saved = await getSetting<SavedTemplate | null>(db, KEY);
  if (!saved) throw new AppError('not_found', '还没有选择本单位的报告模板。请先在“报表”页选择模板文件（可先下载示例模板修改）。');
  const root = path.resolve(dataDir, TEMPLATES_DIR);
  const abs = path.resolve(dataDir, saved.storedPath);
  if (!abs.startsWith(root + path.sep)) throw new AppError('forbidden', '模板的存放位置不正常，为安全起见未使用。请重新选择模板。');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(abs);
  } catch {
    throw new AppError('not_found', `模板文件“${saved.fileName}”在数据文件夹中缺失。请重新选择模板。`);
  }
  if (crypto.createHash('sha256').update(bytes).digest('hex') !== saved.sha256) {
    throw new AppError('file_refused', `模板文件“${saved.fileName}”已被改动或损坏（与保存时不一致）。请重新选择模板。`);
  }
  return { fileName: saved.fileName, bytes };
}

/** Keep `bytes` as the office's template: the file, the setting and the audit entry in one write. */
export async function saveTemplate(core: Core, fileName: string, bytes: Buffer, tags: string[]): Promise<OfficeTemplateDto> {
  return withWrite(core, async (trx, actor, onRollback) => {
    const before = await templateInfo(trx);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const stamp = actor.at.replace(/[^0-9]/g, '').slice(0, 14);
    const storedPath = `${TEMPLATES_DIR}/${stamp}-${sha256.slice(0, 12)}.docx`;
    const abs = path.join(core.dataDir, ...storedPath.split('/'));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    if (!fs.existsSync(abs)) {
      const temp = `${abs}.part`;
      fs.writeFileSync(temp, bytes);
      fs.renameSync(temp, abs);
      onRollback(() => fs.rmSync(abs, { force: true }));
    }
    const saved: SavedTemplate = { fileName, savedAt: actor.at, size: bytes.length, tags, storedPath, sha256 };
    await putSetting(trx, KEY, saved);
    await audit(trx, actor, { action: before ? 'update' : 'create', entity: 'settings', entityId: null, before: before ? { reportTemplate: before.fileName } : undefined, after: { reportTemplate: fileName } });
    const { storedPath: _p, sha256: _s, ...dto } = saved;
    return dto;
  });
}

/** Stop using the saved template (its file stays in templates/). */
export async function removeTemplate(core: Core): Promise<{ removed: boolean }> {
  return withWrite(core, async (trx, actor) => {
    const before = await templateInfo(trx);
    if (!before) return { removed: false };
    await putSetting(trx, KEY, null);
    await audit(trx, actor, { action: 'update', entity: 'settings', entityId: null, before: { reportTemplate: before.fileName }, after: { reportTemplate: null } });
    return { removed: true };
  });
}
