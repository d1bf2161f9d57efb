import { sql } from 'kysely';
import type { OfficeConnection, OfficeProbeDto } from '../../contract/office.ts';
import { LATEST_VERSION, type Db } from '../db/open.ts';
import { databaseUrlOf, describeTarget, openPostgres, parseDatabaseUrl } from '../db/postgres.ts';

/** The connection the clerk typed, as a postgres:// URL. */
export function urlOfInput(input: OfficeConnection): string {
  return databaseUrlOf({
    host: input.host.trim(),
    port: input.port,
    database: input.database.trim(),
    user: input.user.trim(),
    password: input.password,
    ssl: input.tls,
  });
}

/** What a database holds, looked at without changing anything (no migration). */
export async function inspectDatabase(db: Db, where: string): Promise<OfficeProbeDto> {
  const v = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db);
  const serverVersion = `PostgreSQL ${(v.rows[0]?.v ?? '').split(' ')[0]}`;
  const tables = (
    await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(db)
  ).rows.map((r) => r.name);
  const base = { where, serverVersion, programSchemaVersion: LATEST_VERSION };
  if (tables.length === 0) {
    return { ...base, state: 'empty', schemaVersion: null, counts: null, hasData: false, summary: `已连接到 ${where}（${serverVersion}）。这是一个空数据库，可以把本机台账迁移过去，或新建空的共享台账。` };
  }
  if (!tables.includes('schema_migrations') || !tables.includes('findings')) {
    return {
      ...base,
      state: 'foreign',
      schemaVersion: null,
      counts: null,
      hasData: true,
      summary: `已连接到 ${where}，但这个数据库里已有其他程序的数据表（${tables.length} 个），不是整改台账。请让管理员另建一个空数据库专门存放共享台账。`,
    };
  }
  const row = await sql<{ v: number | null }>`SELECT max(version) AS v FROM schema_migrations`.execute(db);
  const schemaVersion = Number(row.rows[0]?.v ?? 0);
  const count = async (t: string) => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(t)}`.execute(db)).rows[0]?.n ?? 0);
  const counts = { batches: await count('batches'), findings: await count('findings'), measures: await count('measures'), units: await count('units') };
  const hasData = counts.batches + counts.findings + counts.measures + counts.units > 0;
  if (schemaVersion > LATEST_VERSION) {
    return {
      ...base,
      state: 'newer',
      schemaVersion,
      counts,
      hasData,
      summary: `${where} 上的共享台账由更新版本的整改台账建立（数据库版本 ${schemaVersion}，本程序支持到 ${LATEST_VERSION}）。请先把本机的整改台账升级到最新版本。`,
    };
  }
  const summary = hasData
    ? `已连接到 ${where}（${serverVersion}）。这里已有共享台账：${counts.batches} 个批次、${counts.findings} 个问题、${counts.measures} 条措施、${counts.units} 个单位。可以直接连接使用。`
    : `已连接到 ${where}（${serverVersion}）。这里已建好共享台账，但还没有数据：可以把本机台账迁移过去，或直接连接使用。`;
  return { ...base, state: 'ledger', schemaVersion, counts, hasData, summary };
}

/** 测试连接: connect with the typed settings, look, disconnect. Every failure is a Chinese message (db/postgres.ts). */
export async function probeServer(url: string): Promise<OfficeProbeDto> {
  const opened = await openPostgres(url, { migrate: false, max: 1 });
  try {
    return await inspectDatabase(opened.db, describeTarget(parseDatabaseUrl(url)));
  } finally {
    await opened.close();
  }
}
