import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../shared/core/context.ts';
import { DB_FILE } from '../../shared/core/db/open.ts';
import { writeArchive } from '../../shared/core/backup/archive.ts';
import { dailyBackup } from '../../shared/core/backup/automatic.ts';
import { backupDir, blobPath, listManifests } from '../../shared/core/backup/store.ts';
import { verifyLedger } from '../../shared/core/backup/verify.ts';
import { basicSetup, b64, call, callFails } from '../support/core.ts';

/** Backups, restore and the whole-ledger archive, on real SQLite files and real evidence files. */

const opened: { core: Core; dir: string }[] = [];
afterEach(async () => {
  for (const { core, dir } of opened.splice(0)) {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A ledger in a fresh temp folder whose clock the test moves. */
async function ledger(start = '2026-11-25T10:02:00') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-backup-'));
  const clock = { now: new Date(start) };
  const core = await openCore({ dataDir: dir, clock: () => clock.now, mode: 'test' });
  opened.push({ core, dir });
  const tick = (seconds = 1) => (clock.now = new Date(clock.now.getTime() + seconds * 1000));
  return { core, dir, clock, tick };
}

async function fillLedger(core: Core) {
  const { batch, finance, poverty } = await basicSetup(core);
  const finding = await call(core, 'findings:create', {
    batchId: batch.id,
    category: '资金使用',
    text: '扶贫资金拨付滞后，部分项目资金闲置。',
    measures: [
      { text: '建立资金拨付台账，逐月通报', leadUnitId: finance.id, coUnitIds: [poverty.id], person: '王芳', deadline: { kind: 'date', date: '2026-12-31' } },
      { text: '清理闲置资金', leadUnitId: poverty.id, deadline: { kind: 'standing' } },
    ],
  });
  await call(core, 'evidence:add', { measureId: finding.measures[0].id, files: [{ name: '拨付台账.txt', base64: b64('一月：已拨付 120 万元') }] });
  return { batch, finance, poverty, finding };
}

/** Every table's rows (audit_log apart: a restore adds its own entry), order-independent. */
function dump(core: Core): Record<string, string[]> {
  const tables = core.sqlite!.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log' ORDER BY name`).pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, (core.sqlite!.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()]));
}

const auditRows = (core: Core) => core.sqlite!.prepare('SELECT * FROM audit_log ORDER BY id').all() as { action: string }[];

/** Every file under evidence/ (or another folder), path → sha256 of its bytes. */
function evidenceFiles(dir: string, folder = 'evidence'): Record<string, string> {
  const root = path.join(dir, folder);
  if (!fs.existsSync(root)) return {};
  const out: Record<string, string> = {};
  for (const rel of fs.readdirSync(root, { recursive: true }) as string[]) {
    const abs = path.join(root, rel);
    if (fs.statSync(abs).isFile()) out[rel.split(path.sep).join('/')] = crypto.createHash('sha256').update(fs.readFileSync(abs)).digest('hex');
  }
  return out;
}

const counts = (core: Core) => core.sqlite!.prepare('SELECT (SELECT count(*) FROM findings) f, (SELECT count(*) FROM measures) m, (SELECT count(*) FROM evidence_files) e').get();
const fileHash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The database file and its WAL as they are on disk: "untouched" is these staying equal. */
function ledgerFingerprint(dir: string) {
  const wal = path.join(dir, `${DB_FILE}-wal`);
  return { db: fileHash(path.join(dir, DB_FILE)), wal: fs.existsSync(wal) ? fileHash(wal) : null, evidence: evidenceFiles(dir) };
}

async function exportArchive(core: Core, id: string): Promise<Buffer> {
  return Buffer.from((await call(core, 'backup:export', { id })).base64, 'base64');
}

describe('backup and restore', () => {
  it('gives back exactly the backed-up data and evidence, and the restore can be undone once', async () => {
    const { core, dir, tick } = await ledger();
    const { finding, poverty } = await fillLedger(core);
    const backup = await call(core, 'backup:create', { reason: 'manual' });
    expect(backup.counts).toEqual({ batches: 1, findings: 1, measures: 2, evidence: 1 });
    expect(backup.id).toBe('整改台账备份-20261125-100200-手动.sqlite3');
    const saved = { rows: dump(core), audit: auditRows(core), files: evidenceFiles(dir) };
    expect(Object.keys(saved.files)).toHaveLength(1);

    // Change everything a clerk can: add, edit, delete, add evidence.
    tick(60);
    await call(core, 'findings:update', { id: finding.id, text: '扶贫资金拨付滞后（已修改）。', category: '资金使用' });
    await call(core, 'measures:delete', { id: finding.measures[1].id });
    await call(core, 'evidence:add', { measureId: finding.measures[0].id, files: [{ name: '二月台账.txt', base64: b64('二月：已拨付 80 万元') }] });
    await call(core, 'findings:create', {
      batchId: finding.batch.id,
      text: '产业项目带贫机制不健全。',
      measures: [{ text: '完善利益联结机制', leadUnitId: poverty.id, deadline: { kind: 'immediate' } }],
    });
    const changed = { rows: dump(core), files: evidenceFiles(dir) };
    expect(changed.rows).not.toEqual(saved.rows);

    tick(60);
    const result = await call(core, 'backup:restore', { id: backup.id });
    expect(result.counts).toEqual(backup.counts);
    expect(result.safetyBackup.reason).toBe('restore');
    // The same core object answers, on the restored data.
    expect(dump(core)).toEqual(saved.rows);
    expect(evidenceFiles(dir)).toEqual(saved.files);
    expect(auditRows(core).slice(0, -1)).toEqual(saved.audit);
    expect(auditRows(core).at(-1)!.action).toBe('backup-restore');
    expect((await call(core, 'findings:get', { id: finding.id })).text).toBe('扶贫资金拨付滞后，部分项目资金闲置。');
    expect((await call(core, 'backup:list', {})).lastRestore?.safetyBackupId).toBe(result.safetyBackup.id);
    // The data folder stays locked to this program through the swap.
    expect(fs.existsSync(path.join(dir, 'ledger.lock'))).toBe(true);

    tick(60);
    await call(core, 'backup:undo-restore', {});
    expect(dump(core)).toEqual(changed.rows);
    expect(evidenceFiles(dir)).toEqual(changed.files);
    const again = await callFails(core, 'backup:undo-restore', {});
    expect(again.message).toContain('没有可以撤销的恢复');
    expect((await call(core, 'backup:list', {})).lastRestore).toBeNull();
    expect((await verifyLedger(core)).problems).toEqual([]);

    // Closing after two swaps closes the ledger and gives the folder back.
    opened.splice(opened.findIndex((o) => o.core === core), 1);
    await core.close();
    expect(fs.existsSync(path.join(dir, 'ledger.lock'))).toBe(false);
    const again2 = await openCore({ dataDir: dir, mode: 'test' });
    expect(dump(again2)).toEqual(changed.rows);
    await again2.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the 回收站 files with the backup: a restore brings back what the bin can restore', async () => {
    const { core, dir } = await ledger();
    const { finding } = await fillLedger(core);
    await call(core, 'measures:delete', { id: finding.measures[0].id });
    const binFiles = evidenceFiles(dir, 'recycle');
    expect(Object.keys(binFiles)).toHaveLength(1);
    const backup = await call(core, 'backup:create', { reason: 'manual' });
    await call(core, 'recycle:empty', {});
    expect(evidenceFiles(dir, 'recycle')).toEqual({});

    await call(core, 'backup:restore', { id: backup.id });
    expect(evidenceFiles(dir, 'recycle')).toEqual(binFiles);
    const [entry] = await call(core, 'recycle:list', {});
    await call(core, 'recycle:restore', { id: entry.id });
    const restored = await call(core, 'findings:get', { id: finding.id });
    expect(restored.measures.flatMap((m) => m.evidence.map((e) => e.name))).toContain('拨付台账.txt');
    expect((await verifyLedger(core)).problems).toEqual([]);
  });

  it('moves a whole ledger to a new PC through one archive (export-all → import-all)', async () => {
    const from = await ledger();
    await fillLedger(from.core);
    const backup = await call(from.core, 'backup:create', { reason: 'manual' });
    const archive = await exportArchive(from.core, backup.id);
    expect(archive.subarray(0, 2).toString()).toBe('PK');

    const to = await ledger('2026-12-01T09:00:00');
    await call(to.core, 'backup:restore', { file: { name: '整改台账备份.zip', base64: archive.toString('base64') } });
    expect(dump(to.core)).toEqual(dump(from.core));
    expect(evidenceFiles(to.dir)).toEqual(evidenceFiles(from.dir));
    expect((await verifyLedger(to.core)).problems).toEqual([]);
  });
});

describe('a bad file is refused and the current data is untouched', () => {
  async function refusedKeepsData(core: Core, dir: string, input: unknown, expected: RegExp) {
    const before = { counts: counts(core), files: ledgerFingerprint(dir), backups: listManifests(dir).length };
    const error = await callFails(core, 'backup:restore', input);
    expect(error.message).toMatch(expected);
    expect(error.message).toContain('当前数据没有改动');
    expect(counts(core)).toEqual(before.counts);
    expect(ledgerFingerprint(dir)).toEqual(before.files);
    // Refused before anything was done: not even the 恢复前 backup.
    expect(listManifests(dir).length).toBe(before.backups);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.restore-'))).toEqual([]);
    return error;
  }

  /** An archive like ours whose database was changed by `edit` (on a copy). */
  async function archiveWith(core: Core, id: string, edit: (db: SQLite.Database) => void): Promise<string> {
    const copy = path.join(os.tmpdir(), `rectify-edit-${process.pid}-${Date.now()}.sqlite3`);
    fs.copyFileSync(path.join(backupDir(core.dataDir), id), copy);
    const db = new SQLite(copy);
    edit(db);
    db.close();
    const bytes = writeArchive([{ name: id, data: fs.readFileSync(copy) }], new Date());
    fs.rmSync(copy);
    return bytes.toString('base64');
  }

  it('refuses a corrupt file, a foreign SQLite file and a file from a newer version', async () => {
    const { core, dir } = await ledger();
    await fillLedger(core);
    const backup = await call(core, 'backup:create', { reason: 'manual' });
    const good = await exportArchive(core, backup.id);

    // Corrupt: the database inside cut short, and a file that is no archive at all.
    const db = fs.readFileSync(path.join(backupDir(dir), backup.id));
    const cut = writeArchive([{ name: backup.id, data: db.subarray(0, Math.floor(db.length / 2)) }], new Date()).toString('base64');
    await refusedKeepsData(core, dir, { file: { name: '坏文件.zip', base64: cut } }, /已损坏|不是整改台账的备份/);
    await refusedKeepsData(core, dir, { file: { name: '坏文件.zip', base64: good.subarray(0, good.length - 100).toString('base64') } }, /不是完整的整改台账备份文件/);

    // Foreign: any other SQLite database.
    const foreignFile = path.join(os.tmpdir(), `rectify-foreign-${process.pid}.sqlite3`);
    const foreign = new SQLite(foreignFile);
    foreign.exec(`CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('张三', '6201234');`);
    foreign.close();
    const foreignZip = writeArchive([{ name: '通讯录.sqlite3', data: fs.readFileSync(foreignFile) }], new Date()).toString('base64');
    fs.rmSync(foreignFile);
    await refusedKeepsData(core, dir, { file: { name: '通讯录.zip', base64: foreignZip } }, /不是整改台账的数据/);

    // Newer: written by a later version of the app.
    const newer = await archiveWith(core, backup.id, (d) => d.prepare(`INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')`).run());
    const error = await refusedKeepsData(core, dir, { file: { name: '新版本.zip', base64: newer } }, /更新版本的整改台账/);
    expect(error.code).toBe('db_too_new');

    // A backup in the folder whose database was changed afterwards.
    const target = path.join(backupDir(dir), backup.id);
    const bytes = fs.readFileSync(target);
    bytes[bytes.length - 10] ^= 0xff;
    fs.writeFileSync(target, bytes);
    const changedBackup = await callFails(core, 'backup:restore', { id: backup.id });
    expect(changedBackup.message).toContain('被改动过');
  });

  it('reports a tampered evidence blob in verify and refuses to restore from it', async () => {
    const { core, dir } = await ledger();
    await fillLedger(core);
    const backup = await call(core, 'backup:create', { reason: 'manual' });
    const [blob] = listManifests(dir)[0].evidence;
    const file = blobPath(dir, blob.sha256);
    const bytes = fs.readFileSync(file);
    bytes[0] ^= 0x01;
    fs.writeFileSync(file, bytes);

    const report = await verifyLedger(core);
    expect(report.problems.join('\n')).toContain('备份中的一份佐证材料已被改动');
    expect(report.problems.join('\n')).toContain(backup.id);
    await refusedKeepsData(core, dir, { id: backup.id }, /佐证材料“拨付台账.txt”内容已被改动/);
    expect((await callFails(core, 'backup:export', { id: backup.id })).message).toContain('已被改动');
  });

  it('verify reports a changed or missing evidence file and lists orphan files', async () => {
    const { core, dir } = await ledger();
    const { finding } = await fillLedger(core);
    expect(await verifyLedger(core)).toMatchObject({ problems: [], orphans: [] });
    const [stored] = core.sqlite!.prepare('SELECT stored_path FROM evidence_files').pluck().all() as string[];
    fs.appendFileSync(path.join(dir, stored), 'x');
    fs.writeFileSync(path.join(dir, 'evidence', String(finding.measures[0].id), '无主文件.txt'), '没有记录指向我');
    const report = await verifyLedger(core);
    expect(report.problems).toEqual([expect.stringContaining('佐证材料“拨付台账.txt”内容已被改动')]);
    expect(report.orphans).toEqual([`evidence/${finding.measures[0].id}/无主文件.txt`]);
    fs.rmSync(path.join(dir, stored));
    expect((await verifyLedger(core)).problems).toEqual([expect.stringContaining('佐证材料“拨付台账.txt”缺失')]);
  });
});

describe('automatic backups', () => {
  it('keeps the newest N automatic backups and every manual one, and sweeps unneeded evidence blobs', async () => {
    const { core, dir, tick } = await ledger();
    const { finding } = await fillLedger(core);
    await call(core, 'backup:set-keep', { keep: 3 });
    expect((await callFails(core, 'backup:set-keep', { keep: 2 })).message).toContain('至少保留 3 份');
    const manual = [await call(core, 'backup:create', { reason: 'manual' })];
    const firstBlob = listManifests(dir)[0].evidence[0].sha256;
    // The evidence goes (and the 回收站 is emptied); only the manual backup still needs its blob.
    await call(core, 'measures:delete', { id: finding.measures[0].id });
    await call(core, 'recycle:empty', {});
    const { createBackup } = await import('../../shared/core/backup/service.ts');
    const automatic = [];
    for (let i = 0; i < 5; i++) {
      tick(3600);
      automatic.push(await createBackup(core, i % 2 ? 'import' : 'daily'));
    }
    tick(3600);
    manual.push(await call(core, 'backup:create', { reason: 'manual' }));
    const kept = (await call(core, 'backup:list', {})).backups;
    expect(kept.map((b) => b.id).sort()).toEqual([...automatic.slice(2), ...manual].map((b) => b.id).sort());
    expect(fs.existsSync(blobPath(dir, firstBlob))).toBe(true);

    // Once the manual backup that needs it is gone (deleted by hand), the next rotation sweeps the blob.
    for (const m of manual.slice(0, 1)) {
      fs.rmSync(path.join(backupDir(dir), m.id));
      fs.rmSync(path.join(backupDir(dir), m.id.replace('.sqlite3', '.json')));
    }
    tick(3600);
    await createBackup(core, 'daily');
    expect(fs.existsSync(blobPath(dir, firstBlob))).toBe(false);
    expect((await call(core, 'backup:list', {})).backups.filter((b) => b.reason !== 'manual')).toHaveLength(3);
  });

  it('runs the daily backup once per day, and not on an empty ledger', async () => {
    const { core, clock, tick } = await ledger('2026-11-25T08:30:00');
    expect(await dailyBackup(core)).toBeNull();
    await fillLedger(core);
    expect(await dailyBackup(core)).toBe('整改台账备份-20261125-083000-每日自动.sqlite3');
    tick(5 * 3600);
    expect(await dailyBackup(core)).toBeNull();
    clock.now = new Date('2026-11-26T07:59:00');
    expect(await dailyBackup(core)).toBe('整改台账备份-20261126-075900-每日自动.sqlite3');
    expect(await dailyBackup(core)).toBeNull();
    const reasons = (await call(core, 'backup:list', {})).backups.map((b) => b.reason);
    expect(reasons).toEqual(['daily', 'daily']);
  });

  it('backs up before a migration from the data folder alone (no core open), for the database layer to call', async () => {
    const { core, dir } = await ledger();
    await fillLedger(core);
    const { backupBeforeMigration } = await import('../../shared/core/backup/automatic.ts');
    const name = await backupBeforeMigration(dir, new Date('2026-11-25T09:00:00'));
    expect(name).toBe('整改台账备份-20261125-090000-升级前.sqlite3');
    expect(listManifests(dir)[0]).toMatchObject({ reason: 'migration', counts: { findings: 1, measures: 2, evidence: 1 } });
    expect(await backupBeforeMigration(path.join(dir, 'no-ledger-here'))).toBeNull();
  });

  it('backs up before an import commit', async () => {
    const { core } = await ledger();
    await fillLedger(core);
    const { backupBeforeImport } = await import('../../shared/core/backup/automatic.ts');
    await backupBeforeImport(core);
    expect((await call(core, 'backup:list', {})).backups.map((b) => b.reason)).toEqual(['import']);
  });
});
