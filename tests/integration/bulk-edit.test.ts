import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { basicSetup, call, callFails, tableCounts, tempCore } from '../support/core.ts';

let core: Awaited<ReturnType<typeof tempCore>>;
beforeEach(async () => {
  core = await tempCore('2026-06-15');
});
afterEach(async () => core.cleanup());

/** Two findings: 1 (three measures: finance, finance, poverty) and 2 (one measure: poverty). */
async function setup() {
  const s = await basicSetup(core);
  const d = (date: string) => ({ kind: 'date' as const, date });
  const f1 = await call(core, 'findings:create', {
    batchId: s.batch.id,
    text: '扶贫项目资金拨付进度滞后',
    measures: [
      { text: '清理拨付', leadUnitId: s.finance.id, leader: '张副县长', person: '王芳', deadline: d('2026-06-30') },
      { text: '按月通报', leadUnitId: s.finance.id, person: '王芳', deadline: d('2026-06-30') },
      { text: '约谈乡镇', leadUnitId: s.poverty.id, coUnitIds: [s.finance.id], deadline: d('2026-07-15') },
    ],
  });
  const f2 = await call(core, 'findings:create', {
    batchId: s.batch.id,
    text: '部分村低保对象识别不精准',
    measures: [{ text: '逐户核实', leadUnitId: s.poverty.id, deadline: d('2026-08-31') }],
  });
  const ids = [...f1.measures, ...f2.measures].map((m) => m.id);
  return { ...s, f1, f2, ids };
}

async function measure(id: number) {
  return core.db.selectFrom('measures').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('批量修改', () => {
  it('previews what will change in words, then applies it in one step: one audit entry per measure under a bulk marker', async () => {
    const { ids, poverty } = await setup();
    const changes = { deadline: { kind: 'date' as const, date: '2026-09-30' }, leadUnitId: poverty.id, person: '李明' };
    const preview = await call(core, 'bulk:preview', { selection: { measureIds: ids.slice(0, 3) }, changes });
    expect(preview.total).toBe(3);
    expect(preview.changing).toBe(3);
    expect(preview.problems).toEqual([]);
    expect(preview.headline).toMatch(/^将修改 3 项：/);
    expect(preview.summary).toContain('整改时限：2026年6月30日 → 2026年9月30日（2 项）、2026年7月15日 → 2026年9月30日（1 项）');
    expect(preview.summary).toContain('牵头单位：青山县财政局 → 青山县扶贫开发办公室（2 项）');
    expect(preview.rows.map((r) => r.number)).toEqual(['1-1', '1-2', '1-3']);

    const auditBefore = (await tableCounts(core)).audit_log;
    const result = await call(core, 'bulk:apply', { items: preview.items, changes });
    expect(result.changed).toBe(3);
    expect(result.message).toContain('已批量修改 3 项措施');
    for (const id of ids.slice(0, 3)) {
      const m = await measure(id);
      expect([m.deadline_date, m.lead_unit_id, m.person, m.version]).toEqual(['2026-09-30', poverty.id, '李明', 2]);
    }
    // The fourth measure was not selected.
    expect((await measure(ids[3])).deadline_date).toBe('2026-08-31');
    // A lead unit is no longer among its own 配合单位.
    const co = await core.db.selectFrom('measure_co_units').selectAll().where('measure_id', '=', ids[2]).execute();
    expect(co.map((c) => c.unit_id)).not.toContain(poverty.id);

    const log = await core.db.selectFrom('audit_log').selectAll().where('id', '>', 0).orderBy('id').execute();
    const added = log.slice(auditBefore);
    expect(added.length).toBe(4);
    expect(added[0]).toMatchObject({ action: 'bulk', entity: 'measures', id: result.bulkAuditId });
    for (const [i, e] of added.slice(1).entries()) {
      expect(e).toMatchObject({ action: 'update', entity: 'measure', entity_id: ids[i] });
      const before = JSON.parse(e.before_json!);
      const after = JSON.parse(e.after_json!);
      expect(before.version).toBe(1);
      expect(after.bulkAuditId).toBe(result.bulkAuditId);
      expect(after.deadline_date).toBe('2026-09-30');
    }
    // The 操作日志 in words: the marker and each measure's own change.
    const words = (await call(core, 'audit:list', { limit: 4 })).map((e) => e.words);
    const marker = words.find((w) => w.action === '批量修改')!;
    expect(marker.object).toBe('整改措施 3 项');
    expect(marker.changes).toContain('整改时限：2026年6月30日 → 2026年9月30日（2 项）、2026年7月15日 → 2026年9月30日（1 项）');
    expect(words.filter((w) => w.action === '修改' && w.changes.includes('整改时限：2026年6月30日 → 2026年9月30日'))).toHaveLength(2);
    // The ledger's search sees the new unit and person.
    expect((await call(core, 'ledger:query', { filter: { q: '李明' } })).total).toBeGreaterThanOrEqual(3);
  });

  it('a status change that breaks a workflow rule for one row changes no row, and names that row and why', async () => {
    const { ids } = await setup();
    await call(core, 'measures:transition', { id: ids[1], action: 'start' });
    const before = await tableCounts(core);
    const statuses = await Promise.all(ids.map(async (id) => (await measure(id)).status));
    const changes = { transition: { action: 'start' as const } };
    const preview = await call(core, 'bulk:preview', { selection: { measureIds: ids }, changes });
    expect(preview.problems.map((p) => p.number)).toEqual(['1-2']);
    expect(preview.problems[0].message).toContain('措施 1-2');
    expect(preview.problems[0].message).toContain('不能开始整改');

    const refused = await callFails(core, 'bulk:apply', { items: preview.items, changes });
    expect(refused.code).toBe('invalid_transition');
    expect(refused.message).toContain('措施 1-2');
    expect(refused.message).toContain('“整改中”');
    expect(refused.message).toContain('未修改任何一项');
    expect(await tableCounts(core)).toEqual(before);
    expect(await Promise.all(ids.map(async (id) => (await measure(id)).status))).toEqual(statuses);

    // Without that row, the same step goes through the workflow (history written) for the rest.
    const ok = await call(core, 'bulk:preview', { selection: { measureIds: [ids[0], ids[2], ids[3]] }, changes });
    await call(core, 'bulk:apply', { items: ok.items, changes });
    for (const id of [ids[0], ids[2], ids[3]]) expect((await measure(id)).status).toBe('in_progress');
    const history = await core.db.selectFrom('status_changes').selectAll().where('action', '=', 'start').execute();
    expect(history.length).toBe(4);
  });

  it('refuses a row changed by someone else after the preview (stale), naming it; nothing is written', async () => {
    const { ids, finance } = await setup();
    const changes = { deadline: { kind: 'date' as const, date: '2026-10-31' } };
    const preview = await call(core, 'bulk:preview', { selection: { measureIds: ids }, changes });
    const m = await measure(ids[2]);
    await call(core, 'measures:update', {
      id: ids[2], version: m.version, text: m.text, leadUnitId: finance.id, coUnitIds: [], leader: null, person: '赵磊', deadline: { kind: 'date', date: '2026-07-15' },
    });
    const before = await tableCounts(core);
    const refused = await callFails(core, 'bulk:apply', { items: preview.items, changes });
    expect(refused.code).toBe('stale');
    expect(refused.message).toContain('措施 1-3');
    expect(refused.message).toContain('已被他人修改');
    expect(refused.message).toContain('责任人');
    expect(await tableCounts(core)).toEqual(before);
    expect((await measure(ids[0])).deadline_date).toBe('2026-06-30');
  });

  it('"全部符合筛选条件的 N 项" selects exactly the ledger filter\'s count', async () => {
    const { poverty, finance } = await setup();
    const { seedSynthetic } = await import('../../shared/core/sample/synthetic.ts');
    await seedSynthetic(core, { findings: 300, seed: 5 });
    for (const filter of [{ unitId: poverty.id }, { statuses: ['in_progress' as const], q: '资金' }, { signals: ['red' as const] }]) {
      const ledger = await call(core, 'ledger:query', { filter, pageSize: 500 });
      const preview = await call(core, 'bulk:preview', { selection: { filter }, changes: { leader: '分管副县长（新）' } });
      expect(preview.total).toBe(ledger.total);
      expect(new Set(preview.items.map((i) => i.id))).toEqual(new Set(ledger.rows.map((r) => r.measureId)));
    }
    const filter = { unitId: finance.id, statuses: ['not_started' as const] };
    const total = (await call(core, 'ledger:query', { filter })).total;
    const preview = await call(core, 'bulk:preview', { selection: { filter }, changes: { leader: '刘副县长' } });
    await call(core, 'bulk:apply', { items: preview.items, changes: { leader: '刘副县长' } });
    const changed = await core.db.selectFrom('measures').select((eb) => eb.fn.countAll<number>().as('n')).where('leader', '=', '刘副县长').executeTakeFirstOrThrow();
    expect(Number(changed.n)).toBe(total);
  });

  it('refuses in Chinese: no change chosen, a closed measure\'s deadline, a missing unit; nothing written', async () => {
    const { ids } = await setup();
    const nothing = await callFails(core, 'bulk:preview', { selection: { measureIds: ids }, changes: {} });
    expect(nothing.message).toContain('请至少选择一项要修改的内容');
    await call(core, 'measures:transition', { id: ids[3], action: 'request_close', resultText: '已核实' });
    await call(core, 'measures:transition', { id: ids[3], action: 'verify_close', verifiedBy: '赵敏' });
    const before = await tableCounts(core);
    const changes = { deadline: { kind: 'date' as const, date: '2026-12-31' } };
    const preview = await call(core, 'bulk:preview', { selection: { measureIds: ids }, changes });
    expect(preview.problems.map((p) => p.number)).toEqual(['2-1']);
    const closed = await callFails(core, 'bulk:apply', { items: preview.items, changes });
    expect(closed.message).toContain('措施 2-1');
    expect(closed.message).toContain('已销号');
    const unit = await callFails(core, 'bulk:preview', { selection: { measureIds: ids }, changes: { leadUnitId: 9999 } });
    expect(unit.message).toContain('牵头单位不存在');
    const verify = await callFails(core, 'bulk:preview', { selection: { measureIds: ids }, changes: { transition: { action: 'verify_close' } } });
    expect(verify.message).toContain('验收人');
    expect(await tableCounts(core)).toEqual(before);
  });
});
