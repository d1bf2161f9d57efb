import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatusDto } from '../../shared/contract/jobs.ts';
import type { Core } from '../../shared/core/context.ts';
import { openReadOnlyDatabase } from '../../shared/core/db/open-read-only.ts';
import { invoke } from '../../shared/core/invoke.ts';
import { exportsDir, locateExport, sweepExports } from '../../shared/core/jobs/exports.ts';
import { stopJobs, whenJobEnds } from '../../shared/core/jobs/runner.ts';
import { loadReportRows } from '../../shared/core/reports/rows.ts';
import { byUnit, findingStatusesOf, summarizeFindings } from '../../shared/core/reports/stats.ts';
import { reportSummary } from '../../shared/core/reports/summary.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { startBrowserServer, type BrowserServer } from '../../shared/server/http-server.ts';
import { tempCore, zipEntry } from './report-fixtures.ts';
import { rawSql } from '../support/raw-sql.ts';
import { onlyOnSqlite } from '../support/core.ts';

/**
 * Reports and exports as jobs (issue 8): the file a job writes reads back, its progress moves,
 * cancel leaves nothing, the ledger answers while a job runs, and browser mode serves only
 * finished exports, only with the secret.
 */

let env: Awaited<ReturnType<typeof tempCore>>;
let core: Core;
const thresholds = { dueSoonDays: 7, stagnantDays: 30 };

beforeAll(async () => {
  env = await tempCore();
  core = env.core;
  // Big enough that a Word report takes its worker well over one ledger query.
  await seedSynthetic(core, { findings: 3000, seed: 7 });
});
afterAll(async () => {
  await stopJobs(core.dataDir);
  await env.dispose();
});

async function call<T>(channel: string, input: unknown): Promise<T> {
  const reply = await invoke(core, channel, input);
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.data as T;
}

async function start(kind: string, input: unknown = {}): Promise<string> {
  return (await call<{ jobId: string }>('jobs:start', { kind, input })).jobId;
}

/** Poll jobs:status as the page does (without its 500 ms pause) and keep every answer. */
async function follow(jobId: string): Promise<JobStatusDto[]> {
  const seen: JobStatusDto[] = [];
  for (;;) {
    const s = await call<JobStatusDto>('jobs:status', { jobId });
    seen.push(s);
    if (s.state !== 'running') return seen;
    await new Promise((r) => setTimeout(r, 5));
  }
}

function fileOf(status: JobStatusDto): Buffer {
  expect(status.state, status.error?.message).toBe('done');
  const located = locateExport(core.dataDir, status.file!.id);
  expect(located).not.toBeNull();
  expect(path.dirname(path.dirname(located!.path))).toBe(fs.realpathSync(exportsDir(core.dataDir)));
  expect(located!.fileName).toBe(status.file!.fileName);
  const bytes = fs.readFileSync(located!.path);
  expect(bytes.length).toBe(status.file!.size);
  return bytes;
}

describe('report jobs', () => {
  it('writes the Word report to a file under exports/ that unzips and carries the title and the figures; progress moves', async () => {
    const jobId = await start('report:word', { title: '关于民主监督反馈问题整改情况的报告' });
    const seen = await follow(jobId);
    const last = seen[seen.length - 1];
    const bytes = fileOf(last);
    expect(last.file!.fileName).toBe(`整改情况报告_${core.today()}.docx`);
    const xml = zipEntry(bytes, 'word/document.xml');
    expect(xml).toContain('关于民主监督反馈问题整改情况的报告');
    const summary = await call<{ sentence: string }>('report:summary', { filter: {} });
    expect(xml).toContain(summary.sentence);
    // The stages went forward, each in words, and ended at 完成.
    const stages = [...new Set(seen.map((s) => s.stage))];
    expect(stages[0]).toBe('准备中');
    expect(stages).toContain('读取台账数据');
    expect(stages.length).toBeGreaterThanOrEqual(4);
    expect(stages[stages.length - 1]).toBe('完成');
    const done = seen.map((s) => s.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done[done.length - 1]).toBe(last.total);
  });

  it('writes the Excel ledger and the statistics sheet; exceljs reads them back', async () => {
    const ledger = fileOf(await whenJobEnds(await start('report:ledger-xlsx', { columns: ['seq', 'measure', 'leadUnit', 'status'], groupBy: 'none' })));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ledger as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('整改台账')!;
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '整改措施', '牵头单位', '整改状态']);
    const measures = (rawSql(core).prepare('SELECT count(*) AS n FROM measures').get() as { n: number }).n;
    expect(ws.actualRowCount).toBe(3 + measures);

    const stats = fileOf(await whenJobEnds(await start('report:statistics-xlsx', {})));
    const sheetBook = new ExcelJS.Workbook();
    await sheetBook.xlsx.load(stats as unknown as ArrayBuffer);
    expect(sheetBook.worksheets.map((w) => w.name)).toEqual(['统计']);
  });

  it('exports one fill-in workbook per unit as one .zip', async () => {
    const status = await whenJobEnds(await start('unitSheets:export', { singleFile: false }));
    const zip = fileOf(status);
    expect(status.file!.fileName).toMatch(/\.zip$/);
    const names = XLSX.CFB.read(zip, { type: 'buffer' }).FullPaths.filter((p: string) => p.endsWith('.xlsx'));
    const units = (rawSql(core).prepare(`SELECT count(DISTINCT lead_unit_id) AS n FROM measures WHERE status IN ('not_started','in_progress','standing')`).get() as { n: number }).n;
    expect(names).toHaveLength(units);
  });

  it('cancel ends the worker and leaves no file', async () => {
    const jobId = await start('report:word');
    // Cancel once the worker is reading: the job is truly under way.
    for (;;) {
      const s = await call<JobStatusDto>('jobs:status', { jobId });
      if (s.stage !== '准备中') break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await call('jobs:cancel', { jobId })).toEqual({ cancelled: true });
    const status = await call<JobStatusDto>('jobs:status', { jobId });
    expect(status.state).toBe('cancelled');
    expect(status.file).toBeUndefined();
    expect(fs.existsSync(path.join(exportsDir(core.dataDir), jobId))).toBe(false);
    // A whole report written after it takes longer than the cancelled one had left: still nothing.
    await whenJobEnds(await start('report:word'));
    expect(fs.existsSync(path.join(exportsDir(core.dataDir), jobId))).toBe(false);
    expect(await call('jobs:cancel', { jobId })).toEqual({ cancelled: false });
  });

  it('取消 pressed just after a job finished still leaves no file, and says so truthfully', async () => {
    const jobId = await start('report:word');
    const done = await whenJobEnds(jobId);
    expect(done.state).toBe('done');
    expect(fs.existsSync(path.join(exportsDir(core.dataDir), jobId))).toBe(true);
    expect(await call('jobs:cancel', { jobId })).toEqual({ cancelled: true });
    const status = await call<JobStatusDto>('jobs:status', { jobId });
    expect(status).toMatchObject({ state: 'cancelled', stage: '已取消' });
    expect(status.file).toBeUndefined();
    expect(fs.existsSync(path.join(exportsDir(core.dataDir), jobId))).toBe(false);
  });

  it('answers a ledger query while a report is being written', async () => {
    const jobId = await start('report:word');
    const page = await call<{ total: number }>('ledger:query', {});
    expect(page.total).toBeGreaterThan(0);
    // The query came back while the report was still being written, not after it.
    expect((await call<JobStatusDto>('jobs:status', { jobId })).state).toBe('running');
    expect((await whenJobEnds(jobId)).state).toBe('done');
  });

  it('refuses a report with no measures in words, and leaves no folder', async () => {
    const status = await whenJobEnds(await start('report:word', { filter: { q: '不存在的关键词甲乙丙' } }));
    expect(status.state).toBe('failed');
    expect(status.error?.message).toContain('没有符合条件的整改措施');
    expect(fs.existsSync(path.join(exportsDir(core.dataDir), status.jobId))).toBe(false);
  });

  it.skipIf(onlyOnSqlite('报表线程在数据文件旁另开只读连接'))('reads through a read-only connection beside the core, without the folder lock', async () => {
    const reader = openReadOnlyDatabase(core.dataDir);
    try {
      const n = await reader.db.selectFrom('measures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBeGreaterThan(0);
      expect(() => reader.sqlite!.prepare(`UPDATE settings SET value = value`).run()).toThrow(/readonly/);
    } finally {
      await reader.close();
    }
  });
});

describe('report:summary (counted by the database)', () => {
  it('gives the same figures as the reports compute from their rows, with and without a filter', async () => {
    for (const filter of [{}, { unitId: 3 }, { signals: ['red' as const] }, { statuses: ['closed' as const, 'pending' as const] }, { category: '资金使用' }]) {
      const rows = await loadReportRows(core, filter, thresholds, { details: false });
      const expected = byUnit(rows);
      const got = await reportSummary(core.db, filter, thresholds, core.today());
      expect(got.units, JSON.stringify(filter)).toEqual(expected.groups);
      expect(got.total).toEqual(expected.total);
      expect(got.findings).toEqual(summarizeFindings(findingStatusesOf(rows)));
    }
  });
});

describe('browser mode /files/<id>', () => {
  let server: BrowserServer;
  let fileId: string;
  let fileName: string;
  beforeAll(async () => {
    const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-static-'));
    server = await startBrowserServer({ core, staticDir });
    const status = await whenJobEnds(await start('report:reply-letter', { batchId: 1 }));
    expect(status.state, status.error?.message).toBe('done');
    fileId = status.file!.id;
    fileName = status.file!.fileName;
  });
  afterAll(() => server.close());

  const get = (p: string, headers: Record<string, string> = {}) => fetch(`${server.url}${p.replace(/^\//, '')}`, { headers });

  it('serves a finished export with the secret, as an attachment under its Chinese name', async () => {
    const res = await get(`/files/${fileId}`, { 'X-Rectify-Token': server.token });
    expect(res.status).toBe(200);
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.docx"; /);
    expect(disposition.endsWith(`; filename*=UTF-8''${encodeURIComponent(fileName)}`)).toBe(true);
    expect(fileName).toMatch(/^办理情况反馈函_/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(zipEntry(body, 'word/document.xml')).toContain('办理情况');
  });

  it('refuses requests without the secret (403) and ids outside exports/ (404)', async () => {
    expect((await get(`/files/${fileId}`)).status).toBe(403);
    expect((await get(`/files/${fileId}`, { 'X-Rectify-Token': 'wrong' })).status).toBe(403);
    expect((await get(`/files/${fileId}?ticket=made-up`)).status).toBe(403);
    const secret = { 'X-Rectify-Token': server.token };
    // Paths a URL parser leaves alone: ../ spelt with encoded slashes, an id with no export, a deeper path.
    for (const p of ['/files/..%2Fledger.sqlite3', '/files/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd', '/files/AAAAAAAAAAAAAAAAAAAAAAAA', `/files/${fileId}/x`]) {
      const res = await get(p, secret);
      expect(res.status, p).toBe(404);
    }
    // A folder under exports/ that leads elsewhere (a link to the data folder) is not an export.
    const link = 'BBBBBBBBBBBBBBBBBBBBBBBB';
    fs.symlinkSync(core.dataDir, path.join(exportsDir(core.dataDir), link));
    expect((await get(`/files/${link}`, secret)).status).toBe(404);
    fs.unlinkSync(path.join(exportsDir(core.dataDir), link));
  });

  it('gives a one-time link for the page to open without the secret in it', async () => {
    const ticketRes = await fetch(`${server.url}files/${fileId}/ticket`, { method: 'POST', headers: { 'X-Rectify-Token': server.token } });
    const { data } = (await ticketRes.json()) as { data: { url: string } };
    expect(data.url).not.toContain(server.token);
    expect((await get(data.url)).status).toBe(200);
    expect((await get(data.url)).status).toBe(403);
    expect((await fetch(`${server.url}files/${fileId}/ticket`, { method: 'POST' })).status).toBe(403);
  });
});

describe('old exports', () => {
  it('are swept after a day; newer ones and running jobs are kept', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-sweep-'));
    const root = exportsDir(dir);
    const make = (id: string, ageHours: number) => {
      fs.mkdirSync(path.join(root, id), { recursive: true });
      fs.writeFileSync(path.join(root, id, '整改台账.xlsx'), 'x');
      const t = new Date(Date.now() - ageHours * 3600_000);
      fs.utimesSync(path.join(root, id), t, t);
    };
    make('OLDOLDOLDOLDOLDOLDOLDOLD', 25);
    make('NEWNEWNEWNEWNEWNEWNEWNEW', 2);
    make('RUNRUNRUNRUNRUNRUNRUNRUN', 30);
    expect(sweepExports(dir, new Set(['RUNRUNRUNRUNRUNRUNRUNRUN']))).toBe(1);
    expect(fs.readdirSync(root).sort()).toEqual(['NEWNEWNEWNEWNEWNEWNEWNEW', 'RUNRUNRUNRUNRUNRUNRUNRUN']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
