import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaleDetails, FindingFields, MeasureDto } from '../../shared/contract/index.ts';
import { basicSetup, call, callFails, tableCounts, tempCore } from '../support/core.ts';

/**
 * Issue 7, "every record editable": stale saves are refused with what changed, progress entries
 * can be corrected with an audit trail, a returned unit sheet read twice adds nothing, and 退回 /
 * 回头看 leave a clean record. Real SQLite file; today is 2026-06-15.
 */

let core: Awaited<ReturnType<typeof tempCore>>;
beforeEach(async () => {
  core = await tempCore('2026-06-15');
});
afterEach(async () => core.cleanup());

async function oneFinding(deadline = '2026-06-30') {
  const setup = await basicSetup(core);
  const finding = await call(core, 'findings:create', {
    batchId: setup.batch.id,
    category: '资金使用方面',
    text: '扶贫资金拨付滞后',
    measures: [{ text: '清理拨付', leadUnitId: setup.finance.id, person: '王芳', deadline: { kind: 'date', date: deadline } }],
  });
  return { ...setup, finding, measure: finding.measures[0] };
}

const measureInput = (m: MeasureDto) => ({
  text: m.text,
  leadUnitId: m.leadUnitId,
  coUnitIds: m.coUnits.map((u) => u.id),
  leader: m.leader,
  person: m.person,
  deadline: { kind: m.deadlineKind, date: m.deadlineDate, text: m.deadlineText },
});

describe('a save made on an old copy is refused', () => {
  it('two windows edit one finding: the second save is refused with the changes in words, nothing written', async () => {
    const { finding } = await oneFinding();
    expect(finding.version).toBe(1);
    // Window A saves first.
    const a = await call(core, 'findings:update', { id: finding.id, version: 1, category: '资金监管方面', text: '扶贫资金拨付滞后，部分资金闲置' });
    expect(a.version).toBe(2);

    // Window B still shows version 1.
    const before = await tableCounts(core);
    const err = await callFails(core, 'findings:update', { id: finding.id, version: 1, category: '资金使用方面', text: '扶贫资金拨付不及时' });
    expect(err.code).toBe('stale');
    expect(err.message).toBe(
      '该问题已被他人修改（问题类别：资金使用方面 → 资金监管方面；反馈问题：“扶贫资金拨付滞后” → “扶贫资金拨付滞后，部分资金闲置”），您的修改未保存。请查看最新内容后重新提交。',
    );
    const details = err.details as unknown as StaleDetails<FindingFields>;
    expect(details.fresh).toMatchObject({ id: finding.id, version: 2, text: '扶贫资金拨付滞后，部分资金闲置', category: '资金监管方面' });
    expect(await tableCounts(core)).toEqual(before);
    expect(await call(core, 'findings:get', { id: finding.id })).toMatchObject({ version: 2, text: '扶贫资金拨付滞后，部分资金闲置' });

    // B reapplies on the fresh copy: accepted, and the version moves on.
    const b = await call(core, 'findings:update', { id: finding.id, version: details.version, category: '资金监管方面', text: '扶贫资金拨付不及时' });
    expect([b.version, b.text, b.category]).toEqual([3, '扶贫资金拨付不及时', '资金监管方面']);
  });

  it("a stale tab's 转为长期坚持 after someone else's deadline change and 申请销号 is refused", async () => {
    const { measure } = await oneFinding();
    expect(measure.version).toBe(1);
    const edited = await call(core, 'measures:update', { ...measureInput(measure), deadline: { kind: 'date', date: '2026-09-30' }, id: measure.id, version: 1 });
    expect(edited.version).toBe(2);
    const pending = await call(core, 'measures:transition', { id: measure.id, action: 'request_close', resultText: '已全部拨付', version: 2 });
    expect(pending.version).toBe(3);

    const before = await tableCounts(core);
    const err = await callFails(core, 'measures:transition', { id: measure.id, action: 'set_standing', reason: '持续推进', version: 1 });
    expect(err.code).toBe('stale');
    expect(err.message).toBe(
      '该措施已被他人修改（整改时限：2026-06-30 → 2026-09-30；状态：未启动 → 待销号；整改结果：（空） → “已全部拨付”），您的修改未保存。请查看最新内容后重新提交。',
    );
    expect((err.details as unknown as StaleDetails<MeasureDto>).fresh).toMatchObject({ status: 'pending', version: 3, resultText: '已全部拨付' });
    expect(await tableCounts(core)).toEqual(before);
    expect((await call(core, 'findings:get', { id: measure.findingId })).measures[0].status).toBe('pending');

    // A stale edit of the measure is refused the same way.
    const staleEdit = await callFails(core, 'measures:update', { ...measureInput(measure), person: '李明', id: measure.id, version: 2 });
    expect(staleEdit.code).toBe('stale');
    expect(staleEdit.message).toContain('状态：未启动 → 待销号');
  });

  it('a batch edited in two windows: the second save is refused', async () => {
    const { batch, org } = await oneFinding();
    expect(batch.version).toBe(1);
    const input = { id: batch.id, organizationId: org.id, area: '脱贫攻坚', receivedDate: '2026-03-01', topic: '脱贫攻坚民主监督反馈意见' };
    expect((await call(core, 'batches:save', { ...input, docNumber: '民盟市委〔2026〕2号', version: 1 })).version).toBe(2);
    const err = await callFails(core, 'batches:save', { ...input, docNumber: '民盟市委〔2026〕1号', topic: '改过的主题', version: 1 });
    expect(err.code).toBe('stale');
    expect(err.message).toContain('文号：民盟市委〔2026〕1号 → 民盟市委〔2026〕2号');
    expect((await call(core, 'batches:list', {}))[0]).toMatchObject({ topic: '脱贫攻坚民主监督反馈意见', docNumber: '民盟市委〔2026〕2号' });
  });
});

describe('progress entries can be corrected', () => {
  it('edit and delete, each audited with before and after; a stale edit is refused', async () => {
    const { measure } = await oneFinding();
    const first = await call(core, 'progress:add', { measureId: measure.id, date: '2026-06-01', text: '已拨付一半' });
    const second = await call(core, 'progress:add', { measureId: measure.id, date: '2026-06-10', text: '已拨付八成' });
    expect(second.version).toBe(1);

    const edited = await call(core, 'progress:update', { id: second.id, version: 1, date: '2026-06-12', text: '已拨付九成' });
    expect([edited.version, edited.date, edited.text]).toEqual([2, '2026-06-12', '已拨付九成']);
    expect((await call(core, 'findings:get', { id: measure.findingId })).measures[0].lastProgressDate).toBe('2026-06-12');

    const stale = await callFails(core, 'progress:update', { id: second.id, version: 1, date: '2026-06-10', text: '已拨付七成' });
    expect(stale.code).toBe('stale');
    expect(stale.message).toBe('该进展记录已被他人修改（进展日期：2026-06-10 → 2026-06-12；进展情况：“已拨付八成” → “已拨付九成”），您的修改未保存。请查看最新内容后重新提交。');

    await call(core, 'progress:delete', { id: second.id, version: 2 });
    const m = (await call(core, 'findings:get', { id: measure.findingId })).measures[0];
    expect(m.progress.map((p) => p.text)).toEqual(['已拨付一半']);
    expect(m.lastProgressDate).toBe('2026-06-01');
    expect((await callFails(core, 'progress:delete', { id: second.id, version: 2 })).message).toBe('找不到该条整改进展，可能已被删除');

    const log = await call(core, 'audit:list', { entity: 'progress' });
    expect(log.map((e) => [e.action, e.entityId])).toEqual([['delete', second.id], ['update', second.id]]);
    expect(log[1].before).toMatchObject({ text: '已拨付八成', date: '2026-06-10' });
    expect(log[1].after).toEqual({ date: '2026-06-12', text: '已拨付九成' });
    expect(log[0].before).toMatchObject({ text: '已拨付九成' });
    expect(first.id).not.toBe(second.id);
  });
});

describe('a returned unit sheet', () => {
  async function returnedSheet(measureText: string, progress: string) {
    const out = await call(core, 'unitSheets:export', {});
    const file = out.files.find((f) => f.fileName.startsWith('青山县财政局'))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const ws = wb.worksheets[0];
    for (let r = 4; r <= ws.rowCount; r++) {
      if (ws.getRow(r).getCell(3).text === measureText) ws.getRow(r).getCell(7).value = progress;
    }
    return { name: '青山县财政局-交回.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
  }

  it('read twice offers nothing the second time, and its progress names the unit', async () => {
    const { measure } = await oneFinding();
    const sheet = await returnedSheet('清理拨付', '已拨付 80%，余款月底前拨付');
    expect((await call(core, 'unitSheets:preview', { files: [sheet] })).changes).toHaveLength(1);
    await call(core, 'unitSheets:commit', { files: [sheet] });
    const [entry] = (await call(core, 'findings:get', { id: measure.findingId })).measures[0].progress;
    expect(entry).toMatchObject({ text: '已拨付 80%，余款月底前拨付', source: '青山县财政局', operator: '管理员' });

    // The same sheet again (re-saved with a different line break): nothing to merge.
    const again = await returnedSheet('清理拨付', '已拨付 80%，\n余款月底前拨付');
    const before = await tableCounts(core);
    expect((await call(core, 'unitSheets:preview', { files: [again] })).changes).toEqual([]);
    expect((await callFails(core, 'unitSheets:commit', { files: [again] })).message).toContain('没有可合并的变更');
    expect(await tableCounts(core)).toEqual(before);

    // Something new from the unit is still offered.
    const next = await returnedSheet('清理拨付', '已全部拨付');
    expect((await call(core, 'unitSheets:preview', { files: [next] })).changes.map((c) => c.progress?.new)).toEqual(['已全部拨付']);
  });
});

describe('退回 and 回头看 leave a clean record', () => {
  it('退回 shows its reason and clears the refused result; 回头看 shows its own and archives the closure', async () => {
    const { measure } = await oneFinding();
    const id = measure.id;
    await call(core, 'measures:transition', { id, action: 'request_close', resultText: '已拨付' });
    const returned = await call(core, 'measures:transition', { id, action: 'return', reason: '佐证材料不全' });
    expect(returned).toMatchObject({ status: 'in_progress', returnReason: '佐证材料不全', reopenReason: null, resultText: null, requestedDate: null });
    expect(returned.history.map((h) => [h.actionLabel, h.note])).toEqual([['退回', '佐证材料不全'], ['申请销号', '已拨付']]);

    await call(core, 'measures:transition', { id, action: 'request_close', resultText: '补充了凭证' });
    const closed = await call(core, 'measures:transition', { id, action: 'verify_close', verifiedBy: '赵敏' });
    expect(closed).toMatchObject({ returnReason: null, resultText: '补充了凭证', closedDate: '2026-06-15' });
    const reopened = await call(core, 'measures:transition', { id, action: 'reopen', reason: '回访发现资金又被滞留' });
    expect(reopened).toMatchObject({
      status: 'in_progress', reopenReason: '回访发现资金又被滞留', returnReason: null,
      resultText: null, requestedDate: null, closedDate: null, verifiedBy: null,
    });
    // The old result and dates stay in the history.
    expect(reopened.history.map((h) => [h.action, h.date, h.note])).toEqual([
      ['reopen', '2026-06-15', '回访发现资金又被滞留'],
      ['verify_close', '2026-06-15', '验收人：赵敏'],
      ['request_close', '2026-06-15', '补充了凭证'],
      ['return', '2026-06-15', '佐证材料不全'],
      ['request_close', '2026-06-15', '已拨付'],
    ]);
  });

  it('回头看 on a measure whose deadline is past requires a new one, and the reopened measure is not overdue', async () => {
    const { measure } = await oneFinding('2026-06-10');
    const id = measure.id;
    await call(core, 'measures:transition', { id, action: 'request_close', resultText: '已拨付', date: '2026-06-08' });
    await call(core, 'measures:transition', { id, action: 'verify_close', verifiedBy: '赵敏', date: '2026-06-09' });

    const before = await tableCounts(core);
    const missing = await callFails(core, 'measures:transition', { id, action: 'reopen', reason: '回访发现反弹' });
    expect(missing.message).toBe('原整改时限（2026-06-10）已过，回头看（重新整改）须填写新的整改时限，否则措施一重新整改就显示逾期');
    const past = await callFails(core, 'measures:transition', { id, action: 'reopen', reason: '回访发现反弹', newDeadline: '2026-06-14' });
    expect(past.message).toBe('新的整改时限不能早于今天');
    expect(await tableCounts(core)).toEqual(before);

    const reopened = await call(core, 'measures:transition', { id, action: 'reopen', reason: '回访发现反弹', newDeadline: '2026-09-30' });
    expect(reopened).toMatchObject({ status: 'in_progress', deadlineKind: 'date', deadlineDate: '2026-09-30', reopenReason: '回访发现反弹' });
    expect(reopened.signal.signal).not.toBe('red');
    expect(reopened.history[0].note).toBe('回访发现反弹（整改时限：2026-06-10 → 2026-09-30）');
    const row = (await call(core, 'ledger:query', { filter: {} })).rows[0];
    expect([row.signal, row.overdueDays]).toEqual(['green', 0]);
  });

  it('退回 on a past deadline offers a new one but does not require it', async () => {
    const { measure } = await oneFinding('2026-06-10');
    await call(core, 'measures:transition', { id: measure.id, action: 'request_close', resultText: '已拨付' });
    const returned = await call(core, 'measures:transition', { id: measure.id, action: 'return', reason: '凭证不全' });
    expect(returned.signal.signal).toBe('red');
    await call(core, 'measures:transition', { id: measure.id, action: 'request_close', resultText: '已补充' });
    const withNew = await call(core, 'measures:transition', { id: measure.id, action: 'return', reason: '仍不全', newDeadline: '2026-07-15' });
    expect([withNew.deadlineDate, withNew.signal.signal]).toEqual(['2026-07-15', 'green']);
  });
});
