import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { AppError } from '../../errors.ts';
import type { Db, OpenedDatabase } from './open.ts';
import { migrate } from './open.ts';

/**
 * The office's shared ledger on a PostgreSQL server (issue 12). The same Kysely core as the
 * single-PC SQLite file, through node-postgres, with the type conversions the core expects:
 * - counts and sums (bigint, numeric) arrive as numbers, as from SQLite;
 * - dates are stored as 'YYYY-MM-DD' text on both sides; should a `date` column ever be read,
 *   it stays text too (node-postgres would make a local-midnight Date that shifts the day).
 */
const TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (v: string) => (v === null ? null : Number(v));
    if (oid === 1082 || oid === 1114 || oid === 1184) return (v: string) => v;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** A connection URL as the clerk typed the settings (or `--database-url`), checked and explained. */
export interface PostgresTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  ssl: boolean;
}

export function parseDatabaseUrl(url: string): PostgresTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('invalid_input', `数据库地址无法识别：“${redact(url)}”。应形如 postgres://用户名:密码@服务器:5432/数据库名`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new AppError('invalid_input', `数据库地址应以 postgres:// 开头：“${redact(url)}”`);
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new AppError('invalid_input', `数据库地址缺少数据库名：“${redact(url)}”`);
  const sslmode = u.searchParams.get('sslmode');
  return {
    host: u.hostname || 'localhost',
    port: Number(u.port || 5432),
    database,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    ssl: sslmode === 'require' || sslmode === 'verify-full' || sslmode === 'verify-ca',
  };
}

export function databaseUrlOf(t: PostgresTarget): string {
  const auth = `${encodeURIComponent(t.user)}${t.password ? `:${encodeURIComponent(t.password)}` : ''}@`;
  return `postgres://${auth}${t.host}:${t.port}/${encodeURIComponent(t.database)}${t.ssl ? '?sslmode=require' : ''}`;
}

/** The URL without its password, for messages and the 关于 page. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]*):[^@]*@/, '$1:***@');
}

export function describeTarget(t: PostgresTarget): string {
  return `${t.host}:${t.port}/${t.database}`;
}

function poolOf(url: string, max: number): pg.Pool {
  const t = parseDatabaseUrl(url);
  return new pg.Pool({
    host: t.host,
    port: t.port,
    database: t.database,
    user: t.user,
    password: t.password,
    ssl: t.ssl ? { rejectUnauthorized: false } : undefined,
    max,
    connectionTimeoutMillis: 10_000,
    // The ledger's SQL is written for 'YYYY-MM-DD' text and codepoint order, as SQLite has them.
    options: '-c timezone=UTC -c client_encoding=UTF8',
    types: TYPES,
  });
}

/** Connection failures in words a clerk (or the office's IT person) can act on. */
export function connectionFailure(err: unknown, url: string): AppError {
  const e = err as { code?: string; message?: string };
  const where = describeTarget(parseDatabaseUrl(url));
  const words: Record<string, string> = {
    ECONNREFUSED: `无法连接共享数据库服务器 ${where}：服务器拒绝连接。请确认服务器已开机、PostgreSQL 服务已启动，端口正确。`,
    ENOTFOUND: `找不到共享数据库服务器 ${where}：服务器名称无法解析，请检查服务器地址。`,
    ETIMEDOUT: `连接共享数据库服务器 ${where} 超时：请检查网络和防火墙。`,
    '28P01': `无法登录共享数据库 ${where}：用户名或密码不正确。`,
    '28000': `共享数据库 ${where} 拒绝了这台电脑的连接：请服务器管理员在 pg_hba.conf 中允许本机访问。`,
    '3D000': `共享数据库服务器上没有数据库“${parseDatabaseUrl(url).database}”：请先建立它（见 README“办公室共享数据库”）。`,
  };
  const message = (e.code && words[e.code]) || `无法连接共享数据库 ${where}：${e.message ?? String(err)}`;
  return new AppError('db_unavailable', message);
}

export interface PostgresOptions {
  /** Bring the schema up to date (the core does; a report worker reading a snapshot does not). */
  migrate?: boolean;
  /** Pool size: the core uses several connections (a long report beside a clerk's save). */
  max?: number;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<OpenedDatabase> {
  const pool = poolOf(url, options.max ?? 8);
  // An idle connection dropped by the server (restart, network) must not end the program: the
  // pool makes a new one for the next query, which reports the failure if it persists.
  pool.on('error', () => undefined);
  // Fail here, in Chinese, rather than at the first query.
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw connectionFailure(err, url);
  }
  const db: Db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  if (options.migrate !== false) {
    try {
      await migrateLocked(db);
    } catch (err) {
      await db.destroy();
      throw err;
    }
  }
  return {
    db,
    dialect: 'postgres',
    sqlite: null,
    where: describeTarget(parseDatabaseUrl(url)),
    // Every write transaction bumps ledger_revision (ledger/write.ts): one number tells whether
    // anything changed since the figures were computed or the screen was drawn.
    changeStamp: async () => {
      const r = await sql<{ n: number }>`SELECT n FROM ledger_revision WHERE id = 1`.execute(db);
      return String(r.rows[0]?.n ?? 0);
    },
    close: () => db.destroy(),
  };
}

/** Two clerks opening the app at once must not both migrate: a session-level advisory lock orders them. */
async function migrateLocked(db: Db): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(7130217)`.execute(conn);
    try {
      await migrate(conn as Db, 'postgres');
    } finally {
      await sql`SELECT pg_advisory_unlock(7130217)`.execute(conn);
    }
  });
}
