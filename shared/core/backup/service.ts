import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors.ts';
import type { FileOut } from '../../contract/common.ts';
import type { BackupEntryDto, BackupOverviewDto, BackupReason, RestoreResultDto } from '../../contract/backup.ts';
import type { Core } from '../context.ts';
import { putSetting } from '../ledger/settings.ts';
import { audit, withWrite } from '../ledger/write.ts';
import { writeArchive, type ArchiveEntry } from './archive.ts';
import { sha256 } from './files.ts';
import { archiveNameOf } from './names.ts';
import { refusedUntouched, restoreStaged } from './restore.ts';
import { takeSnapshot } from './snapshot.ts';
import { stageArchive, stageBackup } from './stage.ts';
import { BACKUP_SETTING_KEY, backupDir, blobPath, entryOf, keepFrom, listManifests, readLastRestore, readManifest, rotate, serialized } from './store.ts';
import { sqliteOf } from '../db/open.ts';

/** What the doors (channels, CLI, start-up) call. Each runs alone per data folder. */

export function createBackup(core: Core, reason: BackupReason): Promise<BackupEntryDto> {
  return serialized(core.dataDir, async () => entryOf(await takeSnapshot({ dataDir: core.dataDir, sqlite: sqliteOf(core), reason, now: core.now() })));
}

export function backupOverview(core: Core): BackupOverviewDto {
  return { backups: listManifests(core.dataDir).map(entryOf), keep: keepFrom(sqliteOf(core)), lastRestore: readLastRestore(core.dataDir) };
}

export async function setBackupKeep(core: Core, keep: number): Promise<{ keep: number }> {
  await withWrite(core, async (trx, actor) => {
    await putSetting(trx, BACKUP_SETTING_KEY, { keep });
    await audit(trx, actor, { action: 'update', entity: 'settings', entityId: null, after: { backupKeep: keep } });
  });
  await serialized(core.dataDir, () => rotate(core.dataDir, keep));
  return { keep };
}

/** One .zip with the database, its manifest, the evidence blobs it needs and a note for whoever opens it. */
export async function exportBackup(core: Core, id: string): Promise<{ fileName: string; bytes: Buffer }> {
  const m = readManifest(core.dataDir, id);
  if (!m) throw new AppError('not_found', `找不到备份“${id}”，可能已被删除。请刷新列表后重试。`);
  const entries: ArchiveEntry[] = [
    { name: m.file, data: fs.readFileSync(path.join(backupDir(core.dataDir), m.file)) },
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(m, null, 1)) },
  ];
  for (const e of m.evidence) {
    const data = fs.existsSync(blobPath(core.dataDir, e.sha256)) ? fs.readFileSync(blobPath(core.dataDir, e.sha256)) : null;
    if (!data || sha256(data) !== e.sha256) {
      throw new AppError('file_refused', `备份“${id}”所需的一份佐证材料${data ? '已被改动' : '已缺失'}，无法导出。请先“立即备份”，再导出新的备份。`);
    }
    entries.push({ name: `evidence/${e.sha256}`, data });
  }
  for (const sha of new Set((m.keptFiles ?? []).map((f) => f.sha256))) {
    if (m.evidence.some((e) => e.sha256 === sha)) continue;
    const file = blobPath(core.dataDir, sha);
    const data = fs.existsSync(file) ? fs.readFileSync(file) : null;
    if (!data || sha256(data) !== sha) throw new AppError('file_refused', `备份“${id}”所需的回收站文件${data ? '已被改动' : '已缺失'}，无法导出。请先“立即备份”，再导出新的备份。`);
    entries.push({ name: `evidence/${sha}`, data });
  }
  entries.push({ name: '说明.txt', data: Buffer.from(README, 'utf8') });
  return { fileName: archiveNameOf(m.file), bytes: writeArchive(entries, new Date(m.createdAt)) };
}

export async function exportBackupFile(core: Core, id: string): Promise<FileOut> {
  const { fileName, bytes } = await exportBackup(core, id);
  return { fileName, base64: bytes.toString('base64'), mime: 'application/zip' };
}

export function restoreFromBackup(core: Core, id: string): Promise<RestoreResultDto> {
  return serialized(core.dataDir, async () => restoreStaged(core, await stageBackup(core.dataDir, id).catch((err) => Promise.reject(refusedUntouched(err))), { undo: false }));
}

export function restoreFromArchive(core: Core, bytes: Uint8Array, label: string): Promise<RestoreResultDto> {
  return serialized(core.dataDir, async () => {
    let staged;
    try {
      staged = stageArchive(core.dataDir, bytes, label);
    } catch (err) {
      throw refusedUntouched(err);
    }
    return restoreStaged(core, staged, { undo: false });
  });
}

/** 撤销上次恢复: put back the data saved just before the last restore; offered once. */
export function undoLastRestore(core: Core): Promise<RestoreResultDto> {
  return serialized(core.dataDir, async () => {
    const last = readLastRestore(core.dataDir);
    if (!last) throw new AppError('not_found', '没有可以撤销的恢复（每次恢复只能撤销一次）。');
    return restoreStaged(core, await stageBackup(core.dataDir, last.safetyBackupId), { undo: true });
  });
}

const README = [
  '这是“整改台账”的备份文件，请整个保存，不要解压后修改其中的文件。',
  '',
  '恢复方法：打开整改台账 →“备份与恢复”→“从备份文件恢复…”，选择这个 .zip 文件。',
  '恢复前，程序会先自动备份当前数据，恢复后也可以“撤销上次恢复”。',
  '',
  '文件内容：台账数据库（.sqlite3）、manifest.json（备份时间、原因、数量和校验值）、evidence/（佐证材料，按校验值命名）。',
  '',
].join('\r\n');
