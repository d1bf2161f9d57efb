import type { FileOut, UploadedFile } from '../../contract/common.ts';
import type { SupervisionFileDto } from '../../contract/supervision.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { fileStore, sha256Of } from '../files/store.ts';
import { checkEvidenceFile, mimeOf } from '../ledger/evidence-types.ts';
import { sv } from './tables.ts';

/**
 * Attachments of a 对口监督关系 (its 实施方案) and of a 监督活动: checked like 佐证材料 (documents and
 * images only), stored once by content through the ledger's file store (files/store.ts): on the
 * single-PC ledger in <dataDir>/supervision-files/, which backups and archives carry as a kept
 * folder; on the shared ledger in the database. A deleted relation or activity keeps its file, so a
 * restore from the 回收站 finds it again.
 */
export const SUPERVISION_FILES_DIR = 'supervision-files';

export type FileOwner = { relationId: number } | { activityId: number };

export async function storeSupervisionFiles(trx: Db, actor: Actor, dataDir: string, owner: FileOwner, files: readonly UploadedFile[], onRollback: (undo: () => void) => void): Promise<string[]> {
  const checked = files.map((f) => {
    const bytes = Buffer.from(f.base64, 'base64');
    return { bytes, ...checkEvidenceFile(f.name, bytes) };
  });
  const store = fileStore(trx, dataDir);
  const names: string[] = [];
  for (const { bytes, name } of checked) {
    const sha256 = sha256Of(bytes);
    const rel = `${SUPERVISION_FILES_DIR}/${sha256.slice(0, 2)}/${sha256.slice(0, 16)}-${name}`;
    await store.put(rel, bytes, onRollback);
    await sv(trx)
      .insertInto('supervision_files')
      .values({
        relation_id: 'relationId' in owner ? owner.relationId : null,
        activity_id: 'activityId' in owner ? owner.activityId : null,
        original_name: name,
        stored_path: rel,
        size: bytes.length,
        sha256,
        added_by: actor.operator,
        created_at: actor.at,
      })
      .execute();
    names.push(name);
  }
  return names;
}

export async function filesOf(db: Db, owner: 'relation_id' | 'activity_id', ids: number[]): Promise<Map<number, SupervisionFileDto[]>> {
  const out = new Map<number, SupervisionFileDto[]>();
  if (!ids.length) return out;
  const rows = await sv(db).selectFrom('supervision_files').select(['id', 'original_name', 'size', owner]).where(owner, 'in', ids).orderBy('id').execute();
  for (const r of rows) {
    const key = r[owner] as number;
    out.set(key, [...(out.get(key) ?? []), { id: r.id, name: r.original_name, size: r.size }]);
  }
  return out;
}

export async function readSupervisionFile(db: Db, dataDir: string, id: number): Promise<FileOut> {
  const row = await sv(db).selectFrom('supervision_files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', '找不到该附件，可能已被删除');
  if (!row.stored_path.startsWith(`${SUPERVISION_FILES_DIR}/`) || row.stored_path.split('/').includes('..')) {
    throw new AppError('forbidden', `附件“${row.original_name}”的存放位置不正常，为安全起见未打开。`);
  }
  const store = fileStore(db, dataDir);
  const read = await store.read({ storedPath: row.stored_path, sha256: row.sha256 });
  if (!read.ok && read.problem === 'outside') throw new AppError('forbidden', `附件“${row.original_name}”的存放位置不正常，为安全起见未打开。`);
  if (!read.ok && read.problem === 'missing') throw new AppError('not_found', `附件“${row.original_name}”的文件在${store.kind === 'database' ? '共享数据库' : '数据文件夹'}中缺失`);
  if (!read.ok) throw new AppError('file_refused', `附件“${row.original_name}”的文件已被改动或已损坏，为安全起见未打开。请重新添加这份材料。`);
  const bytes = read.bytes;
  return { fileName: row.original_name, base64: bytes.toString('base64'), mime: mimeOf(row.original_name) };
}

/** Removes the row; the stored file stays while another row (or a 回收站 entry) may use it. */
export async function deleteSupervisionFile(trx: Db, id: number): Promise<{ name: string; relationId: number | null; activityId: number | null }> {
  const row = await sv(trx).selectFrom('supervision_files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', '找不到该附件，可能已被删除');
  await sv(trx).deleteFrom('supervision_files').where('id', '=', id).execute();
  return { name: row.original_name, relationId: row.relation_id, activityId: row.activity_id };
}
