import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { readArchive } from '../../shared/core/backup/archive.ts';
import { centralDirectory } from '../../shared/core/import/formats/zip.ts';
import { locateExport } from '../../shared/core/jobs/exports.ts';
import { cleanEvidenceName } from '../../shared/core/ledger/evidence-names.ts';
import { stopJobs, whenJobEnds } from '../../shared/core/jobs/runner.ts';
import { buildBinder, writeBinderFolder } from '../../shared/core/reports/binder/build.ts';
import { binderFileName, UniqueNames } from '../../shared/core/reports/binder/names.ts';
import { call } from '../support/core.ts';
import { docxFile, jpeg, pdf } from '../support/evidence-files.ts';
import { seedLedger, tempCore, zipEntry } from './report-fixtures.ts';

/**
 * The evidence binder (issue 9): for 300 findings with evidence added through the core's own
 * evidence channel, every file is in the binder exactly once under its numbered name, and the
 * 材料清单 (.xlsx and .docx) has one row per file, in the same order, naming it.
 */

const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f]/;
const thresholds = { dueSoonDays: 7, stagnantDays: 30 };

/** A PDF of `pages` pages with its cross-reference table, as a scanner writes one. */
const pdfPages = (pages: number, text: string): Buffer => pdf(text, pages);

// 75 characters: longer than a binder name may be (the evidence store itself keeps at most 80).
const LONG_NAME = `${'关于进一步加强扶贫项目资金监管和绩效评价工作的整改落实情况说明'.repeat(2)}及相关附件材料清单汇总说明.pdf`;
/** The name as the evidence store keeps it: cut to what a disk allows (200 bytes of UTF-8 before the extension). */
const STORED_LONG_NAME = cleanEvidenceName(LONG_NAME);

interface EvidenceRow {
  id: number;
  sha256: string;
  original_name: string;
  measure_id: number;
  finding_seq: string;
  measure_seq: number;
  batch_id: number;
  folder: string;
  k: number;
}

let env: Awaited<ReturnType<typeof tempCore>>;
let core: Core;
let evidence: EvidenceRow[];
let docx: Buffer;
/** Pages of each finding's 会议纪要 PDF, by the finding's 序号. */
const minutesPages = new Map<string, number>();

beforeAll(async () => {
  env = await tempCore();
  core = env.core;
  await seedLedger(core, 300);
  docx = await docxFile();
  const firstMeasures = (await sql<{ id: number; seq: string }>`SELECT m.id, f.seq FROM measures m JOIN findings f ON f.id = m.finding_id WHERE m.seq = 1 ORDER BY f.id`.execute(core.db)).rows;
  expect(firstMeasures).toHaveLength(300);
  for (const [i, m] of firstMeasures.entries()) {
    minutesPages.set(m.seq, 1 + (i % 4));
    const files = [{ name: `第${m.seq}项整改会议纪要.pdf`, base64: pdfPages(1 + (i % 4), `纪要${i}`).toString('base64') }];
    if (i % 2 === 0) files.push({ name: '现场照片.jpg', base64: jpeg().toString('base64') });
    if (i % 3 === 0) files.push({ name: `县财发〔2026〕${i}号 关于拨付资金的通知.docx`, base64: docx.toString('base64') });
    // One measure with a very long name and a second 现场照片 (a scan this time).
    if (i === 6) files.push({ name: LONG_NAME, base64: pdf('长文件名').toString('base64') }, { name: '现场照片.pdf', base64: pdf('同名另一份').toString('base64') });
    await call(core, 'evidence:add', { measureId: m.id, files });
  }
  const labels = new Map((await sql<{ id: number; label: string }>`SELECT b.id, o.name || ' ' || b.doc_number AS label FROM batches b JOIN organizations o ON o.id = b.organization_id`.execute(core.db)).rows.map((b) => [b.id, b.label]));
  const rows = (
    await sql<Omit<EvidenceRow, 'folder' | 'k'>>`SELECT e.id, e.sha256, e.original_name, e.measure_id, f.seq AS finding_seq, m.seq AS measure_seq, f.batch_id
         FROM evidence_files e JOIN measures m ON m.id = e.measure_id JOIN findings f ON f.id = m.finding_id
        ORDER BY f.batch_id, f.sort_order, m.seq, e.created_at, e.id`.execute(core.db)
  ).rows;
  const seen = new Map<number, number>();
  evidence = rows.map((r) => {
    const k = (seen.get(r.measure_id) ?? 0) + 1;
    seen.set(r.measure_id, k);
    return { ...r, k, folder: labels.get(r.batch_id)! };
  });
}, 120_000);
afterAll(async () => {
  await stopJobs(core.dataDir);
  await env.dispose();
});

/** The name the specification gives a file: {问题序号}-{措施序号}-{文件序号}-{题名}.{ext}, in its batch's folder. */
function expectedPath(e: EvidenceRow, withFolder: boolean): string {
  const dot = e.original_name.lastIndexOf('.');
  const name = `${e.finding_seq}-${e.measure_seq}-${e.k}-${e.original_name.slice(0, dot)}${e.original_name.slice(dot)}`;
  return withFolder ? `${e.folder}/${name}` : name;
}

async function catalogueRows(xlsx: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as never);
  const ws = wb.getWorksheet('材料清单')!;
  expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '文号', '责任者', '题名', '日期', '页数', '备注']);
  const out: string[][] = [];
  for (let r = 4; r <= ws.rowCount; r++) out.push((ws.getRow(r).values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v))));
  return out;
}

describe('佐证材料汇编 for 300 findings', () => {
  let zip: Buffer;
  let entries: Map<string, Buffer>;

  beforeAll(async () => {
    const { jobId } = await call(core, 'jobs:start', { kind: 'binder', input: { filter: {} } });
    const status = await whenJobEnds(jobId);
    expect(status.state, status.error?.message).toBe('done');
    expect(status.file!.fileName).toMatch(/^佐证材料汇编_全部_\d{8}\.zip$/);
    zip = fs.readFileSync(locateExport(core.dataDir, status.file!.id)!.path);
    entries = readArchive(zip, 'binder');
  }, 120_000);

  it('holds every evidence file exactly once, with its own bytes, under its numbered name in its batch folder', () => {
    expect(evidence.length).toBeGreaterThan(500);
    const names = centralDirectory(zip)!.map((e) => e.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    const files = names.filter((n) => !n.startsWith('材料清单.'));
    expect(files).toHaveLength(evidence.length);
    expect(names.filter((n) => n.startsWith('材料清单.')).sort()).toEqual(['材料清单.docx', '材料清单.xlsx']);
    for (const e of evidence) {
      const expected = e.original_name === STORED_LONG_NAME ? null : expectedPath(e, true);
      const found = expected ?? files.find((n) => n.startsWith(`${e.folder}/${e.finding_seq}-${e.measure_seq}-${e.k}-关于进一步加强`))!;
      expect(entries.has(found), found).toBe(true);
      expect(crypto.createHash('sha256').update(entries.get(found)!).digest('hex')).toBe(e.sha256);
    }
  });

  it('names files safely for Windows: no reserved characters, at most 80 characters, one extension', () => {
    for (const name of [...entries.keys()]) {
      const base = name.split('/').pop()!;
      expect(base).not.toMatch(FORBIDDEN);
      expect([...base].length).toBeLessThanOrEqual(80);
      if (!base.startsWith('材料清单')) expect(base).toMatch(/^\d+-\d+-\d+-.+\.(pdf|jpg|docx)$/);
    }
    const long = [...entries.keys()].find((n) => n.includes('关于进一步加强'))!;
    expect(long.split('/').pop()).toMatch(/^\d+-1-4-关于进一步加强.*\.pdf$/);
    // Two files called 现场照片 on one measure are told apart by their 文件序号.
    const photos = [...entries.keys()].filter((n) => /\/\d+-1-\d-现场照片\.(jpg|pdf)$/.test(n) && n.includes(`/${evidence.find((e) => e.original_name === STORED_LONG_NAME)!.finding_seq}-1-`));
    expect(photos).toHaveLength(2);
  });

  it('lists in the 材料清单 (.xlsx) one row per file, in the binder order, each naming its file', async () => {
    const rows = await catalogueRows(entries.get('材料清单.xlsx')!);
    expect(rows).toHaveLength(evidence.length);
    expect(rows.map((r) => r[0])).toEqual(evidence.map((_, i) => String(i + 1)));
    expect(rows.map((r) => r[6])).toEqual(evidence.map((e) => (e.original_name === STORED_LONG_NAME ? rows.find((r) => r[6].includes('关于进一步加强'))![6] : expectedPath(e, true))));
    const inZip = [...entries.keys()].filter((n) => !n.startsWith('材料清单.')).sort();
    expect(rows.map((r) => r[6]).sort()).toEqual(inZip);
    for (const r of rows) expect(r[4]).toMatch(/^\d{8}$/);
    // 页数: a PDF's own page count, a photo one page, a Word file left for the clerk.
    const byName = new Map(rows.map((r) => [r[6], r]));
    const minutes = evidence.filter((e) => e.original_name.endsWith('会议纪要.pdf'));
    expect(new Set(minutes.map((e) => minutesPages.get(e.finding_seq))).size).toBe(4);
    for (const e of minutes) expect(byName.get(expectedPath(e, true))![5]).toBe(String(minutesPages.get(e.finding_seq)));
    const photo = evidence.find((e) => e.original_name === '现场照片.jpg')!;
    expect(byName.get(expectedPath(photo, true))![5]).toBe('1');
    const notice = evidence.find((e) => e.original_name.endsWith('.docx'))!;
    const noticeRow = byName.get(expectedPath(notice, true))!;
    expect(noticeRow[5]).toBe('');
    expect(noticeRow[1]).toMatch(/^县财发〔2026〕\d+号$/);
    expect(noticeRow[3]).toBe('关于拨付资金的通知');
    expect(noticeRow[2]).toMatch(/^县/);
  });

  it('lists the same rows in the 材料清单 (.docx)', () => {
    const xml = zipEntry(entries.get('材料清单.docx')!, 'word/document.xml');
    const table = xml.match(/<w:tbl>.*<\/w:tbl>/s)![0];
    const trs = [...table.matchAll(/<w:tr[ >].*?<\/w:tr>/gs)].map((m) => [...m[0].matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((c) => [...c[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')));
    expect(trs[0]).toEqual(['序号', '文号', '责任者', '题名', '日期', '页数', '备注']);
    expect(trs).toHaveLength(evidence.length + 1);
    expect(trs.slice(1).map((r) => r[6]).sort()).toEqual([...entries.keys()].filter((n) => !n.startsWith('材料清单.')).sort());
  });
});

describe('a binder for one batch, as a folder', () => {
  it('writes the files without a batch folder, and the same 清单', async () => {
    const batchId = evidence[0].batch_id;
    const preview = await call(core, 'binder:preview', { filter: { batchId } });
    const ofBatch = evidence.filter((e) => e.batch_id === batchId);
    expect(preview).toMatchObject({ files: ofBatch.length, missing: 0 });
    const binder = await buildBinder(core, { filter: { batchId }, dataDir: core.dataDir, thresholds });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-binder-'));
    try {
      writeBinderFolder(binder, out);
      const onDisk = fs.readdirSync(out).sort();
      expect(onDisk).toEqual([...ofBatch.filter((e) => e.original_name !== STORED_LONG_NAME).map((e) => expectedPath(e, false)), ...ofBatch.filter((e) => e.original_name === STORED_LONG_NAME).map(() => onDisk.find((n) => n.includes('关于进一步加强'))!), '材料清单.docx', '材料清单.xlsx'].sort());
      const rows = await catalogueRows(fs.readFileSync(path.join(out, '材料清单.xlsx')));
      expect(rows.map((r) => r[6]).sort()).toEqual(onDisk.filter((n) => !n.startsWith('材料清单.')).sort());
      // A folder that already holds files is refused, and left as it was.
      expect(() => writeBinderFolder(binder, out)).toThrow(/已有文件/);
      expect(fs.readdirSync(out).sort()).toEqual(onDisk);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('leaves out a file altered on disk and says so in the 清单, never passing it on', async () => {
    const victim = evidence[evidence.length - 1];
    const stored = await core.db.selectFrom('evidence_files').select(['stored_path', 'sha256']).where('id', '=', victim.id).executeTakeFirstOrThrow();
    // One PC: the file in the data folder is altered; the shared ledger: its bytes in the database.
    const onServer = core.dialect === 'postgres';
    const abs = path.join(core.dataDir, stored.stored_path);
    const original = onServer
      ? Buffer.from((await sql<{ data: Buffer }>`SELECT data FROM file_chunks WHERE sha256 = ${stored.sha256} AND seq = 0`.execute(core.db)).rows[0].data)
      : fs.readFileSync(abs);
    const tampered = Buffer.concat([original, Buffer.from('tampered')]);
    if (onServer) await sql`UPDATE file_chunks SET data = ${tampered} WHERE sha256 = ${stored.sha256} AND seq = 0`.execute(core.db);
    else fs.writeFileSync(abs, tampered);
    try {
      const binder = await buildBinder(core, { filter: { batchId: victim.batch_id }, dataDir: core.dataDir, thresholds });
      expect(binder.missing).toBe(1);
      expect(binder.entries.some((e) => e.name === expectedPath(victim, false))).toBe(false);
      expect(binder.catalogue.find((r) => r.note.includes('缺失'))).toMatchObject({ title: expect.any(String) });
    } finally {
      if (onServer) await sql`UPDATE file_chunks SET data = ${original} WHERE sha256 = ${stored.sha256} AND seq = 0`.execute(core.db);
      else fs.writeFileSync(abs, original);
    }
  });

  it('refuses a scope without evidence in words', async () => {
    const r = await call(core, 'binder:preview', { filter: { q: '不存在的关键词' } });
    expect(r.files).toBe(0);
    await expect(buildBinder(core, { filter: { q: '不存在的关键词' }, dataDir: core.dataDir, thresholds })).rejects.toThrow(/还没有佐证材料/);
    expect(binderFileName('3', 2, 1, '会议:纪要?.pdf')).toBe('3-2-1-会议_纪要_.pdf');
    expect(binderFileName('（一）', 1, 1, '说明. .PDF')).toBe('（一）-1-1-说明.pdf');
    // Windows compares names without case: "A.pdf" and "a.PDF" cannot share a folder.
    const names = new UniqueNames();
    expect([names.take('', '1-1-1-A.pdf'), names.take('', '1-1-1-a.pdf'), names.take('x', '1-1-1-a.pdf')]).toEqual(['1-1-1-A.pdf', '1-1-1-a(2).pdf', '1-1-1-a.pdf']);
  });
});
