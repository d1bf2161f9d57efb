import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../shared/core/context.ts';
import { openPostgres } from '../../shared/core/db/postgres.ts';
import { copyFilesToFolder, copyFilesToStore, describeCopyProblems } from '../../shared/core/files/copy.ts';
import { CHUNK_BYTES } from '../../shared/core/files/database-store.ts';
import { sweepEvidenceOrphans } from '../../shared/core/ledger/evidence-sweep.ts';
import { storeEvidence } from '../../shared/core/ledger/evidence.ts';
import { getSettings, thresholdsOf } from '../../shared/core/ledger/settings.ts';
import { buildBinder } from '../../shared/core/reports/binder/build.ts';
import { withWrite } from '../../shared/core/ledger/write.ts';
import { basicSetup, call, callFails, tempCore } from '../support/core.ts';
import * as f from '../support/evidence-files.ts';
import { dropTestDatabase, freshTestDatabase, onPostgres } from '../support/postgres.ts';

/**
 * The file store of the office's shared ledger (issue 12): files added on one clerk's PC are in the
 * database, so another clerk's PC (its own data folder, the same server) opens them byte for byte;
 * they are written in the same transaction as their row; the 回收站 keeps, restores and purges them.
 * And the copy of a single-PC ledger's files to the server (and back) checks every sha256.
 */

type TempCore = Awaited<ReturnType<typeof tempCore>>;
const b64 = (b: Buffer) => b.toString('base64');
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** A PDF of about `bytes` bytes whose content is unique (so several chunks on the server). */
function bigPdf(bytes: number): Buffer {
  const head = f.pdf('大文件');
  return Buffer.concat([head, crypto.randomBytes(bytes - head.length)]);
}

async function measureOf(core: Core): Promise<number> {
  const { batch, finance } = await basicSetup(core);
  const finding = await call(core, 'findings:create', {
    batchId: batch.id,
    text: '扶贫资金拨付滞后',
    measures: [{ text: '建立资金拨付台账', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-09-30' } }],
  });
  return finding.measures[0].id;
}

/** The same template as another .docx (a second version with other bytes): the zip's comment differs. */
async function resaved(docx: Buffer): Promise<Buffer> {
  const end = docx.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const comment = Buffer.from('修订');
  const eocd = Buffer.from(docx.subarray(end, end + 22));
  eocd.writeUInt16LE(comment.length, 20);
  return Buffer.concat([docx.subarray(0, end), eocd, comment]);
}

const blobCount = async (core: Core) => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM file_blobs`.execute(core.db)).rows[0].n);
const chunkCount = async (core: Core) => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM file_chunks`.execute(core.db)).rows[0].n);

if (!onPostgres()) console.log('file-store.test.ts: the shared-ledger tests need PostgreSQL (RECTIFY_TEST_DATABASE_URL); on SQLite the data folder layout is tested by evidence-store.test.ts and recycle-bin.test.ts.');

describe.skipIf(!onPostgres())('two clerks on one shared ledger (PostgreSQL)', () => {
  let a: TempCore;
  let b: Core;
  let bDir: string;
  beforeEach(async () => {
    a = await tempCore();
    bDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-test-b-'));
    b = await openCore({ dataDir: bDir, databaseUrl: a.databaseUrl, clock: () => new Date('2026-06-15T12:00:00'), mode: 'test', user: a.user });
  });
  afterEach(async () => {
    await b.close();
    fs.rmSync(bDir, { recursive: true, force: true });
    await a.cleanup();
  });

  it('a file clerk A adds is opened by clerk B byte for byte, and nothing is kept in A’s data folder', async () => {
    const measureId = await measureOf(a);
    const big = bigPdf(3 * CHUNK_BYTES + 12345);
    const photo = f.png();
    const measure = await call(a, 'evidence:add', { measureId, files: [{ name: '整改报告.pdf', base64: b64(big) }, { name: '现场照片.png', base64: b64(photo) }] });
    expect(fs.existsSync(path.join(a.dataDir, 'evidence'))).toBe(false);
    expect(await blobCount(a)).toBe(2);
    expect(await chunkCount(a)).toBe(4 + 1);

    const [report, picture] = (await call(b, 'findings:get', { id: (await call(b, 'ledger:query', {})).rows[0].findingId })).measures[0].evidence;
    expect([report.name, picture.name]).toEqual(['整改报告.pdf', '现场照片.png']);
    // evidence:open on B's desktop: a checked copy in B's own data folder.
    const located = await call(b, 'evidence:locate', { id: report.id });
    expect(located.path.startsWith(path.join(bDir, 'evidence', 'shared-copies') + path.sep)).toBe(true);
    expect(path.basename(located.path)).toBe('整改报告.pdf');
    expect(sha(fs.readFileSync(located.path))).toBe(sha(big));
    // Browser mode on B: the bytes themselves.
    expect(Buffer.from((await call(b, 'evidence:get', { id: picture.id })).base64, 'base64').equals(photo)).toBe(true);
    expect(Buffer.from((await call(b, 'evidence:get', { id: report.id })).base64, 'base64').equals(big)).toBe(true);

    // The same file again (by B, on the same measure) is stored once.
    await call(b, 'evidence:add', { measureId: measure.id, files: [{ name: '现场照片（复件）.png', base64: b64(photo) }] });
    expect(await blobCount(a)).toBe(2);

    // A copy on B's PC that someone altered is rewritten from the database, never opened as it is.
    fs.writeFileSync(located.path, f.windowsExe());
    const again = await call(b, 'evidence:locate', { id: report.id });
    expect(sha(fs.readFileSync(again.path))).toBe(sha(big));
  });

  it('recycle bin on the server: B deletes, A restores, B purges; the bytes go only with the purge', async () => {
    const measureId = await measureOf(a);
    const bytes = f.pdf('拨付凭证');
    const measure = await call(a, 'evidence:add', { measureId, files: [{ name: '拨付凭证.pdf', base64: b64(bytes) }] });
    const id = measure.evidence[0].id;

    const { recycleId } = await call(b, 'evidence:delete', { id });
    expect(await blobCount(a)).toBe(1);
    expect((await callFails(a, 'evidence:get', { id })).code).toBe('not_found');

    const restored = await call(a, 'recycle:restore', { id: recycleId });
    expect(restored.missingFiles).toEqual([]);
    expect(Buffer.from((await call(b, 'evidence:get', { id })).base64, 'base64').equals(bytes)).toBe(true);

    const { recycleId: second } = await call(b, 'evidence:delete', { id });
    await call(b, 'recycle:purge', { id: second });
    expect(await blobCount(a)).toBe(0);
    expect(await chunkCount(a)).toBe(0);
    expect(await call(a, 'recycle:list', {})).toEqual([]);
  });

  it('a deleted measure in the bin keeps a file another measure still uses; purging one never takes the other', async () => {
    const measureId = await measureOf(a);
    const bytes = f.pdf('共用文件');
    await call(a, 'evidence:add', { measureId, files: [{ name: '共用.pdf', base64: b64(bytes) }] });
    const other = await call(a, 'findings:create', {
      batchId: (await call(a, 'batches:list', {}))[0].id,
      text: '产业项目带贫不足',
      measures: [{ text: '完善利益联结机制', leadUnitId: (await call(a, 'units:list', {}))[0].id, deadline: { kind: 'date', date: '2026-10-31' } }],
    });
    const kept = await call(a, 'evidence:add', { measureId: other.measures[0].id, files: [{ name: '共用.pdf', base64: b64(bytes) }] });
    await call(b, 'measures:delete', { id: measureId });
    const [entry] = await call(b, 'recycle:list', {});
    await call(b, 'recycle:purge', { id: entry.id });
    expect(await blobCount(a)).toBe(1);
    expect(Buffer.from((await call(a, 'evidence:get', { id: kept.evidence[0].id })).base64, 'base64').equals(bytes)).toBe(true);
  });

  it('a write that fails leaves no bytes behind; the start sweep removes bytes nothing refers to', async () => {
    const measureId = await measureOf(a);
    await callFails(a, 'evidence:add', { measureId, files: [{ name: '说明.pdf', base64: b64(f.pdf()) }, { name: 'x.pdf', base64: b64(f.windowsExe()) }] });
    await expect(
      withWrite(a, async (trx, actor, onRollback) => {
        await storeEvidence(trx, actor, a.dataDir, measureId, [{ name: '照片.png', base64: b64(f.png()) }], null, onRollback);
        throw new Error('模拟断电');
      }),
    ).rejects.toThrow('模拟断电');
    expect(await blobCount(a)).toBe(0);

    const kept = await call(a, 'evidence:add', { measureId, files: [{ name: '说明.pdf', base64: b64(f.pdf('留下')) }] });
    // A blob no row names (a 监督附件 removed from its relation, a record deleted outright).
    await withWrite(a, async (trx) => {
      await sql`INSERT INTO file_blobs (sha256, size, chunks, created_at) VALUES ('0000', 1, 1, '2026-06-15T00:00:00Z')`.execute(trx);
      await sql`INSERT INTO file_chunks (sha256, seq, data) VALUES ('0000', 0, ${Buffer.from('x')})`.execute(trx);
    });
    const swept = await sweepEvidenceOrphans(b);
    expect(swept.removed).toHaveLength(1);
    expect(await blobCount(a)).toBe(1);
    expect(await chunkCount(a)).toBe(1);
    expect((await call(b, 'evidence:get', { id: kept.evidence[0].id })).fileName).toBe('说明.pdf');
  });

  it('supervision attachments and the report template are in the database too, reachable from B', async () => {
    const { org } = await basicSetup(a);
    const plan = f.pdf('实施方案');
    const relation = await call(a, 'relations:save', { organizationId: org.id, area: '脱贫攻坚', sinceDate: '2026-01-10', focusAreas: [], files: [{ name: '实施方案.pdf', base64: b64(plan) }] });
    expect(Buffer.from((await call(b, 'supervisionFiles:read', { id: relation.files[0].id })).base64, 'base64').equals(plan)).toBe(true);
    expect(fs.existsSync(path.join(a.dataDir, 'supervision-files'))).toBe(false);

    const template = Buffer.from((await call(a, 'template:sample', {})).base64, 'base64');
    expect((await call(a, 'template:save', { file: { name: '本部模板.docx', base64: b64(template) } })).saved).toBe(true);
    expect(fs.existsSync(path.join(a.dataDir, 'templates'))).toBe(false);
    expect(await call(b, 'template:check', {})).toMatchObject({ ok: true });
    expect(await blobCount(b)).toBe(2);
    // A newer template replaces it; the earlier version is kept (as the data folder keeps its file), even through the sweep.
    const second = await call(b, 'template:save', { file: { name: '本部模板（修订）.docx', base64: b64(await resaved(template)) } });
    expect(second.saved).toBe(true);
    await sweepEvidenceOrphans(a);
    expect(await blobCount(b)).toBe(3);
  });

  it('the evidence binder built on B holds the files A added, byte for byte', async () => {
    const measureId = await measureOf(a);
    const files = [f.pdf('会议纪要'), f.png()];
    await call(a, 'evidence:add', { measureId, files: [{ name: '会议纪要.pdf', base64: b64(files[0]) }, { name: '现场照片.png', base64: b64(files[1]) }] });
    const batchId = (await call(b, 'batches:list', {}))[0].id;
    expect(await call(b, 'binder:preview', { filter: { batchId } })).toMatchObject({ files: 2, missing: 0, bytes: files[0].length + files[1].length });
    const binder = await buildBinder(b, { filter: { batchId }, dataDir: b.dataDir, thresholds: thresholdsOf(await getSettings(b.db)) });
    expect(binder.missing).toBe(0);
    const bytes = binder.entries.filter((e) => !e.name.startsWith('材料清单')).map((e) => sha(Buffer.from(e.data)));
    expect(bytes.sort()).toEqual(files.map(sha).sort());
  });

  it('the way back: the shared ledger’s files written into a data folder at their stored paths', async () => {
    const measureId = await measureOf(a);
    const files = [f.pdf('甲'), f.png(), bigPdf(CHUNK_BYTES + 1)];
    const m = await call(a, 'evidence:add', { measureId, files: files.map((bytes, i) => ({ name: `材料${i + 1}.${i === 1 ? 'png' : 'pdf'}`, base64: b64(bytes) })) });
    await call(a, 'evidence:delete', { id: m.evidence[0].id });
    const back = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-test-back-'));
    try {
      const report = await copyFilesToFolder(a.db, back);
      expect(report).toMatchObject({ files: 3, written: 3, problems: [] });
      const rows = await a.db.selectFrom('evidence_files').select(['stored_path', 'sha256']).execute();
      for (const r of rows) expect(sha(fs.readFileSync(path.join(back, r.stored_path)))).toBe(r.sha256);
      // The binned file goes where the single-PC 回收站 keeps it.
      const [entry] = await call(a, 'recycle:list', {});
      const kept = fs.readdirSync(path.join(back, 'recycle', String(entry.id)));
      expect(kept).toHaveLength(1);
      expect(sha(fs.readFileSync(path.join(back, 'recycle', String(entry.id), kept[0])))).toBe(sha(files[0]));
    } finally {
      fs.rmSync(back, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!onPostgres())('moving a single-PC ledger’s files to the server and back', () => {
  let local: TempCore;
  let serverUrl: string;
  beforeEach(async () => {
    local = await tempCore('2026-06-15', { database: 'sqlite' });
    serverUrl = await freshTestDatabase();
  });
  afterEach(async () => {
    await local.cleanup();
    await dropTestDatabase(serverUrl);
  });

  it('copies every evidence file, attachment, template and 回收站 file, checking each sha256, in one transaction', async () => {
    expect(local.dialect).toBe('sqlite');
    const measureId = await measureOf(local);
    const files = [f.pdf('一'), f.png(), bigPdf(2 * CHUNK_BYTES + 7)];
    const m = await call(local, 'evidence:add', { measureId, files: files.map((bytes, i) => ({ name: `材料${i + 1}.${i === 1 ? 'png' : 'pdf'}`, base64: b64(bytes) })) });
    const binned = f.pdf('回收站里的');
    const m2 = await call(local, 'evidence:add', { measureId, files: [{ name: '删掉的.pdf', base64: b64(binned) }] });
    await call(local, 'evidence:delete', { id: m2.evidence.find((e) => e.name === '删掉的.pdf')!.id });
    // One file altered on this PC since it was added: reported, not copied under a false hash.
    const altered = await local.db.selectFrom('evidence_files').select('stored_path').where('id', '=', m.evidence[1].id).executeTakeFirstOrThrow();
    fs.writeFileSync(path.join(local.dataDir, altered.stored_path), f.jpeg());

    const server = await openPostgres(serverUrl);
    try {
      const report = await server.db.transaction().execute((trx) => copyFilesToStore(local, trx));
      expect(report).toMatchObject({ files: 4, written: 3 });
      expect(describeCopyProblems(report)).toEqual([`佐证材料“材料2.png”的文件已被改动或已损坏（与添加时记录的校验值不一致，${altered.stored_path}），未复制。`]);
      const onServer = (await sql<{ sha256: string }>`SELECT sha256 FROM file_blobs ORDER BY sha256`.execute(server.db)).rows.map((r) => r.sha256);
      expect(onServer).toEqual([sha(files[0]), sha(files[2]), sha(binned)].sort());
      // Copying again writes nothing new.
      expect((await copyFilesToStore(local, server.db)).written).toBe(0);

    } finally {
      await server.close();
    }
  });
});
