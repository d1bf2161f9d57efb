import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jpeg } from '../support/evidence-files.ts';
import { deleteBatch } from '../../shared/core/ledger/batches.ts';
import { withWrite } from '../../shared/core/ledger/write.ts';
import { basicSetup, b64, call, callFails, tableCounts, tempCore, onlyOnSqlite } from '../support/core.ts';

let core: Awaited<ReturnType<typeof tempCore>>;
beforeEach(async () => {
  core = await tempCore('2026-06-15');
});
afterEach(async () => core.cleanup());

describe('findings and their checklists', () => {
  it('creates a finding with two measures for two units and derives its status', async () => {
    const { batch, finance, poverty } = await basicSetup(core);
    const f = await call(core, 'findings:create', {
      batchId: batch.id,
      category: '扶贫资金使用方面',
      text: '部分乡镇扶贫资金拨付滞后。',
      suggestion: '建立拨付台账。',
      measures: [
        { text: '清理拨付情况', leadUnitId: finance.id, coUnitIds: [poverty.id], leader: '副县长', person: '王芳', deadline: { kind: 'date', date: '2026-06-30' } },
        { text: '按月通报进度', leadUnitId: poverty.id, deadline: { kind: 'standing' } },
      ],
    });
    expect(f.seq).toBe('1');
    expect(f.measures.map((m) => [m.leadUnitName, m.deadlineDate, m.deadlineText, m.status])).toEqual([
      ['青山县财政局', '2026-06-30', null, 'not_started'],
      ['青山县扶贫开发办公室', null, '长期坚持', 'in_progress'],
    ]);
    expect(f.measures[0].coUnits.map((u) => u.name)).toEqual(['青山县扶贫开发办公室']);
    expect(f.status).toBe('in_progress');
    expect(f.batch.findingCount).toBe(1);
  });

  it('gives 立行立改 without a date the office default span from the day it was assigned', async () => {
    const { batch, finance } = await basicSetup(core);
    const f = await call(core, 'findings:create', {
      batchId: batch.id,
      text: '问题',
      measures: [{ text: '立即整改', leadUnitId: finance.id, deadline: { kind: 'immediate' } }],
    });
    expect(f.measures[0].deadlineDate).toBe('2026-07-15'); // 2026-06-15 + 30 days
    expect(f.measures[0].deadlineText).toBe('立行立改');
  });

  it('refuses an empty finding text or a measure without a unit in Chinese and writes nothing', async () => {
    const { batch, finance } = await basicSetup(core);
    const before = await tableCounts(core);
    const empty = await callFails(core, 'findings:create', { batchId: batch.id, text: '   ', measures: [] });
    expect(empty.code).toBe('invalid_input');
    expect(empty.message).toBe('请填写反馈问题');
    const noUnit = await callFails(core, 'findings:create', {
      batchId: batch.id,
      text: '问题',
      measures: [{ text: '措施', deadline: { kind: 'date', date: '2026-07-01' } }],
    });
    expect(noUnit.message).toBe('请选择牵头单位');
    const ghostUnit = await callFails(core, 'findings:create', {
      batchId: batch.id,
      text: '问题',
      measures: [
        { text: '措施一', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-07-01' } },
        { text: '措施二', leadUnitId: 9999, deadline: { kind: 'date', date: '2026-07-01' } },
      ],
    });
    expect(ghostUnit.message).toContain('牵头单位不存在');
    const noDate = await callFails(core, 'findings:create', {
      batchId: batch.id,
      text: '问题',
      measures: [{ text: '措施', leadUnitId: finance.id, deadline: { kind: 'date' } }],
    });
    expect(noDate.message).toBe('请选择整改时限的日期');
    // The failed second measure rolled back the first measure and the finding too.
    expect(await tableCounts(core)).toEqual(before);
  });

  it('records who changed what, with before and after, under the operator named in settings', async () => {
    await call(core, 'settings:update', { operator: '赵敏', officeName: '青山县委统战部', dueSoonDays: 7, stagnantDays: 30, immediateDays: 30 });
    const { batch, finance } = await basicSetup(core);
    const f = await call(core, 'findings:create', { batchId: batch.id, text: '原问题', measures: [{ text: '措施', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-07-01' } }] });
    await call(core, 'findings:update', { id: f.id, text: '改后的问题', category: '作风建设方面' });
    const log = await call(core, 'audit:list', { entity: 'finding', entityId: f.id });
    expect(log.map((e) => e.action)).toEqual(['update', 'create']);
    // On a shared ledger the log names the signed-in account, not the name typed in 设置.
    const operator = core.user?.displayName ?? '赵敏';
    expect(log.map((e) => e.operator)).toEqual([operator, operator]);
    expect((log[0].before as { text: string }).text).toBe('原问题');
    expect((log[0].after as { text: string }).text).toBe('改后的问题');
  });
});

describe('units and aliases', () => {
  it('finds a unit by alias, refuses a clashing name, and merges a duplicate into an alias', async () => {
    const { finance, poverty, batch } = await basicSetup(core);
    const dup = await call(core, 'units:save', { name: '县扶贫开发办', aliases: [] });
    const f = await call(core, 'findings:create', { batchId: batch.id, text: '问题', measures: [{ text: '措施', leadUnitId: dup.id, coUnitIds: [poverty.id], deadline: { kind: 'date', date: '2026-07-01' } }] });
    const clash = await callFails(core, 'units:save', { name: '县扶贫办', aliases: [] });
    expect(clash.message).toContain('已存在');
    const inUse = await callFails(core, 'units:delete', { id: dup.id });
    expect(inUse.message).toContain('合并');
    const merged = await call(core, 'units:merge', { fromId: dup.id, intoId: poverty.id });
    expect(merged.aliases).toEqual(expect.arrayContaining(['县扶贫办', '县扶贫开发办']));
    const after = await call(core, 'findings:get', { id: f.id });
    expect(after.measures[0].leadUnitName).toBe('青山县扶贫开发办公室');
    expect(after.measures[0].coUnits).toEqual([]); // lead and co-unit became the same unit
    expect((await call(core, 'units:list', {})).map((u) => u.name)).not.toContain('县扶贫开发办');
    expect(finance.aliases).toEqual(['县财政局']);
  });
});

describe('progress and evidence', () => {
  it.skipIf(onlyOnSqlite('佐证材料存放在数据文件夹（共享台账见 file-store.test.ts）'))('copies evidence into the data folder and serves it back; progress starts the measure', async () => {
    const { batch, finance } = await basicSetup(core);
    const f = await call(core, 'findings:create', { batchId: batch.id, text: '问题', measures: [{ text: '措施', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-07-01' } }] });
    const m = f.measures[0];
    const p = await call(core, 'progress:add', { measureId: m.id, date: '2026-06-10', text: '已完成清理', files: [{ name: '..\\..\\照片 1.jpg', base64: jpeg().toString('base64') }] });
    expect(p.evidence).toHaveLength(1);
    expect(p.evidence[0].name).toBe('照片 1.jpg');
    const stored = fs.readdirSync(path.join(core.dataDir, 'evidence', String(m.id)));
    expect(stored).toHaveLength(1);
    const file = await call(core, 'evidence:get', { id: p.evidence[0].id });
    expect(Buffer.from(file.base64, 'base64')).toEqual(jpeg());
    const detail = await call(core, 'findings:get', { id: f.id });
    expect(detail.measures[0].status).toBe('in_progress');
    expect(detail.measures[0].lastProgressDate).toBe('2026-06-10');
    expect(detail.measures[0].history[0].actionLabel).toBe('开始整改');
  });

  it('refuses a progress date in the future and leaves no file behind', async () => {
    const { batch, finance } = await basicSetup(core);
    const f = await call(core, 'findings:create', { batchId: batch.id, text: '问题', measures: [{ text: '措施', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-07-01' } }] });
    const before = await tableCounts(core);
    const err = await callFails(core, 'progress:add', { measureId: f.measures[0].id, date: '2026-06-16', text: '未来', files: [{ name: 'a.pdf', base64: b64('x') }] });
    expect(err.message).toBe('进展日期不能晚于今天');
    expect(await tableCounts(core)).toEqual(before);
    expect(fs.existsSync(path.join(core.dataDir, 'evidence', String(f.measures[0].id)))).toBe(false);
  });
});

describe('deleting', () => {
  it.skipIf(onlyOnSqlite('佐证材料文件随删除提交才从磁盘移除（共享台账见 file-store.test.ts）'))('removes a measure’s evidence files from disk only when the deletion commits', async () => {
    const { batch, finance } = await basicSetup(core);
    const f = await call(core, 'findings:create', { batchId: batch.id, text: '问题', measures: [{ text: '措施', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-07-01' } }] });
    const m = await call(core, 'evidence:add', { measureId: f.measures[0].id, files: [{ name: '证明.pdf', base64: b64('%PDF-1.4') }] });
    const dir = path.join(core.dataDir, 'evidence', String(m.id));
    expect(fs.readdirSync(dir)).toHaveLength(1);
    // A batch delete whose transaction fails afterwards keeps the file.
    await expect(
      withWrite(core, async (trx, actor) => {
        await deleteBatch(trx, actor, batch.id, core.dataDir);
        throw new Error('simulated failure after the delete');
      }),
    ).rejects.toThrow('simulated failure');
    expect(fs.readdirSync(dir)).toHaveLength(1);
    expect((await call(core, 'findings:get', { id: f.id })).measures[0].evidence).toHaveLength(1);
    await call(core, 'batches:delete', { id: batch.id });
    expect(fs.existsSync(path.join(dir, fs.readdirSync(dir)[0] ?? 'none'))).toBe(false);
  });
});
