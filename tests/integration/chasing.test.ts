import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { openCore } from '../../shared/core/context.ts';
import { DB_FILE } from '../../shared/core/db/open.ts';
import { MIGRATIONS } from '../../shared/core/db/migrations/index.ts';
import { getSettings, saveSettings, thresholdsOf } from '../../shared/core/ledger/settings.ts';
import { unitDetail } from '../../shared/core/chasing/unit-detail.ts';
import { getFindingDetail } from '../../shared/core/ledger/finding-detail.ts';
import { ledgerHandlers } from '../../shared/core/ledger/handlers.ts';
import { recycleHandlers } from '../../shared/core/recycle/handlers.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { measureNumber } from '../../shared/domain/numbering.ts';
import { callReport, fromBase64, tempCore, zipEntry } from './report-fixtures.ts';
import { seedChaseLedger, writeCounts, type ChaseLedger } from './chasing-fixtures.ts';
import { readArchive } from '../../shared/core/backup/archive.ts';
import { rawSql } from '../support/raw-sql.ts';

/** Chasing (issue 10): 提醒 / 督办 / 告诫 notices to a unit, on each measure's history and the unit's page. */

const TODAY = '2026-11-21';
let env: Awaited<ReturnType<typeof tempCore>>;
let core: Core;
let s: ChaseLedger;

beforeEach(async () => {
  env = await tempCore(TODAY);
  core = env.core;
  s = await seedChaseLedger(core, TODAY);
  await saveSettings(core.db, { ...(await getSettings(core.db)), officeName: '中共某某县委统战部', contactName: '周晓梅', contactPhone: '0816-2201234', replyDays: 10 });
});
afterEach(() => env.dispose());

const texts = (docx: Buffer) =>
  [...zipEntry(docx, 'word/document.xml').matchAll(/<w:p[ >].*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));

describe('a notice to a unit', () => {
  it('lists all its late items with the shared numbers, and shows in the history of each measure and of the unit', async () => {
    const { notice, file } = await callReport(core, 'notice:create', { unitId: s.agri, lateOnly: true });
    expect(notice.unitName).toBe('县农业农村局');
    expect(notice.level).toBe('reminder');
    expect(notice.replyBy).toBe(addDays(TODAY, 10));
    expect(notice.items.map((i) => i.number)).toEqual(s.agriLate.map((m) => measureNumber(m.findingSeq, m.measureSeq)));
    expect(notice.items.map((i) => i.measureId)).toEqual(s.agriLate.map((m) => m.id));
    expect(notice.items.map((i) => i.overdueDays)).toEqual([30, 47, 64, 81, 98]);
    // The measure on track is not listed.
    expect(notice.items.some((i) => i.measureId === s.agriOnTrack)).toBe(false);

    for (const m of s.agriLate) {
      // The measure's history on the finding page (办理记录) …
      const finding = rawSql(core).prepare('SELECT finding_id FROM measures WHERE id = ?').pluck().get(m.id) as number;
      const detail = await getFindingDetail(core.db, finding, TODAY, thresholdsOf(await getSettings(core.db)));
      const history = detail.measures.find((x) => x.id === m.id)!.history.filter((h) => h.action === 'notice');
      expect(history).toHaveLength(1);
      expect(history[0].note).toContain(notice.docNumber);
      expect(history[0].note).toContain('2026年12月1日');
      // … and its own list of notices.
      const listed = await callReport(core, 'notice:list', { measureId: m.id });
      expect(listed.map((n) => n.docNumber)).toEqual([notice.docNumber]);
    }
    const audit = rawSql(core).prepare(`SELECT count(*) FROM audit_log WHERE action = 'notice' AND entity = 'measure'`).pluck().get();
    expect(audit).toBe(5);
    expect((await callReport(core, 'notice:list', { unitId: s.agri })).map((n) => n.id)).toEqual([notice.id]);
    expect(await callReport(core, 'notice:list', { unitId: s.finance })).toEqual([]);

    expect(file.fileName).toBe(`提醒函_${notice.docNumber}_县农业农村局.docx`);
    const paper = texts(fromBase64(file)).join('\n');
    for (const i of notice.items) expect(paper).toContain(i.number);
  });

  it('reprints the same paper after the office changes its name, contact or reply days', async () => {
    const { notice, file } = await callReport(core, 'notice:create', { unitId: s.agri, lateOnly: true });
    await saveSettings(core.db, { ...(await getSettings(core.db)), officeName: '中共某某县委统一战线工作部', contactName: '新联系人', contactPhone: '13800000000', replyDays: 3 });
    rawSql(core).prepare('UPDATE measures SET text = ? WHERE id = ?').run('措施内容后来改了', s.agriLate[0].id);
    const again = await callReport(core, 'notice:reprint', { id: notice.id });
    expect(zipEntry(fromBase64(again), 'word/document.xml')).toBe(zipEntry(fromBase64(file), 'word/document.xml'));
    expect(texts(fromBase64(again)).join('')).toContain('（联系人：周晓梅，联系电话：0816-2201234）');
  });

  it('escalates 提醒 → 督办 → 告诫 over the same items, and stores and lists the level the clerk chose', async () => {
    const levels = [];
    for (let k = 0; k < 4; k++) levels.push((await callReport(core, 'notice:create', { unitId: s.agri, lateOnly: true })).notice.level);
    expect(levels).toEqual(['reminder', 'supervise', 'warning', 'warning']);
    const chosen = await callReport(core, 'notice:create', { unitId: s.finance, lateOnly: true, level: 'warning' });
    expect(rawSql(core).prepare('SELECT level FROM notices WHERE id = ?').pluck().get(chosen.notice.id)).toBe('warning');
    const list = await callReport(core, 'notice:list', { limit: 10 });
    expect(list.map((n) => n.level)).toEqual(['warning', 'warning', 'warning', 'supervise', 'reminder']);
    expect(list.map((n) => n.docNumber)).toEqual(['督办〔2026〕5号', '督办〔2026〕4号', '督办〔2026〕3号', '督办〔2026〕2号', '督办〔2026〕1号']);
  });

  it('is refused, in Chinese and with nothing written, for a unit without late items when "late only" is asked', async () => {
    const before = writeCounts(core);
    await expect(callReport(core, 'notice:create', { unitId: s.education, lateOnly: true })).rejects.toThrow('“县教育局”牵头的措施中没有逾期未完成的，不需要发出通知，未生成任何通知');
    expect(writeCounts(core)).toEqual(before);
    // Without "late only", its item due in three days may be chased (a 提醒 before the deadline).
    const { notice } = await callReport(core, 'notice:create', { unitId: s.education });
    expect(notice.items.map((i) => i.measureId)).toEqual([s.educationDueSoon]);
  });

  it('refuses chosen items of two units, or an item not late, naming it', async () => {
    const before = writeCounts(core);
    await expect(callReport(core, 'notice:create', { measureIds: [s.agriLate[0].id, s.financeLate[0]] })).rejects.toThrow(/属于不同的牵头单位/);
    await expect(callReport(core, 'notice:create', { unitId: s.agri, measureIds: [s.agriLate[0].id, s.agriOnTrack], lateOnly: true })).rejects.toThrow(/措施 6-1“建立驻村工作队员考勤和召回制度.*未逾期，不需要催办/);
    await expect(callReport(core, 'notice:create', { unitId: s.finance, measureIds: [s.agriLate[0].id] })).rejects.toThrow(/不由该单位牵头/);
    expect(writeCounts(core)).toEqual(before);
    const { notice } = await callReport(core, 'notice:create', { unitId: s.agri, measureIds: [s.agriLate[3].id, s.agriLate[1].id] });
    expect(notice.items.map((i) => i.number)).toEqual(['2-2', '4-2']);
  });
});

describe('给所有有逾期事项的单位发通知', () => {
  it('issues one notice per unit with late items in one transaction, and one Word file per unit in a .zip', async () => {
    const plan = await callReport(core, 'notice:preview', { all: true });
    expect(plan.map((p) => [p.unitName, p.items.length])).toEqual([['县财政局', 2], ['县农业农村局', 5]]);
    expect(writeCounts(core).notices).toBe(0);

    const { notices, file } = await callReport(core, 'notice:create-all', { level: 'supervise' });
    expect(notices.map((n) => [n.unitName, n.level, n.items.length])).toEqual([['县财政局', 'supervise', 2], ['县农业农村局', 'supervise', 5]]);
    expect(file.fileName.endsWith('.zip')).toBe(true);
    const entries = readArchive(fromBase64(file), file.fileName);
    expect([...entries.keys()]).toEqual(notices.map((n) => `督办通知单_${n.docNumber}_${n.unitName}.docx`));
    for (const [name, bytes] of entries) {
      const unit = name.split('_')[2].replace('.docx', '');
      expect(texts(bytes)).toContain(`${unit}：`);
    }
  });

  it('writes nothing when one unit fails midway (one transaction)', async () => {
    // The disk "fills up" as the second unit's items are written.
    if (core.sqlite) {
      rawSql(core).exec(`CREATE TEMP TRIGGER fail_second BEFORE INSERT ON notice_measures WHEN (SELECT count(*) FROM notices) >= 2 BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    } else {
      rawSql(core).exec(`CREATE FUNCTION fail_second() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF (SELECT count(*) FROM notices) >= 2 THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER fail_second BEFORE INSERT ON notice_measures FOR EACH ROW EXECUTE FUNCTION fail_second();`);
    }
    const before = writeCounts(core);
    await expect(callReport(core, 'notice:create-all', {})).rejects.toThrow();
    expect(writeCounts(core)).toEqual(before);
    rawSql(core).exec(core.sqlite ? 'DROP TRIGGER fail_second' : 'DROP TRIGGER fail_second ON notice_measures');
    expect((await callReport(core, 'notice:create-all', {})).notices.map((n) => n.docNumber)).toEqual(['督办〔2026〕1号', '督办〔2026〕2号']);
  });

  it('is refused when no unit has a late item', async () => {
    rawSql(core).prepare(`UPDATE measures SET status = 'closed', closed_date = ? WHERE deadline_date < ?`).run(TODAY, TODAY);
    const before = writeCounts(core);
    await expect(callReport(core, 'notice:create-all', {})).rejects.toThrow('目前没有逾期未完成的整改措施，不需要发出通知，未生成任何通知');
    expect(writeCounts(core)).toEqual(before);
  });
});

describe('the unit page', () => {
  it('gives its contact, open, late and chased items, and notices by level', async () => {
    await callReport(core, 'notice:create', { unitId: s.agri, lateOnly: true });
    await callReport(core, 'notice:create', { measureId: s.agriLate[4].id });
    const d = await unitDetail(core, s.agri);
    expect(d.unit).toMatchObject({ name: '县农业农村局', contactPerson: '王建国', contactPhone: '0816-2212345' });
    expect(d.counts).toMatchObject({ lead: 6, open: 6, late: 5, chased: 5, notices: 2, byLevel: { reminder: 1, supervise: 1, warning: 0 } });
    // Most overdue first.
    expect(d.late.map((i) => i.number)).toEqual(['5-2', '4-2', '3-2', '2-2', '1-2']);
    const last = d.chased.find((i) => i.measureId === s.agriLate[4].id)!;
    expect(last.notices.map((n) => n.level)).toEqual(['supervise', 'reminder']);
    expect(d.notices.map((n) => n.items.length)).toEqual([1, 5]);
  });
});

describe('recycle bin and older ledgers', () => {
  it('takes only the deleted measure off a shared notice, and puts it back on restore', async () => {
    const { notice } = await callReport(core, 'notice:create', { unitId: s.agri, lateOnly: true });
    await ledgerHandlers['measures:delete'](core, { id: s.agriLate[0].id } as never);
    const [entry] = await recycleHandlers['recycle:list'](core, {} as never);
    expect((await callReport(core, 'notice:list', { unitId: s.agri }))[0].items.map((i) => i.number)).toEqual(['2-2', '3-2', '4-2', '5-2']);
    await recycleHandlers['recycle:restore'](core, { id: entry.id });
    expect((await callReport(core, 'notice:list', { unitId: s.agri }))[0].items.map((i) => i.number)).toEqual(['1-2', '2-2', '3-2', '4-2', '5-2']);
    expect((await callReport(core, 'notice:reprint', { id: notice.id })).fileName).toContain(notice.docNumber);
  });

  it('turns each notice of a ledger from before version 7 into a notice with its one item, keeping its number', async () => {
    const dir = path.join(env.dir, 'old');
    (await import('node:fs')).mkdirSync(dir);
    const raw = new SQLite(path.join(dir, DB_FILE));
    const old = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
    await old.schema.createTable('schema_migrations').addColumn('version', 'integer', (c) => c.primaryKey()).addColumn('name', 'text').addColumn('applied_at', 'text').execute();
    for (const m of MIGRATIONS.filter((x) => x.version < 7)) {
      await m.up(old, 'sqlite');
      await old.insertInto('schema_migrations').values({ version: m.version, name: m.name, applied_at: 'x' }).execute();
    }
    raw.exec(`
      INSERT INTO units (id, name, created_at) VALUES (1, '县财政局', 'x');
      INSERT INTO batches (id, organization_id, area, received_date, topic, created_at, updated_at) VALUES (1, (SELECT min(id) FROM organizations), '脱贫攻坚', '2026-03-01', '反馈', 'x', 'x');
      INSERT INTO findings (id, batch_id, seq, sort_order, text, status, created_at, updated_at) VALUES (1, 1, '3', 1, '资金拨付滞后', 'in_progress', 'x', 'x');
      INSERT INTO measures (id, finding_id, seq, text, lead_unit_id, deadline_kind, deadline_date, status, assigned_date, created_at, updated_at)
        VALUES (7, 1, 2, '加快资金拨付', 1, 'date', '2026-06-30', 'in_progress', '2026-03-01', 'x', 'x');
      INSERT INTO notices (id, measure_id, unit_id, unit_name, year, number, doc_number, level, issued_date, reply_by, overdue_days, stagnant_days, reason, measure_status, note, operator, created_at)
        VALUES (4, 7, 1, '县财政局', 2026, 4, '督办〔2026〕4号', 'supervise', '2026-08-01', '2026-08-06', 32, NULL, '已逾期 32 天', 'in_progress', NULL, '管理员', 'x');
      UPDATE sqlite_sequence SET seq = 9 WHERE name = 'notices';`);
    await old.destroy();

    const upgraded = await openCore({ dataDir: dir, mode: 'test', clock: () => new Date(`${TODAY}T10:00:00`) });
    try {
      const [n] = await callReport(upgraded, 'notice:list', { measureId: 7 });
      expect(n).toMatchObject({ id: 4, docNumber: '督办〔2026〕4号', level: 'supervise', unitName: '县财政局' });
      expect(n.items).toEqual([expect.objectContaining({ measureId: 7, number: '3-2', deadline: '2026年6月30日', overdueDays: 32 })]);
      expect(upgraded.sqlite!.prepare('SELECT measure_id FROM notices WHERE id = 4').pluck().get()).toBeNull();
      // Ids of notices in the 回收站 are not given again.
      expect(upgraded.sqlite!.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'notices'`).pluck().get()).toBe(9);
      // The foreign keys hold after the rebuild.
      expect(upgraded.sqlite!.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      const again = await callReport(upgraded, 'notice:create', { measureId: 7 });
      expect(again.notice).toMatchObject({ id: 10, level: 'warning', docNumber: '督办〔2026〕5号' });
    } finally {
      await upgraded.close();
    }
  });
});
