import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileOut, UploadedFile } from '../../contract/common.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { afterCommit } from './write.ts';

/**
 * 佐证材料 are copied into the data folder (evidence/<measure id>/…), never referenced at the
 * path they came from: a USB stick or a download folder does not last.
 */
export const EVIDENCE_DIR = 'evidence';

const MIME: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.txt': 'text/plain; charset=utf-8',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.wps': 'application/vnd.ms-works',
  '.ofd': 'application/ofd',
};

export function mimeOf(name: string): string {
  return MIME[path.extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** A file name safe on Windows: no path parts, no reserved characters, not too long. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').replace(/^\.+/, '_');
  const ext = path.extname(base).slice(0, 10);
  const stem = base.slice(0, base.length - path.extname(base).length).slice(0, 80) || '文件';
  return stem + ext;
}

export async function storeEvidence(
  trx: Db,
  actor: Actor,
  dataDir: string,
  measureId: number,
  files: readonly UploadedFile[],
  progressEntryId: number | null,
  onRollback: (undo: () => void) => void,
): Promise<number[]> {
  const ids: number[] = [];
  for (const file of files) {
    const bytes = Buffer.from(file.base64, 'base64');
    if (bytes.length === 0) throw new AppError('invalid_input', `文件“${file.name}”是空文件，未添加`);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const name = safeFileName(file.name);
    const rel = path.join(EVIDENCE_DIR, String(measureId), `${sha256.slice(0, 12)}-${name}`);
    const abs = path.join(dataDir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    if (!fs.existsSync(abs)) {
      fs.writeFileSync(abs, bytes);
      onRollback(() => fs.rmSync(abs, { force: true }));
    }
    const row = await trx
      .insertInto('evidence_files')
      .values({
        measure_id: measureId,
        progress_entry_id: progressEntryId,
        original_name: name,
        stored_path: rel.split(path.sep).join('/'),
        size: bytes.length,
        sha256,
        added_by: actor.operator,
        created_at: actor.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

export async function readEvidence(db: Db, dataDir: string, id: number): Promise<FileOut> {
  const row = await db.selectFrom('evidence_files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', '找不到该佐证材料，可能已被删除');
  const abs = path.join(dataDir, row.stored_path);
  if (!fs.existsSync(abs)) throw new AppError('not_found', `佐证材料文件“${row.original_name}”在数据文件夹中缺失`);
  return { fileName: row.original_name, base64: fs.readFileSync(abs).toString('base64'), mime: mimeOf(row.original_name) };
}

/** Files of measures being deleted; removed from disk once the deletion has committed. */
export async function removeEvidenceFilesOf(trx: Db, dataDir: string, of: { findingIds?: number[]; measureIds?: number[] }): Promise<void> {
  let q = trx.selectFrom('evidence_files as e').innerJoin('measures as m', 'm.id', 'e.measure_id').select('e.stored_path');
  if (of.findingIds) q = q.where('m.finding_id', 'in', of.findingIds.length ? of.findingIds : [-1]);
  if (of.measureIds) q = q.where('m.id', 'in', of.measureIds.length ? of.measureIds : [-1]);
  for (const row of await q.execute()) afterCommit(trx, () => fs.rmSync(path.join(dataDir, row.stored_path), { force: true }));
}
