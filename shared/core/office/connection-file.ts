import fs from 'node:fs';
import path from 'node:path';

/**
 * Which ledger this PC opens: the data folder's own SQLite file (the default) or the office's
 * shared PostgreSQL database. The choice lives in the data folder (a small JSON file written by
 * 设置 › 办公室共享数据库), because it must be known before any database is opened.
 * The password is kept there too, readable only by this Windows account's folder permissions,
 * as the office's other desktop clients keep theirs.
 */
export const OFFICE_FILE = 'office-database.json';

export interface OfficeConnectionFile {
  /** postgres://user:password@host:port/db */
  url: string;
  /** When it was switched on, ISO. */
  since: string;
}

export function officeDatabaseUrl(dataDir: string): string | null {
  const file = path.join(dataDir, OFFICE_FILE);
  if (!fs.existsSync(file)) return null;
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<OfficeConnectionFile>;
    return typeof parsed.url === 'string' && parsed.url ? parsed.url : null;
  } catch {
    return null;
  }
}

export function writeOfficeConnection(dataDir: string, url: string | null, now: Date): void {
  const file = path.join(dataDir, OFFICE_FILE);
  if (!url) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const body: OfficeConnectionFile = { url, since: now.toISOString() };
  fs.writeFileSync(file + '.tmp', JSON.stringify(body, null, 2), { mode: 0o600 });
  fs.renameSync(file + '.tmp', file);
}

/** The saved setting with its date, for 设置 (the password is never shown). */
export function readOfficeConnection(dataDir: string): OfficeConnectionFile | null {
  const url = officeDatabaseUrl(dataDir);
  if (!url) return null;
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dataDir, OFFICE_FILE), 'utf8')) as Partial<OfficeConnectionFile>;
    return { url, since: typeof parsed.since === 'string' ? parsed.since : '' };
  } catch {
    return { url, since: '' };
  }
}
