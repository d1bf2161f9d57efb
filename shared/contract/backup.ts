import { z } from 'zod';
import { channel } from './define.ts';
import { uploadedFile, type FileOut } from './common.ts';

/** Channels of backups, restore and the whole-ledger archive (issue 8). Owned by shared/core/backup. */

export const BACKUP_REASONS = ['daily', 'import', 'restore', 'migration', 'manual'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];
export const BACKUP_REASON_LABEL: Record<BackupReason, string> = {
  daily: '每日自动',
  import: '导入前',
  restore: '恢复前',
  migration: '升级前',
  manual: '手动',
};

/** How many automatic backups are kept (manual ones are never rotated away). */
export const BACKUP_KEEP_MIN = 3;
export const BACKUP_KEEP_MAX = 365;
export const BACKUP_KEEP_DEFAULT = 30;

export interface BackupCounts {
  batches: number;
  findings: number;
  measures: number;
  evidence: number;
}

export interface BackupEntryDto {
  /** The backup's file name in the data folder's backups/ folder. */
  id: string;
  /** ISO moment it was taken. */
  createdAt: string;
  reason: BackupReason;
  /** Database file plus the evidence files it needs, in bytes. */
  size: number;
  counts: BackupCounts;
  schemaVersion: number;
}

export interface BackupOverviewDto {
  backups: BackupEntryDto[];
  keep: number;
  /** 撤销上次恢复 is offered while this is set. */
  lastRestore: { at: string; from: string; safetyBackupId: string } | null;
}

export interface RestoreResultDto {
  /** What the ledger now holds. */
  counts: BackupCounts;
  /** The backup of the data as it was just before (reason 恢复前). */
  safetyBackup: BackupEntryDto;
}

const backupId = z
  .string({ error: '缺少备份名称' })
  .regex(/^整改台账备份-\d{8}-\d{6}-[^/\\]+\.sqlite3$/, { message: '备份名称不正确，请刷新列表后重试' });

export const backupChannels = {
  'backup:list': channel<BackupOverviewDto>()(z.object({})),
  'backup:create': channel<BackupEntryDto>()(z.object({ reason: z.literal('manual').default('manual'), to: z.literal('data-folder').optional() })),
  /** One .zip (database, manifest, evidence blobs) to save where the clerk chooses, e.g. a USB stick. */
  'backup:export': channel<FileOut>()(z.object({ id: backupId })),
  'backup:restore': channel<RestoreResultDto>()(z.union([z.object({ id: backupId }), z.object({ file: uploadedFile })], { error: '请选择要恢复的备份' })),
  'backup:undo-restore': channel<RestoreResultDto>()(z.object({})),
  'backup:set-keep': channel<{ keep: number }>()(
    z.object({
      keep: z
        .number({ error: '请填写保留份数' })
        .int({ message: '保留份数应为整数' })
        .min(BACKUP_KEEP_MIN, { message: `至少保留 ${BACKUP_KEEP_MIN} 份自动备份` })
        .max(BACKUP_KEEP_MAX, { message: `最多保留 ${BACKUP_KEEP_MAX} 份自动备份` }),
    }),
  ),
};
