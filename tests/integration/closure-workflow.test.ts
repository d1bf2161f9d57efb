import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdf } from '../support/evidence-files.ts';
import { basicSetup, b64, call, callFails, tableCounts, tempCore } from '../support/core.ts';

let core: Awaited<ReturnType<typeof tempCore>>;
beforeEach(async () => {
  core = await tempCore('2026-06-15');
});
afterEach(async () => core.cleanup());

async function findingWithTwoMeasures() {
  const { batch, finance, poverty } = await basicSetup(core);
  return call(core, 'findings:create', {
    batchId: batch.id,
    text: '扶贫资金拨付滞后',
    measures: [
      { text: '清理拨付', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-06-30' } },
      { text: '按月通报', leadUnitId: poverty.id, deadline: { kind: 'date', date: '2026-08-31' } },
    ],
  });
}

describe('销号 workflow', () => {
  it('request → verify closes the measure; the finding closes when all its measures have', async () => {
    const f = await findingWithTwoMeasures();
    const [a, b] = f.measures;
    const pending = await call(core, 'measures:transition', { id: a.id, action: 'request_close', resultText: '已全部拨付', files: [{ name: '拨付凭证.pdf', base64: pdf('资金拨付凭证').toString('base64') }] });
    expect(pending.status).toBe('pending');
    expect(pending.requestedDate).toBe('2026-06-15');
    expect(pending.evidence.map((e) => e.name)).toEqual(['拨付凭证.pdf']);
    expect(pending.actions).toEqual(expect.arrayContaining(['verify_close', 'return']));
    const closed = await call(core, 'measures:transition', { id: a.id, action: 'verify_close', verifiedBy: '赵敏' });
    expect([closed.status, closed.closedDate, closed.verifiedBy]).toEqual(['closed', '2026-06-15', '赵敏']);
    expect((await call(core, 'findings:get', { id: f.id })).status).toBe('in_progress');
    await call(core, 'measures:transition', { id: b.id, action: 'request_close', resultText: '已建立通报制度' });
    expect((await call(core, 'findings:get', { id: f.id })).status).toBe('pending');
    await call(core, 'measures:transition', { id: b.id, action: 'verify_close', verifiedBy: '赵敏' });
    const done = await call(core, 'findings:get', { id: f.id });
    expect(done.status).toBe('closed');
    expect(done.measures[1].history.map((h) => h.actionLabel)).toEqual(['验收销号', '申请销号']);
  });

  it('退回 sends a request back with its reason; 回头看 reopens a closed measure', async () => {
    const f = await findingWithTwoMeasures();
    const id = f.measures[0].id;
    await call(core, 'measures:transition', { id, action: 'request_close', resultText: '已拨付' });
    const returned = await call(core, 'measures:transition', { id, action: 'return', reason: '佐证材料不全' });
    expect([returned.status, returned.returnReason]).toEqual(['in_progress', '佐证材料不全']);
    await call(core, 'measures:transition', { id, action: 'request_close', resultText: '补充了凭证' });
    await call(core, 'measures:transition', { id, action: 'verify_close', verifiedBy: '赵敏' });
    const reopened = await call(core, 'measures:transition', { id, action: 'reopen', reason: '回头看发现反弹' });
    // 回头看 keeps its own reason; the 退回原因 no longer stands (issue 7).
    expect([reopened.status, reopened.closedDate, reopened.returnReason, reopened.reopenReason]).toEqual(['in_progress', null, null, '回头看发现反弹']);
  });

  it('refuses invalid transitions and missing results in Chinese, changing nothing', async () => {
    const f = await findingWithTwoMeasures();
    const id = f.measures[0].id;
    const before = await tableCounts(core);
    const noResult = await callFails(core, 'measures:transition', { id, action: 'request_close', files: [{ name: 'x.pdf', base64: b64('x') }] });
    expect(noResult.message).toBe('申请销号须填写整改结果（整改完成情况）');
    const skip = await callFails(core, 'measures:transition', { id, action: 'verify_close', verifiedBy: '赵敏' });
    expect(skip.code).toBe('invalid_transition');
    expect(skip.message).toBe('状态为“未启动”的措施不能验收销号（仅限：待销号）');
    await call(core, 'measures:transition', { id, action: 'request_close', resultText: '完成' });
    const noVerifier = await callFails(core, 'measures:transition', { id, action: 'verify_close' });
    expect(noVerifier.message).toBe('验收销号须填写验收人');
    const reopenOpen = await callFails(core, 'measures:transition', { id: f.measures[1].id, action: 'reopen', reason: 'x' });
    expect(reopenOpen.message).toContain('不能回头看');
    const future = await callFails(core, 'measures:transition', { id, action: 'verify_close', verifiedBy: '赵敏', date: '2026-07-01' });
    expect(future.message).toContain('不能晚于今天');
    const after = await tableCounts(core);
    // Only the one successful request_close wrote: one status change and one audit row.
    expect(after).toEqual({ ...before, status_changes: before.status_changes + 1, audit_log: before.audit_log + 1 });
  });

  it('a stage that is done but keeps reporting becomes 长期坚持 and never counts as overdue', async () => {
    const f = await findingWithTwoMeasures();
    const s = await call(core, 'measures:transition', { id: f.measures[0].id, action: 'set_standing', reason: '阶段目标完成，持续推进' });
    expect(s.status).toBe('standing');
    expect(s.signal.signal).toBe('green');
  });
});
