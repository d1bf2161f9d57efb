import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileOut, UploadedFile } from '../../contract/common.ts';
import type { SupervisionFileDto } from '../../contract/supervision.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { checkEvidenceFile, mimeOf } from '../ledger/evidence-types.ts';
import { sv } from './tables.ts';

/**
 * Attachments of a 对口监督关系 (its 实施方案) and of a 监督活动: checked like 佐证材料 (documents and
 * images only), stored once by content in <dataDir>/supervision-files/, which backups and archives
 * carry as a kept folder. A deleted relation or activity keeps its file there, so a restore from the
 * 回收站 finds it again.
 */
export const SUPERVISION_FILES_DIR = 'supervision-files';

export type FileOwner = { relationId: number } | { activityId: number };

export async function storeSupervisionFiles(trx: Db, actor: Actor, dataDir: string, owner: FileOwner, files: readonly UploadedFile[], onRollback: (undo: () => void) => void): Promise<string[]> {
  const checked = files.map((f) => {
    const bytes = Buffer.from(f.base64, 'base64');
    return { bytes, ...checkEvidenceFile(f.name, bytes) };
  });
  const names: string[] = [];
  for (const { bytes, name } of checked) {
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const rel = `${SUPERVISION_FILES_DIR}/${sha256.slice(0, 2)}/${sha256.slice(0, 16)}-${name}`;
    const abs = path.join(dataDir, ...rel.split('/'));
    if (!fs.existsSync(abs)) {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      const temp = `${abs}.${crypto.randomBytes(4).toString('hex')}.part`;
      const fd = fs.openSync(temp, 'wx');
      try {
        fs.writeFileSync(fd, bytes);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, abs);
      onRollback(() => fs.rmSync(abs, { force: true }));
    }
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
  const root = path.resolve(dataDir, SUPERVISION_FILES_DIR);
  const abs = path.resolve(dataDir, row.stored_path);
  if (!abs.startsWith(root + path.sep)) throw new AppError('forbidden', `附件“${row.original_name}”的存放位置不正常，为安全起见未打开。`);
  if (!fs.existsSync(abs)) throw new AppError('not_found', `附件“${row.original_name}”的文件在数据文件夹中缺失`);
  const bytes = fs.readFileSync(abs);
  if (crypto.createHash('sha256').update(bytes).digest('hex') !== row.sha256) {
    throw new AppError('file_refused', `附件“${row.original_name}”的文件已被改动或已损坏，为安全起见未打开。请重新添加这份材料。`);
  }
  return { fileName: row.original_name, base64: bytes.toString('base64'), mime: mimeOf(row.original_name) };
}

/** Removes the row; the stored file stays while another row (or a 回收站 entry) may use it. */
export async function deleteSupervisionFile(trx: Db, id: number): Promise<{ name: string; relationId: number | null; activityId: number | null }> {
  const row = await sv(trx).selectFrom('supervision_files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', '找不到该附件，可能已被删除');
  await sv(trx).deleteFrom('supervision_files').where('id', '=', id).execute();
  return { name: row.original_name, relationId: row.relation_id, activityId: row.activity_id };
}
