import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { OfficeConnection, OfficeCopyDto, OfficeExportDto, OfficeProbeDto, OfficeStatusDto } from '../../contract/office.ts';
import { AppError } from '../../errors.ts';
import type { Core } from '../context.ts';
import { DB_FILE, openSqlite, type Db } from '../db/open.ts';
import { openPostgres, parseDatabaseUrl, redact } from '../db/postgres.ts';
import { audit, operatorName } from '../ledger/write.ts';
import { readOfficeConnection, writeOfficeConnection } from './connection-file.ts';
import { copyFilesToFolder, copyFilesToStore, describeCopyProblems, type FileCopyReport } from '../files/copy.ts';
import { copyLedger, type CopyHooks, type CopyReport } from './copy-ledger.ts';
import { inspectDatabase, probeServer, urlOfInput } from './probe.ts';
import { switchDatabase } from './switch.ts';

/** The advisory lock every writer of the shared ledger takes (ledger/write.ts). */
const WRITE_LOCK = 7130219;

export function officeStatus(core: Core): OfficeStatusDto {
  const saved = readOfficeConnection(core.dataDir);
  let connection: OfficeStatusDto['connection'] = null;
  if (core.databaseUrl) {
    const t = parseDatabaseUrl(core.databaseUrl);
    connection = { host: t.host, port: t.port, database: t.database, user: t.user, tls: t.ssl, since: saved?.url === core.databaseUrl ? saved.since || null : null };
  }
  return {
    mode: core.databaseUrl ? 'office' : 'local',
    where: core.where,
    connection,
    localFile: path.join(core.dataDir, DB_FILE),
    signedIn: !!core.user,
  };
}

export async function testConnection(input: OfficeConnection): Promise<OfficeProbeDto> {
  return probeServer(urlOfInput(input));
}

/** What the clerk reads in the result: the tables people know. */
function clerkCounts(report: CopyReport): OfficeCopyDto['counts'] {
  const n = (t: string) => report.counts[t] ?? 0;
  return {
    batches: n('batches'),
    findings: n('findings'),
    measures: n('measures'),
    progress: n('progress_entries'),
    evidence: n('evidence_files'),
    auditLog: n('audit_log'),
  };
}

/** What became of the stored files (佐证材料, 监督附件, the report template): said only when something needs saying. */
function evidenceNote(files: FileCopyReport): string | null {
  const problems = describeCopyProblems(files);
  if (problems.length === 0) return null;
  return `${files.files - files.problems.length} 份文件已随台账复制并逐一核对；以下 ${problems.length} 份未能复制（台账中的记录仍在）：${problems.join('')}`;
}

function refuseProbe(probe: OfficeProbeDto): void {
  if (probe.state === 'foreign' || probe.state === 'newer') throw new AppError('conflict', probe.summary);
}

/**
 * 迁移本机台账到服务器: this PC's ledger copied into an empty shared database in one transaction
 * on the server (compared table by table before it commits), then, when asked, this program
 * switches to it. A database already holding a ledger with data is never overwritten.
 */
export async function migrateToServer(core: Core, input: OfficeConnection & { connect: boolean }, hooks: CopyHooks = {}): Promise<OfficeCopyDto> {
  if (core.databaseUrl) {
    throw new AppError('conflict', `当前已在使用办公室共享台账（${core.where}），没有本机台账可迁移。`);
  }
  const url = urlOfInput(input);
  const probe = await probeServer(url);
  refuseProbe(probe);
  if (probe.hasData) throw refusalHasData(probe);
  const target = await openPostgres(url, { max: 2 });
  let report: CopyReport;
  let files: FileCopyReport = { files: 0, written: 0, bytes: 0, problems: [] };
  try {
    const operator = await operatorName(core);
    // The local file: BEGIN IMMEDIATE, so nothing changes it while it is read.
    report = await core.db.transaction().execute((source) =>
      target.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx);
        // Another clerk may have started a ledger there since 测试连接.
        const now = await inspectDatabase(trx, probe.where);
        if (now.hasData) throw refusalHasData(now);
        const copied = await copyLedger(source, trx, hooks);
        // The files' bytes go into the server's file store in the same transaction as the rows.
        files = await copyFilesToStore({ db: source, dataDir: core.dataDir }, trx);
        await sql`UPDATE ledger_revision SET n = n + 1 WHERE id = 1`.execute(trx);
        await audit(trx, { operator, today: core.today(), at: core.now().toISOString() }, {
          action: 'office-migrate',
          entity: 'ledger',
          entityId: null,
          after: { from: core.where, to: probe.where, counts: copied.counts, files: files.files, missingFiles: files.problems.length },
        });
        return copied;
      }),
    );
  } finally {
    await target.close();
  }
  if (input.connect) {
    try {
      await connectTo(core, url);
    } catch (err) {
      const why = err instanceof AppError ? err.message : String(err);
      throw new AppError('db_unavailable', `台账已完整复制到 ${probe.where} 并核对一致，但切换过去时出错：${why} 请稍后在此处选择“连接已有共享台账”。`);
    }
  }
  return { counts: clerkCounts(report), tablesChecked: report.tables.length, evidenceNote: evidenceNote(files), status: officeStatus(core) };
}

function refusalHasData(probe: OfficeProbeDto): AppError {
  const c = probe.counts!;
  return new AppError(
    'conflict',
    `${probe.where} 上已有共享台账数据（${c.batches} 个批次、${c.findings} 个问题、${c.measures} 条措施），为免覆盖，迁移没有进行，服务器上的数据未作改动。如要使用这份共享台账，请选择“连接已有共享台账”。`,
  );
}

async function connectTo(core: Core, url: string): Promise<void> {
  await switchDatabase(core, url);
  writeOfficeConnection(core.dataDir, url, core.now());
}

/**
 * 连接已有共享台账 / 新建空的共享台账: switch this program to the shared database (bringing its
 * schema up to date, or creating it in an empty database when the clerk asked for a new one).
 */
export async function connectOffice(core: Core, input: OfficeConnection & { createEmpty: boolean }): Promise<OfficeStatusDto> {
  const url = urlOfInput(input);
  const probe = await probeServer(url);
  refuseProbe(probe);
  if (probe.state === 'empty' && !input.createEmpty) {
    throw new AppError('conflict', `${probe.where} 是一个空数据库，还没有共享台账。请选择“迁移本机台账到服务器”，或“新建空的共享台账”。`);
  }
  if (core.databaseUrl === url) return officeStatus(core);
  await connectTo(core, url);
  return officeStatus(core);
}

/** 改回本机台账: this program opens the data folder's own file again; the shared ledger stays on the server. */
export async function disconnectOffice(core: Core): Promise<OfficeStatusDto> {
  if (!core.databaseUrl) return officeStatus(core);
  await switchDatabase(core, null);
  writeOfficeConnection(core.dataDir, null, core.now());
  return officeStatus(core);
}

/**
 * 导出共享台账到本机文件: the shared ledger copied, from one consistent view of the server, into a
 * new data folder on this PC (its ledger.sqlite3 opens as a single-PC ledger: 启动时指定该文件夹,
 * or the CLI's --data-dir). Compared table by table like the migration; on any failure the new
 * file is removed.
 */
export async function exportToLocal(core: Core, folderInput: string, hooks: CopyHooks = {}): Promise<OfficeExportDto> {
  if (!core.databaseUrl) {
    throw new AppError('conflict', '当前使用的是本机台账，不需要导出。要把本机台账复制到别处，请使用“备份与恢复”。');
  }
  if (!path.isAbsolute(folderInput)) throw new AppError('invalid_input', `请填写完整的文件夹路径（如 D:\\整改台账导出），而不是“${folderInput}”。`);
  const folder = path.resolve(folderInput);
  if (path.resolve(core.dataDir) === folder) throw new AppError('invalid_input', '不能导出到本程序正在使用的数据文件夹，请另选一个空文件夹。');
  const existed = fs.existsSync(folder);
  if (existed) {
    if (!fs.statSync(folder).isDirectory()) throw new AppError('invalid_input', `“${folder}”是一个文件，不是文件夹。`);
    if (fs.readdirSync(folder).length > 0) throw new AppError('conflict', `文件夹“${folder}”不是空的。为免覆盖已有文件，请选一个空文件夹或新文件夹名。`);
  }
  const file = path.join(folder, DB_FILE);
  let report: CopyReport;
  let files: FileCopyReport;
  try {
    const opened = await openSqlite(folder);
    try {
      [report, files] = await opened.db.transaction().execute((trx) =>
        core.db
          .transaction()
          .setIsolationLevel('repeatable read')
          .execute(async (source) => [await copyLedger(source, trx as Db, hooks), await copyFilesToFolder(source, folder)] as const),
      );
    } finally {
      await opened.close();
    }
  } catch (err) {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    if (!existed) fs.rmSync(folder, { recursive: true, force: true });
    else for (const f of fs.readdirSync(folder)) fs.rmSync(path.join(folder, f), { recursive: true, force: true });
    throw err;
  }
  return { folder, file, counts: clerkCounts(report), tablesChecked: report.tables.length, evidenceNote: evidenceNote(files) };
}

/** Screens poll this to notice another clerk's change (or a CLI import on this PC). */
export async function ledgerRevision(core: Core): Promise<{ stamp: string }> {
  // Read from the connection in hand (after a backup restore the old stamp function asks a closed file).
  const stamp = await core.changeStamp();
  return { stamp: `${core.databaseUrl ? redact(core.databaseUrl) : 'local'}|${stamp}` };
}
