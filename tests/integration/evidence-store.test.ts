import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sweepEvidenceOrphans } from '../../shared/core/ledger/evidence-sweep.ts';
import { basicSetup, call, callFails, tableCounts, tempCore } from '../support/core.ts';
import * as f from '../support/evidence-files.ts';
import { onPostgres } from '../support/postgres.ts';

type TempCore = Awaited<ReturnType<typeof tempCore>>;
const b64 = (b: Buffer) => b.toString('base64');

async function measureOf(core: TempCore): Promise<number> {
  const { batch, finance } = await basicSetup(core);
  const finding = await call(core, 'findings:create', {
    batchId: batch.id,
    text: '扶贫资金拨付滞后',
    measures: [{ text: '建立资金拨付台账', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-09-30' } }],
  });
  return finding.measures[0].id;
}

/** Every file under evidence/, relative to the data folder, with '/'. */
function filesUnder(dataDir: string): string[] {
  const root = path.join(dataDir, 'evidence');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((p) => fs.statSync(path.join(root, p)).isFile())
    .map((p) => `evidence/${p.split(path.sep).join('/')}`)
    .sort();
}

describe('佐证材料 stored, checked and opened by id', () => {
  let core: TempCore;
  let measureId: number;
  beforeEach(async () => {
    core = await tempCore();
    measureId = await measureOf(core);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await core.cleanup();
  });

  it('refuses a program renamed .pdf: nothing written, no file left', async () => {
    const before = await tableCounts(core);
    const error = await callFails(core, 'evidence:add', { measureId, files: [{ name: '整改报告.pdf', base64: b64(f.pdf()) }, { name: 'x.pdf', base64: b64(f.windowsExe()) }] });
    expect(error).toMatchObject({ code: 'file_refused', message: '文件“x.pdf”的内容不是 PDF（看起来是可执行程序），不能作为佐证材料。' });
    expect(await tableCounts(core)).toEqual(before);
    expect(filesUnder(core.dataDir)).toEqual([]);
  });

  it('stores the cleaned name, and locates the stored copy by id after checking its hash', async () => {
    const bytes = f.pdf();
    const measure = await call(core, 'evidence:add', { measureId, files: [{ name: '整改\u202E说明.pdf', base64: b64(bytes) }] });
    const evidence = measure.evidence[0];
    expect(evidence.name).toBe('整改说明.pdf');
    const located = await call(core, 'evidence:locate', { id: evidence.id });
    expect(located.fileName).toBe('整改说明.pdf');
    expect(located.path.startsWith(path.join(core.dataDir, 'evidence') + path.sep)).toBe(true);
    expect(fs.readFileSync(located.path).equals(bytes)).toBe(true);
    expect(Buffer.from((await call(core, 'evidence:get', { id: evidence.id })).base64, 'base64').equals(bytes)).toBe(true);
  });

  it('refuses to open or download a stored file that was changed on disk', async () => {
    const measure = await call(core, 'evidence:add', { measureId, files: [{ name: '现场照片.png', base64: b64(f.png()) }] });
    const id = measure.evidence[0].id;
    if (onPostgres()) {
      // The shared ledger's stored copy is the database's: alter the bytes there.
      await sql`UPDATE file_chunks SET data = ${f.windowsExe()} WHERE seq = 0`.execute(core.db);
    } else {
      const { path: stored } = await call(core, 'evidence:locate', { id });
      fs.writeFileSync(stored, f.windowsExe());
    }
    const message = '佐证材料“现场照片.png”的文件已被改动或已损坏（与添加时记录的校验值不一致），为安全起见未打开。请从原始来源重新添加这份材料。';
    expect(await callFails(core, 'evidence:locate', { id })).toMatchObject({ code: 'file_refused', message });
    expect(await callFails(core, 'evidence:get', { id })).toMatchObject({ code: 'file_refused', message });
  });

  if (onPostgres()) console.log('fsync-order test skipped on PostgreSQL: it is about the data folder (file flushed before the SQLite commit); the shared ledger writes the bytes in the same transaction as the row.');
  it.skipIf(onPostgres())('flushes each file to disk before the commit that records it', async () => {
    const reader = new SQLite(path.join(core.dataDir, 'ledger.sqlite3'), { readonly: true });
    const rowsSeen: number[] = [];
    const fsync = fs.fsyncSync;
    // At each fsync, another connection must not yet see the evidence row: the commit comes after.
    vi.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
      rowsSeen.push(Number(reader.prepare('SELECT count(*) FROM evidence_files').pluck().get()));
      return fsync(fd);
    });
    await call(core, 'evidence:add', { measureId, files: [{ name: '照片.png', base64: b64(f.png()) }, { name: '说明.pdf', base64: b64(f.pdf()) }] });
    const after = Number(reader.prepare('SELECT count(*) FROM evidence_files').pluck().get());
    reader.close();
    expect(rowsSeen.length).toBeGreaterThanOrEqual(2);
    expect(rowsSeen.every((n) => n === 0)).toBe(true);
    expect(after).toBe(2);
  });
});

describe('orphan sweep at start', () => {
  if (onPostgres()) console.log('evidence/ orphan sweep test skipped on PostgreSQL: the shared ledger never sweeps the data folder (tests/integration/file-store.test.ts checks its blob sweep).');
  it.skipIf(onPostgres())('removes old unrecorded files and interrupted writes, keeps recorded and young ones', async () => {
    const core = await tempCore();
    try {
      const measureId = await measureOf(core);
      const measure = await call(core, 'evidence:add', { measureId, files: [{ name: '说明.pdf', base64: b64(f.pdf()) }] });
      const kept = (await call(core, 'evidence:locate', { id: measure.evidence[0].id })).path;
      const dir = path.dirname(kept);
      const old = new Date(Date.now() - 10 * 60 * 1000);
      const write = (name: string, age: Date | null) => {
        const p = path.join(dir, name);
        fs.writeFileSync(p, 'x');
        if (age) fs.utimesSync(p, age, age);
        return p;
      };
      write('0123456789ab-没有记录.pdf', old);
      write('.a1b2c3d4e5f6.part', old);
      const young = write('fedcba987654-正在写入.pdf', null);
      fs.mkdirSync(path.join(core.dataDir, 'evidence', '999'));
      fs.writeFileSync(path.join(core.dataDir, 'evidence', '999', 'x.pdf'), 'x');
      fs.utimesSync(path.join(core.dataDir, 'evidence', '999', 'x.pdf'), old, old);
      fs.utimesSync(kept, old, old);

      const report = await sweepEvidenceOrphans(core);
      const rel = (name: string) => `evidence/${measureId}/${name}`;
      expect(report.removed.sort()).toEqual([rel('.a1b2c3d4e5f6.part'), rel('0123456789ab-没有记录.pdf'), 'evidence/999/x.pdf'].sort());
      expect(fs.existsSync(kept)).toBe(true);
      expect(fs.existsSync(young)).toBe(true);
      expect(fs.existsSync(path.join(core.dataDir, 'evidence', '999'))).toBe(false);
    } finally {
      await core.cleanup();
    }
  });
});
