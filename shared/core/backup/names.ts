import { BACKUP_REASON_LABEL, type BackupReason } from '../../contract/backup.ts';

/**
 * Where backups live and what they are called. A backup is `<dataDir>/backups/<name>.sqlite3`
 * with its manifest `<name>.json` beside it; evidence blobs are shared by hash under
 * `backups/evidence/<sha256>`.
 */
export const BACKUP_DIR = 'backups';
export const BLOB_DIR = 'evidence';
export const FILE_PREFIX = '整改台账备份';
/** The record of the last restore, for 撤销上次恢复 (a file: the database itself is what gets replaced). */
export const LAST_RESTORE_FILE = 'last-restore.json';

const REASON_OF_LABEL = new Map(Object.entries(BACKUP_REASON_LABEL).map(([code, label]) => [label, code as BackupReason]));

/** 整改台账备份-20261125-100203-手动.sqlite3, or …-手动(2).sqlite3 when two fall in one second. */
export const BACKUP_NAME = /^整改台账备份-(\d{8})-(\d{6})-(每日自动|导入前|恢复前|升级前|手动)(?:\((\d+)\))?\.sqlite3$/;

export function stamp(now: Date): { day: string; time: string } {
  const p = (n: number) => String(n).padStart(2, '0');
  return {
    day: `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}`,
    time: `${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`,
  };
}

export function backupFileName(now: Date, reason: BackupReason, n = 1): string {
  const { day, time } = stamp(now);
  return `${FILE_PREFIX}-${day}-${time}-${BACKUP_REASON_LABEL[reason]}${n > 1 ? `(${n})` : ''}.sqlite3`;
}

export function parseBackupName(name: string): { day: string; reason: BackupReason } | null {
  const m = BACKUP_NAME.exec(name);
  return m ? { day: m[1], reason: REASON_OF_LABEL.get(m[3])! } : null;
}

export const manifestNameOf = (backupName: string) => backupName.replace(/\.sqlite3$/, '.json');
export const archiveNameOf = (backupName: string) => backupName.replace(/\.sqlite3$/, '.zip');
