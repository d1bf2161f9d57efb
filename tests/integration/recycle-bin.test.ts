import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { binBatch, binProgressEntry } from '../../shared/core/recycle/bin.ts';
import { restoreFromBin } from '../../shared/core/recycle/restore.ts';
import { withWrite } from '../../shared/core/ledger/write.ts';
import { call, callFails, tempCore } from '../support/core.ts';
import { onPostgres } from '../support/postgres.ts';
import { dumpLedger, filesUnder, findingIdsFor, richBatch, storedBlobs, undoFileMoves } from './recycle-support.ts';

let core: Awaited<ReturnType<typeof tempCore>>;
beforeEach(async () => {
  core = await tempCore('2026-06-15');
});
afterEach(async () => core.cleanup());

const bin = () => call(core, 'recycle:list', {});
const auditActions = async () => (await call(core, 'audit:list', { limit: 1000 })).map((a) => `${a.action} ${a.entity}`);

describe('回收站: delete moves, restore puts back exactly', () => {
  it('a batch with findings, measures, co-units, progress, history, 督办单 and files comes back identical', async () => {
    const s = await richBatch(core);
    const before = await dumpLedger(core);
    const filesBefore = filesUnder(core, 'evidence');
    const blobsBefore = await storedBlobs(core);
    // One PC keeps the files in evidence/; the shared ledger keeps them in the database.
    expect(Object.keys(onPostgres() ? blobsBefore : filesBefore)).toHaveLength(4);
    expect(Object.keys(onPostgres() ? filesBefore : blobsBefore)).toHaveLength(0);
    expect([before.notices.length, before.measure_co_units.length, before.progress_entries.length, (before.search_trigram ?? before.search_docs).length]).toEqual([1, 1, 1, 2]);
    expect(before.status_changes.length).toBeGreaterThanOrEqual(3);
    expect(await findingIdsFor(core, '拨付')).toEqual([s.f1.id]);

    await call(core, 'batches:delete', { id: s.batch.id });
    expect(await call(core, 'batches:list', {})).toEqual([]);
    expect((await call(core, 'ledger:query', {})).total).toBe(0);
    expect(await findingIdsFor(core, '拨付')).toEqual([]);
    expect(filesUnder(core, 'evidence')).toEqual({});
    const [entry] = await bin();
    expect(entry).toMatchObject({
      entity: 'batch',
      entityId: s.batch.id,
      label: '反馈批次：民盟市委 民盟市委〔2026〕1号 · 脱贫攻坚民主监督反馈意见',
      parentLabel: null,
      deletedBy: expect.any(String),
      counts: { findings: 2, measures: 3, progress: 1, evidence: 4 },
    });
    // The files sit in recycle/<entry id>/, the same bytes; on the shared database they stay where they are.
    if (onPostgres()) expect(await storedBlobs(core)).toEqual(blobsBefore);
    else expect(Object.values(filesUnder(core, `recycle/${entry.id}`)).sort()).toEqual(Object.values(filesBefore).sort());

    const restored = await call(core, 'recycle:restore', { id: entry.id });
    expect(restored).toMatchObject({ entity: 'batch', batchId: s.batch.id, missingFiles: [] });
    expect(await dumpLedger(core)).toEqual(before);
    expect(filesUnder(core, 'evidence')).toEqual(filesBefore);
    expect(await storedBlobs(core)).toEqual(blobsBefore);
    expect(fs.existsSync(path.join(core.dataDir, 'recycle', String(entry.id)))).toBe(false);
    expect(await bin()).toEqual([]);
    expect(await findingIdsFor(core, '拨付')).toEqual([s.f1.id]);
    expect(await findingIdsFor(core, '带贫')).toEqual([s.f2.id]);
    const file = await call(core, 'evidence:get', { id: (await call(core, 'findings:get', { id: s.f1.id })).measures[0].evidence[0].id });
    expect(file.base64.length).toBeGreaterThan(0);
    expect((await auditActions()).slice(0, 2)).toEqual(['restore batch', 'recycle batch']);
  });

  it('a finding: gone from the ledger and search, labelled with its batch, back identical', async () => {
    const s = await richBatch(core);
    const before = await dumpLedger(core);
    const filesBefore = filesUnder(core, 'evidence');
    await call(core, 'findings:delete', { id: s.f1.id });
    expect((await call(core, 'batches:list', {}))[0].findingCount).toBe(1);
    expect(await findingIdsFor(core, '拨付')).toEqual([]);
    const [entry] = await bin();
    expect(entry).toMatchObject({
      entity: 'finding',
      label: '反馈问题 1：扶贫资金拨付滞后',
      parentLabel: '反馈批次：民盟市委 民盟市委〔2026〕1号 · 脱贫攻坚民主监督反馈意见',
      counts: { findings: 1, measures: 2, progress: 1, evidence: 3 },
    });
    await call(core, 'recycle:restore', { id: entry.id });
    expect(await dumpLedger(core)).toEqual(before);
    expect(filesUnder(core, 'evidence')).toEqual(filesBefore);
    expect(await findingIdsFor(core, '拨付')).toEqual([s.f1.id]);
  });

  it('a measure: the finding loses its text in search and its status follows; restore brings both back', async () => {
    const s = await richBatch(core);
    const before = await dumpLedger(core);
    await call(core, 'measures:delete', { id: s.m2.id });
    expect(await findingIdsFor(core, '通报制度')).toEqual([]);
    expect((await call(core, 'findings:get', { id: s.f1.id })).measures.map((m) => m.id)).toEqual([s.m1.id]);
    const [entry] = await bin();
    expect(entry).toMatchObject({ entity: 'measure', label: '整改措施 2：建立按月通报制度', parentLabel: '反馈问题 1：扶贫资金拨付滞后', counts: { measures: 1, evidence: 1 } });
    await call(core, 'recycle:restore', { id: entry.id });
    expect(await dumpLedger(core)).toEqual(before);
    expect(await findingIdsFor(core, '通报制度')).toEqual([s.f1.id]);
  });

  it('one evidence file (evidence:delete) and one progress entry with its files', async () => {
    const s = await richBatch(core);
    const before = await dumpLedger(core);
    const filesBefore = filesUnder(core, 'evidence');
    const detail = await call(core, 'findings:get', { id: s.f2.id });
    await call(core, 'evidence:delete', { id: detail.measures[0].evidence[0].id });
    expect((await call(core, 'findings:get', { id: s.f2.id })).measures[0].evidence).toEqual([]);
    await withWrite(core, (trx, actor) => binProgressEntry(trx, actor, core.dataDir, s.progress.id));
    expect((await call(core, 'findings:get', { id: s.f1.id })).measures[0].progress).toEqual([]);
    expect(Object.keys(onPostgres() ? await storedBlobs(core) : filesUnder(core, 'evidence'))).toHaveLength(onPostgres() ? 4 : 1);
    const entries = await bin();
    expect(entries.map((e) => [e.entity, e.label, e.parentLabel, e.counts.evidence])).toEqual([
      ['progress', '整改进展 2026-06-10：已拨付八成', '反馈问题 1 · 整改措施 1：清理拨付存量资金', 2],
      ['evidence', '佐证材料：利益联结协议.txt', '反馈问题 2 · 整改措施 1：完善利益联结机制', 1],
    ]);
    for (const e of entries) await call(core, 'recycle:restore', { id: e.id });
    expect(await dumpLedger(core)).toEqual(before);
    expect(filesUnder(core, 'evidence')).toEqual(filesBefore);
  });
});

describe('回收站: purge, parents, failures', () => {
  it('彻底删除 removes the entry, its rows and its files for good, and is logged; 清空 does it for all', async () => {
    const s = await richBatch(core);
    await call(core, 'measures:delete', { id: s.m2.id });
    await call(core, 'batches:delete', { id: s.batch.id });
    const [batchEntry, measureEntry] = await bin();
    await call(core, 'recycle:purge', { id: batchEntry.id });
    expect((await bin()).map((e) => e.id)).toEqual([measureEntry.id]);
    expect(fs.existsSync(path.join(core.dataDir, 'recycle', String(batchEntry.id)))).toBe(false);
    expect((await callFails(core, 'recycle:restore', { id: batchEntry.id })).message).toBe('回收站中找不到这一项，可能已被恢复或彻底删除，请刷新');
    // Its measure, binned before, has nowhere to go back to.
    expect((await callFails(core, 'recycle:restore', { id: measureEntry.id })).message).toBe('其所属的反馈问题已被彻底删除，无法恢复。');
    expect(await call(core, 'recycle:empty', {})).toEqual({ purged: 1 });
    expect(await bin()).toEqual([]);
    expect(filesUnder(core, 'recycle')).toEqual({});
    expect(filesUnder(core, 'evidence')).toEqual({});
    expect(await storedBlobs(core)).toEqual({});
    expect((await auditActions()).slice(0, 2)).toEqual(['purge measure', 'purge batch']);
  });

  it('restoring a finding whose batch is also in the bin names the batch to restore first', async () => {
    const s = await richBatch(core);
    const before = await dumpLedger(core);
    await call(core, 'findings:delete', { id: s.f1.id });
    await call(core, 'batches:delete', { id: s.batch.id });
    const [batchEntry, findingEntry] = await bin();
    const refused = await callFails(core, 'recycle:restore', { id: findingEntry.id });
    expect(refused.message).toBe('请先恢复其所属的反馈批次“民盟市委 民盟市委〔2026〕1号 · 脱贫攻坚民主监督反馈意见”：它也在回收站中。');
    await call(core, 'recycle:restore', { id: batchEntry.id });
    await call(core, 'recycle:restore', { id: findingEntry.id });
    expect(await dumpLedger(core)).toEqual(before);
  });

  it('a delete that fails after the rows are copied leaves rows, search and files as they were', async () => {
    const s = await richBatch(core);
    const before = await dumpLedger(core);
    const filesBefore = filesUnder(core, 'evidence');
    await expect(
      withWrite(core, async (trx, actor) => {
        await binBatch(trx, actor, core.dataDir, s.batch.id);
        throw new Error('模拟断电');
      }),
    ).rejects.toThrow('模拟断电');
    expect(await dumpLedger(core)).toEqual(before);
    expect(filesUnder(core, 'evidence')).toEqual(filesBefore);
    expect(filesUnder(core, 'recycle')).toEqual({});
    expect(await bin()).toEqual([]);
  });

  it('a restore that fails puts the files back in the bin; the entry stays and restores later', async () => {
    const s = await richBatch(core);
    const before = await dumpLedger(core);
    await call(core, 'batches:delete', { id: s.batch.id });
    const [entry] = await bin();
    const kept = filesUnder(core, `recycle/${entry.id}`);
    await expect(
      withWrite(core, async (trx, actor, onRollback) => {
        await restoreFromBin(trx, actor, core.dataDir, entry.id, onRollback);
        throw new Error('模拟断电');
      }),
    ).rejects.toThrow('模拟断电');
    expect(filesUnder(core, `recycle/${entry.id}`)).toEqual(kept);
    expect(filesUnder(core, 'evidence')).toEqual({});
    expect((await bin()).map((e) => e.id)).toEqual([entry.id]);
    await call(core, 'recycle:restore', { id: entry.id });
    expect(await dumpLedger(core)).toEqual(before);
  });

  if (onPostgres()) console.log('回收站 crash test skipped on PostgreSQL: it is about the data folder moving files after a commit; the shared ledger keeps its files in the database, in the same transaction.');
  it.skipIf(onPostgres())('a file the delete never moved (crash after commit) is found in evidence/ by restore, and removed by purge', async () => {
    const s = await richBatch(core);
    const before = await dumpLedger(core);
    const filesBefore = filesUnder(core, 'evidence');
    await call(core, 'findings:delete', { id: s.f1.id });
    const [entry] = await bin();
    await undoFileMoves(core, entry.id);
    expect(filesUnder(core, 'evidence')).toEqual(filesBefore);
    await call(core, 'recycle:restore', { id: entry.id });
    expect(await dumpLedger(core)).toEqual(before);
    expect(filesUnder(core, 'evidence')).toEqual(filesBefore);

    await call(core, 'findings:delete', { id: s.f1.id });
    const [again] = await bin();
    await undoFileMoves(core, again.id);
    await call(core, 'recycle:purge', { id: again.id });
    const kept = Object.keys(filesBefore).filter((k) => k.startsWith(`${s.f2.measures[0].id}/`));
    expect(kept).toHaveLength(1);
    expect(Object.keys(filesUnder(core, 'evidence'))).toEqual(kept);
  });

  it('a measure whose lead unit was merged away meanwhile comes back under the unit it was merged into', async () => {
    const s = await richBatch(core);
    await call(core, 'measures:delete', { id: s.m1.id });
    await call(core, 'units:merge', { fromId: s.finance.id, intoId: s.poverty.id });
    const [entry] = await bin();
    await call(core, 'recycle:restore', { id: entry.id });
    const m = (await call(core, 'findings:get', { id: s.f1.id })).measures.find((x) => x.id === s.m1.id)!;
    expect([m.leadUnitId, m.leadUnitName]).toEqual([s.poverty.id, '青山县扶贫开发办公室']);
  });
});
