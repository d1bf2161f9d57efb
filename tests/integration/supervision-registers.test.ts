import { sql } from 'kysely';
import { onPostgres } from '../support/postgres.ts';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../shared/contract/index.ts';
import { basicSetup, call, callFails, tempCore } from '../support/core.ts';
import { pdf, windowsExe } from '../support/evidence-files.ts';

/**
 * Issue 11, the supervision registers on a real SQLite file: each is created, edited, deleted into
 * the 回收站 and restored exactly; invalid input is refused with a Chinese message naming the field
 * and nothing is written; every write is in the 操作日志 in words. Today is 2026-06-15.
 */

let core: Awaited<ReturnType<typeof tempCore>>;
beforeEach(async () => {
  core = await tempCore('2026-06-15');
});
afterEach(async () => core.cleanup());

const TABLES = ['supervision_relations', 'supervision_activities', 'supervisors', 'observation_windows', 'supervision_briefings', 'satisfaction_ratings', 'supervision_files', 'audit_log', 'recycle_bin'];

/** Every row of the supervision tables, the audit log and the 回收站: "nothing written" is this staying equal. */
async function snapshot() {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = (await sql`SELECT * FROM ${sql.table(t)}`.execute(core.db)).rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return out;
}
const rowsOf = async (table: string) => (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ORDER BY id`.execute(core.db)).rows;

async function refused(channel: ChannelName, input: unknown, message: RegExp) {
  const before = await snapshot();
  const err = await callFails(core, channel, input);
  expect(err.message).toMatch(message);
  expect(err.message).toMatch(/[\u4e00-\u9fff]/);
  expect(await snapshot()).toEqual(before);
}

async function auditWordsOf(entity: string) {
  return (await call(core, 'audit:list', { entity, limit: 50 })).map((a) => `${a.words.action} · ${a.words.object}${a.words.changes.length ? ` · ${a.words.changes.join('；')}` : ''}`);
}

/** Delete into the 回收站, check it is gone and listed, restore, and check the row is back unchanged. */
async function binAndRestore(channel: ChannelName, table: string, id: number, label: RegExp) {
  const before = await rowsOf(table);
  const { recycleId } = (await call(core, channel, { id } as never)) as { recycleId: number };
  expect((await rowsOf(table)).map((r) => r.id)).not.toContain(id);
  const entry = (await call(core, 'recycle:list', {})).find((e) => e.id === recycleId)!;
  expect(entry.label).toMatch(label);
  await call(core, 'recycle:restore', { id: recycleId });
  expect(await rowsOf(table)).toEqual(before);
  expect((await call(core, 'recycle:list', {})).find((e) => e.id === recycleId)).toBeUndefined();
}

describe('监督活动', () => {
  it('is recorded with 人次, names, a report linked to its batch and an attachment; edited; binned and restored with its file', async () => {
    const { org, batch } = await basicSetup(core);
    const a = await call(core, 'activities:save', {
      kind: 'special',
      date: '2026-03-05',
      place: '青山县城关镇',
      organizationId: org.id,
      participants: 12,
      participantNames: '李建华、王秀英等',
      reportTitle: '关于产业扶贫项目情况的监督报告',
      batchId: batch.id,
      files: [{ name: '监督方案.pdf', base64: pdf('监督方案').toString('base64') }],
    });
    expect(a).toMatchObject({ kind: 'special', participants: 12, organizationName: org.name, batchId: batch.id, reportTitle: '关于产业扶贫项目情况的监督报告' });
    expect(a.batchLabel).toContain('民盟市委〔2026〕1号');
    expect(a.files.map((f) => f.name)).toEqual(['监督方案.pdf']);
    const file = await call(core, 'supervisionFiles:read', { id: a.files[0].id });
    expect(Buffer.from(file.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    const edited = await call(core, 'activities:save', { id: a.id, kind: 'research', date: '2026-03-06', organizationId: org.id, participants: 15, reportTitle: '调研报告', batchId: batch.id });
    expect(edited).toMatchObject({ id: a.id, kind: 'research', participants: 15, place: null });
    expect(edited.files).toHaveLength(1);
    const words = await auditWordsOf('supervision_activity');
    expect(words[0]).toContain('修改 · 监督活动：2026年3月6日 调研（民盟市委）');
    expect(words[0]).toContain('参与人次：12 → 15');
    expect(words[0]).toContain('类型：专项监督 → 调研');
    expect(words[1]).toMatch(/^新增 · 监督活动：2026年3月5日 专项监督/);
    expect(words[1]).toContain('类型：专项监督；日期：2026年3月5日；地点：青山县城关镇；参与人次：12；形成的报告或意见：关于产业扶贫项目情况的监督报告');
    expect(words[1]).toContain('附件：监督方案.pdf');

    await binAndRestore('activities:delete', 'supervision_activities', a.id, /^监督活动：2026年3月6日 调研（民盟市委）$/);
    expect((await rowsOf('supervision_files')).map((f) => f.activity_id)).toEqual([a.id]);
    expect((await call(core, 'supervisionFiles:read', { id: a.files[0].id })).fileName).toBe('监督方案.pdf');
    expect((await auditWordsOf('supervision_activity')).slice(0, 2).map((w) => w.split(' · ')[0])).toEqual(['从回收站恢复', '删除（移入回收站）']);
  });

  it('deleting the batch it produced leaves the activity, which then shows no batch', async () => {
    const { org, batch } = await basicSetup(core);
    const a = await call(core, 'activities:save', { kind: 'special', date: '2026-03-05', organizationId: org.id, participants: 5, reportTitle: '报告', batchId: batch.id });
    await call(core, 'batches:delete', { id: batch.id });
    const [after] = await call(core, 'activities:list', {});
    expect(after).toMatchObject({ id: a.id, batchId: batch.id, batchLabel: null });
  });

  it('refuses bad input in Chinese, naming the field, and writes nothing', async () => {
    const { org } = await basicSetup(core);
    const ok = { kind: 'special', date: '2026-03-05', organizationId: org.id, participants: 3 };
    await refused('activities:save', { ...ok, kind: 'picnic' }, /活动类型/);
    await refused('activities:save', { ...ok, date: '2026-13-45' }, /活动日期/);
    await refused('activities:save', { ...ok, participants: -2 }, /参与人次不能为负数/);
    await refused('activities:save', { ...ok, participants: 2.5 }, /参与人次应为整数/);
    await refused('activities:save', { ...ok, organizationId: undefined }, /党派/);
    await refused('activities:save', { ...ok, organizationId: 9999 }, /党派（监督主体）不存在/);
    await refused('activities:save', { ...ok, batchId: 9999 }, /反馈批次不存在/);
    await refused('activities:save', { ...ok, files: [{ name: 'setup.exe', base64: windowsExe().toString('base64') }] }, /可执行程序/);
    await refused('activities:save', { ...ok, id: 4242 }, /找不到该监督活动/);
  });
});

describe('对口监督关系', () => {
  it('keeps party, area, since, 实施方案 with its file and focus areas; edits; bins and restores', async () => {
    const { org } = await basicSetup(core);
    const r = await call(core, 'relations:save', {
      organizationId: org.id,
      area: '青山县脱贫攻坚',
      sinceDate: '2026-01-10',
      planTitle: '民盟市委对口青山县开展脱贫攻坚民主监督实施方案',
      planDocNumber: '统战〔2026〕3号',
      focusAreas: ['扶贫资金使用', '产业扶贫', '扶贫资金使用'],
      files: [{ name: '实施方案.pdf', base64: pdf('实施方案').toString('base64') }],
    });
    expect(r).toMatchObject({ area: '青山县脱贫攻坚', focusAreas: ['扶贫资金使用', '产业扶贫'], planDocNumber: '统战〔2026〕3号' });
    expect(r.files.map((f) => f.name)).toEqual(['实施方案.pdf']);
    const e = await call(core, 'relations:save', { id: r.id, organizationId: org.id, area: '青山县乡村振兴', sinceDate: '2026-01-10', focusAreas: ['产业扶贫'] });
    expect(e).toMatchObject({ area: '青山县乡村振兴', planTitle: null, focusAreas: ['产业扶贫'] });
    expect((await auditWordsOf('supervision_relation'))[0]).toContain('监督领域：青山县脱贫攻坚 → 青山县乡村振兴');
    await binAndRestore('relations:delete', 'supervision_relations', r.id, /^对口监督关系：民盟市委 → 青山县乡村振兴$/);
    expect((await call(core, 'relations:list', {}))[0].files).toHaveLength(1);
    await refused('relations:save', { organizationId: org.id, area: '  ', sinceDate: '2026-01-10' }, /请填写监督对象/);
    await refused('relations:save', { organizationId: org.id, area: '青山县', sinceDate: '2026/01/10' }, /开始日期格式应为/);
  });
});

describe('特邀监督员 / 扶贫调查员', () => {
  it('keeps the phone out of the list and the default export; the detail and the export with contacts have it', async () => {
    const { org } = await basicSetup(core);
    const s = await call(core, 'supervisors:save', {
      kind: 'supervisor', name: '李建华', organizationId: org.id, workUnit: '青山县人民医院', appointedDate: '2026-03-01', termYears: 5, phone: '13800001234', status: 'serving',
    });
    expect(s).toMatchObject({ termEnd: '2031-02-28', phone: '13800001234', hasPhone: true });
    const [listed] = await call(core, 'supervisors:list', {});
    expect(listed).not.toHaveProperty('phone');
    expect(JSON.stringify(listed)).not.toContain('13800001234');
    expect((await call(core, 'supervisors:get', { id: s.id })).phone).toBe('13800001234');
    // The 操作日志 says a phone is there, never which.
    expect(JSON.stringify(await call(core, 'audit:list', { entity: 'supervisor' }))).not.toContain('13800001234');

    const read = async (includeContact: boolean) => {
      const f = await call(core, 'supervisors:export', { includeContact });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(f.base64, 'base64') as never);
      const ws = wb.worksheets[0];
      const cells: string[] = [];
      ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
      return cells;
    };
    const plain = await read(false);
    expect(plain).toContain('李建华');
    expect(plain.join('|')).not.toContain('13800001234');
    expect(plain).not.toContain('联系电话');
    const withContact = await read(true);
    expect(withContact).toContain('联系电话');
    expect(withContact).toContain('13800001234');

    const d = await call(core, 'supervisors:save', { id: s.id, kind: 'supervisor', name: '李建华', organizationId: org.id, appointedDate: '2026-03-01', termYears: 5, phone: '13800001234', status: 'dismissed', leftDate: '2026-05-01' });
    expect(d).toMatchObject({ status: 'dismissed', leftDate: '2026-05-01' });
    expect((await auditWordsOf('supervisor'))[0]).toContain('状态：在任 → 解聘');
    await binAndRestore('supervisors:delete', 'supervisors', s.id, /^监督员：特邀监督员 李建华（民盟市委）$/);
  });

  it('refuses bad input in Chinese, naming the field, and writes nothing', async () => {
    const { org } = await basicSetup(core);
    const ok = { kind: 'investigator', name: '王秀英', organizationId: org.id, appointedDate: '2026-03-01', status: 'serving' };
    await refused('supervisors:save', { ...ok, name: '' }, /请填写姓名/);
    await refused('supervisors:save', { ...ok, kind: 'spy' }, /类别/);
    await refused('supervisors:save', { ...ok, status: 'dismissed' }, /解聘日期/);
    await refused('supervisors:save', { ...ok, termEnd: '2025-01-01' }, /任期届满日期不能早于聘任日期/);
    await refused('supervisors:save', { ...ok, phone: 'call me' }, /联系电话/);
    await refused('supervisors:save', { ...ok, termYears: 0 }, /任期（年）至少 1 年/);
  });
});

describe('观察窗口 and 通报', () => {
  it('a window: level, place, households, what it reported; edit, bin, restore; bad input refused', async () => {
    const { org } = await basicSetup(core);
    const w = await call(core, 'windows:save', { level: 'village', place: '青山县城关镇红岩村', organizationId: org.id, households: 28, establishedDate: '2026-04-10', reports: '2026年5月：观察户反映产业项目分红未按时发放。' });
    expect(w).toMatchObject({ level: 'village', households: 28 });
    const e = await call(core, 'windows:save', { id: w.id, level: 'township', place: '青山县城关镇', organizationId: org.id, households: 35, establishedDate: '2026-04-10' });
    expect(e).toMatchObject({ level: 'township', households: 35, reports: null });
    expect((await auditWordsOf('observation_window'))[0]).toContain('层级：村级 → 乡镇级');
    await binAndRestore('windows:delete', 'observation_windows', w.id, /^观察窗口：乡镇级 青山县城关镇$/);
    await refused('windows:save', { level: 'province', place: '四川', organizationId: org.id, households: 1, establishedDate: '2026-04-10' }, /窗口层级/);
    await refused('windows:save', { level: 'county', place: '青山县', organizationId: org.id, households: 'many', establishedDate: '2026-04-10' }, /观察户数应为数字/);
  });

  it('a briefing: kind, date, party, title; edit, bin, restore; bad input refused', async () => {
    const { org } = await basicSetup(core);
    const b = await call(core, 'briefings:save', { kind: 'meeting', date: '2026-02-20', organizationId: org.id, title: '2026年脱贫攻坚工作情况通报会' });
    const e = await call(core, 'briefings:save', { id: b.id, kind: 'document', date: '2026-02-21', organizationId: org.id, title: '送达《整改方案》', note: '专人送达' });
    expect(e).toMatchObject({ kind: 'document', note: '专人送达' });
    await binAndRestore('briefings:delete', 'supervision_briefings', b.id, /^通报记录：2026年2月21日 文件送达：送达《整改方案》$/);
    await refused('briefings:save', { kind: 'meeting', date: '2026-02-20', organizationId: org.id, title: '' }, /请填写事由/);
  });
});

describe('满意度', () => {
  it('one grade per batch and per finding, a second save replaces it; the batch in the bin takes its grades and brings them back', async () => {
    const { batch, finance } = await basicSetup(core);
    const f = await call(core, 'findings:create', {
      batchId: batch.id,
      text: '扶贫资金拨付滞后',
      measures: [{ text: '清理拨付', leadUnitId: finance.id, deadline: { kind: 'date', date: '2026-06-30' } }],
    });
    const s = await call(core, 'satisfaction:save', { batchId: batch.id, grade: 'basically', date: '2026-05-10', note: '据民盟市委复函' });
    const again = await call(core, 'satisfaction:save', { batchId: batch.id, grade: 'satisfied', date: '2026-05-20' });
    expect(again.id).toBe(s.id);
    expect((await auditWordsOf('satisfaction'))[0]).toContain('满意度：基本满意 → 满意');
    const perFinding = await call(core, 'satisfaction:save', { batchId: batch.id, findingId: f.id, grade: 'unsatisfied', date: '2026-05-20' });
    expect(perFinding.findingLabel).toBe('1. 扶贫资金拨付滞后');
    expect(await call(core, 'satisfaction:list', { batchId: batch.id })).toHaveLength(2);

    await binAndRestore('satisfaction:delete', 'satisfaction_ratings', perFinding.id, /^满意度评价：反馈问题 1 不满意$/);

    const before = await rowsOf('satisfaction_ratings');
    await call(core, 'batches:delete', { id: batch.id });
    expect(await rowsOf('satisfaction_ratings')).toEqual([]);
    const entry = (await call(core, 'recycle:list', {}))[0];
    await call(core, 'recycle:restore', { id: entry.id });
    expect(await rowsOf('satisfaction_ratings')).toEqual(before);

    await refused('satisfaction:save', { batchId: batch.id, grade: 'great', date: '2026-05-20' }, /满意度/);
    await refused('satisfaction:save', { batchId: batch.id, grade: 'satisfied', date: '' }, /评价日期/);
    await refused('satisfaction:save', { batchId: 999, grade: 'satisfied', date: '2026-05-20' }, /反馈批次不存在/);
  });
});

describe('the parties the registers name', () => {
  it('a party still named by a register cannot be deleted, and is told where it is used', async () => {
    const org = await call(core, 'orgs:save', { name: '九三学社青山县委', party: '九三学社', level: '县委' });
    await call(core, 'windows:save', { level: 'county', place: '青山县', organizationId: org.id, households: 3, establishedDate: '2026-01-01' });
    await call(core, 'supervisors:save', { kind: 'supervisor', name: '王秀英', organizationId: org.id, appointedDate: '2026-03-01', status: 'serving' });
    const before = await snapshot();
    const err = await callFails(core, 'orgs:delete', { id: org.id });
    expect(err.message).toBe('“九三学社青山县委”在民主监督登记中还有监督员 1 条、观察窗口 1 条，不能删除');
    expect(await snapshot()).toEqual(before);
    expect((await call(core, 'orgs:list', {})).some((o) => o.id === org.id)).toBe(true);
  });
});

describe('a restore after the party was deleted', () => {
  it('names the party to add again', async () => {
    const org = await call(core, 'orgs:save', { name: '九三学社青山县委', party: '九三学社', level: '县委' });
    const b = await call(core, 'briefings:save', { kind: 'forum', date: '2026-02-20', organizationId: org.id, title: '座谈会' });
    const { recycleId } = await call(core, 'briefings:delete', { id: b.id });
    await call(core, 'orgs:delete', { id: org.id });
    const err = await callFails(core, 'recycle:restore', { id: recycleId });
    expect(err.message).toContain('监督主体“九三学社青山县委”已被删除');
    await call(core, 'orgs:save', { name: '九三学社青山县委', party: '九三学社', level: '县委' });
    await call(core, 'recycle:restore', { id: recycleId });
    expect((await call(core, 'briefings:list', {}))[0].organizationName).toBe('九三学社青山县委');
  });
});

describe('backups and moving a ledger', () => {
  if (onPostgres()) console.log('archive test skipped on PostgreSQL: backups and archives are of the single-PC ledger file; the shared ledger is backed up by its server (pg_dump carries the files with the rows).');
  it.skipIf(onPostgres())('an archive (export-all) carries the registers and their attachments to another data folder', async () => {
    const { org } = await basicSetup(core);
    const a = await call(core, 'activities:save', {
      kind: 'inspection', date: '2026-04-02', organizationId: org.id, participants: 6,
      files: [{ name: '视察照片说明.pdf', base64: pdf('视察').toString('base64') }],
    });
    await call(core, 'supervisors:save', { kind: 'supervisor', name: '李建华', organizationId: org.id, appointedDate: '2026-03-01', phone: '13800001234', status: 'serving' });
    const backup = await call(core, 'backup:create', { reason: 'manual' });
    const archive = (await call(core, 'backup:export', { id: backup.id })).base64;

    const other = await tempCore('2026-06-16');
    try {
      await call(other, 'backup:restore', { file: { name: '整改台账备份.zip', base64: archive } });
      const [moved] = await call(other, 'activities:list', {});
      expect(moved).toMatchObject({ id: a.id, kind: 'inspection', participants: 6 });
      const file = await call(other, 'supervisionFiles:read', { id: moved.files[0].id });
      expect(Buffer.from(file.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      expect((await call(other, 'supervisors:get', { id: (await call(other, 'supervisors:list', {}))[0].id })).phone).toBe('13800001234');
    } finally {
      await other.cleanup();
    }
  });
});
