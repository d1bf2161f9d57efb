import type { OfficeTemplateDto } from '../../../contract/report-template.ts';
import { AppError } from '../../../errors.ts';
import type { Core } from '../../context.ts';
import type { Db } from '../../db/open.ts';
import { fileStore, sha256Of } from '../../files/store.ts';
import { getSetting, putSetting } from '../../ledger/settings.ts';
import { audit, withWrite } from '../../ledger/write.ts';

/**
 * The office's template is copied into the ledger's file store (files/store.ts: the data folder's
 * templates/ on one PC, the database on the shared ledger, so every clerk fills the same template),
 * never read from where the clerk picked it, and named in settings ('reportTemplate'). Each saved
 * version keeps its own file (named by time and hash), so replacing or removing a template never
 * loses the earlier one.
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
  if (!saved.storedPath.startsWith(`${TEMPLATES_DIR}/`) || saved.storedPath.split('/').includes('..')) {
    throw new AppError('forbidden', '模板的存放位置不正常，为安全起见未使用。请重新选择模板。');
  }
  const store = fileStore(db, dataDir);
  const read = await store.read({ storedPath: saved.storedPath, sha256: saved.sha256 });
  if (!read.ok && read.problem === 'outside') throw new AppError('forbidden', '模板的存放位置不正常，为安全起见未使用。请重新选择模板。');
  if (!read.ok && read.problem === 'missing') {
    throw new AppError('not_found', `模板文件“${saved.fileName}”在${store.kind === 'database' ? '共享数据库' : '数据文件夹'}中缺失。请重新选择模板。`);
  }
  if (!read.ok) throw new AppError('file_refused', `模板文件“${saved.fileName}”已被改动或损坏（与保存时不一致）。请重新选择模板。`);
  return { fileName: saved.fileName, bytes: read.bytes };
}

/** Keep `bytes` as the office's template: the file, the setting and the audit entry in one write. */
export async function saveTemplate(core: Core, fileName: string, bytes: Buffer, tags: string[]): Promise<OfficeTemplateDto> {
  return withWrite(core, async (trx, actor, onRollback) => {
    const before = await templateInfo(trx);
    const sha256 = sha256Of(bytes);
    const stamp = actor.at.replace(/[^0-9]/g, '').slice(0, 14);
    const storedPath = `${TEMPLATES_DIR}/${stamp}-${sha256.slice(0, 12)}.docx`;
    await fileStore(trx, core.dataDir).put(storedPath, bytes, onRollback, { keepForGood: true });
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
