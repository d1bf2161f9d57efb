import SQLite from 'better-sqlite3';
import { AppError } from '../../errors.ts';
import type { BackupCounts } from '../../contract/backup.ts';
import { LATEST_VERSION } from '../db/open.ts';

export interface EvidenceRow {
  stored_path: string;
  sha256: string;
  size: number;
  original_name: string;
}

export interface InspectedLedger {
  schemaVersion: number;
  databaseId: string;
  counts: BackupCounts;
  evidence: EvidenceRow[];
}

/** The tables that make a SQLite file this app's ledger, not just any database. */
const LEDGER_TABLES = ['meta', 'schema_migrations', 'settings', 'batches', 'findings', 'measures', 'evidence_files'];

/**
 * Check a database file before it is kept as a backup or restored: it opens read-only (nothing is
 * written to it), passes `integrity_check` and `foreign_key_check`, holds the ledger's tables and a
 * schema version this app can open. `label` names the file in the Chinese messages.
 */
export function inspectLedgerFile(file: string, label: string): InspectedLedger {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new AppError('file_refused', `无法打开“${label}”，文件可能已被移动或正被其他程序占用。`);
  }
  try {
    let integrity: string[];
    try {
      integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'SQLITE_NOTADB') throw new AppError('file_refused', `“${label}”不是整改台账的备份（不是数据库文件）。`);
      throw new AppError('file_refused', `“${label}”已损坏，无法读取（${(err as Error).message}）。`);
    }
    if (integrity.join() !== 'ok') {
      throw new AppError('file_refused', `“${label}”已损坏：数据库完整性检查未通过（${integrity.slice(0, 3).join('；')}）。`);
    }
    const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]));
    const missing = LEDGER_TABLES.filter((t) => !tables.has(t));
    if (missing.length) throw new AppError('file_refused', `“${label}”不是整改台账的数据（缺少台账数据表：${missing.join('、')}）。`);
    const databaseId = db.prepare(`SELECT value FROM meta WHERE key = 'database_id'`).pluck().get() as string | undefined;
    if (!databaseId) throw new AppError('file_refused', `“${label}”不是整改台账的数据（缺少台账标识）。`);
    const schemaVersion = Number(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() ?? 0);
    if (schemaVersion > LATEST_VERSION) {
      throw new AppError(
        'db_too_new',
        `“${label}”由更新版本的整改台账生成（数据版本 ${schemaVersion}，本程序支持到 ${LATEST_VERSION}），本程序不能使用。请先安装最新版本的整改台账。`,
      );
    }
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length) throw new AppError('file_refused', `“${label}”已损坏：有 ${broken.length} 处数据关联不完整。`);
    const count = (t: string) => Number(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get());
    const evidence = db.prepare('SELECT stored_path, sha256, size, original_name FROM evidence_files ORDER BY id').all() as EvidenceRow[];
    return {
      schemaVersion,
      databaseId,
      counts: { batches: count('batches'), findings: count('findings'), measures: count('measures'), evidence: evidence.length },
      evidence,
    };
  } finally {
    db.close();
  }
}
