import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import type { MeasureDto } from '../../shared/contract/index.ts';
import { hashPassword, verifyPassword } from '../../shared/core/office/passwords.ts';
import { onPostgres } from '../support/postgres.ts';
import { TEST_ADMIN } from '../support/office-users.ts';
import { b64, basicSetup, call, callFails, tableCounts, tempCore } from '../support/core.ts';

/**
 * Issue 12, sign-in and roles. On the shared (PostgreSQL) ledger every clerk signs in; 管理员 keeps
 * the accounts and the office-wide 设置, 文员 edit, 领导 only read and export — refused by the core,
 * not only by hidden buttons. The single-PC (SQLite) ledger has no accounts and no sign-in.
 */

const SHARED = !onPostgres();
if (SHARED) console.log('office-users: the shared-ledger tests need PostgreSQL (RECTIFY_TEST_DATABASE_URL unset); only the single-PC and password tests run here.');
else console.log('office-users: the single-PC tests need a SQLite ledger (this run is on PostgreSQL); only the shared-ledger and password tests run here.');

let core: Awaited<ReturnType<typeof tempCore>>;
beforeEach(async () => {
  core = await tempCore('2026-06-15');
});
afterEach(async () => core.cleanup());

describe('passwords (both databases)', () => {
  it('are stored as salted scrypt hashes and checked exactly', async () => {
    const a = await hashPassword('青山县统战部2026');
    const b = await hashPassword('青山县统战部2026');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b); // a random salt each time
    expect(a).not.toContain('青山县');
    expect(await verifyPassword('青山县统战部2026', a)).toBe(true);
    expect(await verifyPassword('青山县统战部2025', a)).toBe(false);
    expect(await verifyPassword('青山县统战部2026', null)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });
});

describe.skipIf(!SHARED)('the single-PC ledger has no sign-in (SQLite only: a PostgreSQL ledger is always shared)', () => {
  it('reads and writes without an account; user management says it is for the shared ledger', async () => {
    const status = await call(core, 'auth:status', {});
    expect(status).toMatchObject({ office: false, user: null, needsFirstAdmin: false });
    await basicSetup(core);
    expect((await call(core, 'ledger:query', {})).total).toBe(0);
    const err = await callFails(core, 'users:list', {});
    expect(err.message).toContain('单机台账不需要登录');
  });
});

const clerks = async () => {
  const jia = await call(core, 'users:save', { username: 'jia', displayName: '文员甲', role: 'clerk', password: 'jia-secret-1' });
  const yi = await call(core, 'users:save', { username: 'yi', displayName: '文员乙', role: 'clerk', password: 'yi-secret-2' });
  const bing = await call(core, 'users:save', { username: 'bing', displayName: '领导丙', role: 'leader', password: 'bing-secret-3' });
  return { jia, yi, bing };
};
const signInAs = (username: string, password: string) => call(core, 'auth:sign-in', { username, password });

const measureInput = (m: MeasureDto) => ({
  text: m.text,
  leadUnitId: m.leadUnitId,
  coUnitIds: m.coUnits.map((u) => u.id),
  leader: m.leader,
  person: m.person,
  deadline: { kind: m.deadlineKind, date: m.deadlineDate, text: m.deadlineText },
});

describe.skipIf(SHARED)('the shared ledger (PostgreSQL only: the single-PC ledger has no accounts)', () => {
  it('refuses everything but the sign-in page until someone signs in; a fresh ledger asks for its first 管理员', async () => {
    await call(core, 'auth:sign-out', {});
    const locked = await callFails(core, 'ledger:query', {});
    expect(locked.code).toBe('unauthenticated');
    expect(locked.message).toContain('请先登录');
    expect((await callFails(core, 'batches:list', {})).code).toBe('unauthenticated');
    const status = await call(core, 'auth:status', {});
    expect(status).toMatchObject({ office: true, user: null, needsFirstAdmin: false });
    // The account tempCore made is the first 管理员; a second "first admin" is refused.
    const again = await callFails(core, 'auth:first-admin', { username: 'boss', displayName: '冒名者', password: 'whatever-1' });
    expect(again.message).toContain('已由别人创建');
    expect(await core.db.selectFrom('audit_log').select('id').where('operator', '=', '冒名者').execute()).toEqual([]);
    await signInAs(TEST_ADMIN.username, TEST_ADMIN.password);
    expect((await call(core, 'ledger:query', {})).total).toBe(0);
  });

  it('keeps hashes, not passwords; a wrong password and a wrong name get the same answer; a disabled account cannot sign in', async () => {
    const { bing } = await clerks();
    const rows = await sql<{ username: string; password_hash: string }>`SELECT username, password_hash FROM users ORDER BY id`.execute(core.db);
    expect(rows.rows.map((r) => r.username)).toEqual(['admin', 'jia', 'yi', 'bing']);
    for (const r of rows.rows) {
      expect(r.password_hash).toMatch(/^scrypt\$/);
      expect(r.password_hash).not.toContain('secret');
    }
    await call(core, 'auth:sign-out', {});
    const wrongPassword = await callFails(core, 'auth:sign-in', { username: 'jia', password: 'jia-secret-X' });
    const wrongName = await callFails(core, 'auth:sign-in', { username: 'jiaa', password: 'jia-secret-1' });
    expect(wrongPassword.message).toBe('登录名或密码不正确，请重新输入。忘记密码请联系管理员重设。');
    expect(wrongName).toEqual(wrongPassword);
    expect((await call(core, 'auth:status', {})).user).toBeNull();
    // Names are one spelling whatever the case or width.
    expect((await signInAs('ＪＩＡ', 'jia-secret-1')).user).toMatchObject({ displayName: '文员甲', role: 'clerk' });
    const notAdmin = await callFails(core, 'users:list', {});
    expect(notAdmin.code).toBe('forbidden');
    expect(notAdmin.message).toContain('只有管理员');

    await signInAs(TEST_ADMIN.username, TEST_ADMIN.password);
    await call(core, 'users:disable', { id: bing.id, disabled: true });
    await call(core, 'auth:sign-out', {});
    const disabled = await callFails(core, 'auth:sign-in', { username: 'bing', password: 'bing-secret-3' });
    expect(disabled.message).toContain('已被停用');
    // A reset password works; the old one no longer does.
    await signInAs(TEST_ADMIN.username, TEST_ADMIN.password);
    await call(core, 'users:disable', { id: bing.id, disabled: false });
    await call(core, 'users:reset-password', { id: bing.id, password: 'bing-new-4' });
    await call(core, 'auth:sign-out', {});
    expect((await callFails(core, 'auth:sign-in', { username: 'bing', password: 'bing-secret-3' })).code).toBe('unauthenticated');
    expect((await signInAs('bing', 'bing-new-4')).user?.role).toBe('leader');
  });

  it('a 领导 reads and exports but every write is refused by the core, with nothing written', async () => {
    const setup = await basicSetup(core);
    const finding = await call(core, 'findings:create', {
      batchId: setup.batch.id,
      text: '扶贫资金拨付滞后',
      measures: [{ text: '清理拨付', leadUnitId: setup.finance.id, deadline: { kind: 'date', date: '2026-06-30' } }],
    });
    const m = finding.measures[0];
    await clerks();
    await call(core, 'auth:sign-out', {});
    await signInAs('bing', 'bing-secret-3');
    expect((await call(core, 'ledger:query', {})).total).toBe(1);
    const before = await tableCounts(core);
    const csv = '序号,反馈问题,整改措施,责任单位,整改时限\n1,产业项目带贫效果不明显,完善带贫益贫机制,青山县财政局,2026-12-31\n';
    const refusals = [
      await callFails(core, 'measures:update', { ...measureInput(m), id: m.id, version: m.version, text: '领导改的措施' }),
      await callFails(core, 'findings:update', { id: finding.id, version: finding.version, text: '领导改的问题' }),
      await callFails(core, 'progress:add', { measureId: m.id, date: '2026-06-15', text: '领导写的进展' }),
      await callFails(core, 'measures:transition', { id: m.id, action: 'start', version: m.version }),
      await callFails(core, 'import:commit', { file: { name: '台账.csv', base64: b64(csv) }, batchId: setup.batch.id, newUnits: [] }),
      await callFails(core, 'units:save', { name: '青山县民政局' }),
      await callFails(core, 'findings:delete', { id: finding.id }),
      await callFails(core, 'settings:update', { ...(await call(core, 'settings:get', {})), officeName: '领导改的' }),
    ];
    for (const r of refusals) {
      expect(r.code).toBe('forbidden');
      expect(r.message).toMatch(/领导账号|只有管理员/);
    }
    expect(refusals[0].message).toBe('“领导丙”是领导账号，只能查看和导出，不能修改台账。如需修改，请联系文员或管理员。');
    expect(await tableCounts(core)).toEqual(before);
    // Reading and exporting stay open to a 领导.
    expect((await call(core, 'report:ledger-xlsx', {})).fileName).toMatch(/\.xlsx$/);
  });

  it('the 操作日志 names the signed-in clerk; 设置 are the 管理员\'s', async () => {
    const setup = await basicSetup(core);
    const finding = await call(core, 'findings:create', {
      batchId: setup.batch.id,
      text: '扶贫资金拨付滞后',
      measures: [{ text: '清理拨付', leadUnitId: setup.finance.id, deadline: { kind: 'date', date: '2026-06-30' } }],
    });
    const m = finding.measures[0];
    await clerks();
    await call(core, 'auth:sign-out', {});
    await signInAs('jia', 'jia-secret-1');
    await call(core, 'measures:update', { ...measureInput(m), id: m.id, version: m.version, text: '清理结转结余资金并全部拨付' });
    await call(core, 'progress:add', { measureId: m.id, date: '2026-06-15', text: '已拨付八成' });
    const settings = await call(core, 'settings:get', {});
    const refused = await callFails(core, 'settings:update', { ...settings, dueSoonDays: 3 });
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain('只有管理员');
    expect((await call(core, 'settings:get', {})).dueSoonDays).toBe(settings.dueSoonDays);

    const log = await call(core, 'audit:list', { entity: 'measure', entityId: m.id });
    expect(log.filter((e) => e.operator === '文员甲').length).toBeGreaterThanOrEqual(2);
    // 文员乙, still on the first version, is refused with who saved the newer one, and when.
    await call(core, 'auth:sign-out', {});
    await signInAs('yi', 'yi-secret-2');
    const stale = await callFails(core, 'measures:update', { ...measureInput(m), id: m.id, version: m.version, leader: '张副县长' });
    expect(stale.code).toBe('stale');
    expect(stale.details).toMatchObject({ savedBy: '文员甲' });
    expect(Number(stale.details!.version)).toBeGreaterThan(m.version); // the edit and the progress entry each made a version
    expect(String(stale.details!.savedAt)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Accounts appear in the 操作日志 in words, never with a hash.
    const accounts = await core.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('entity', '=', 'user').execute();
    expect(JSON.stringify(accounts)).not.toContain('scrypt');
    const creation = await core.db.selectFrom('audit_log').select('operator').where('entity', '=', 'user').orderBy('id').execute();
    expect(creation.map((r) => r.operator)).toEqual(['管理员', '管理员', '管理员', '管理员']);
    // Even when the 管理员 saves 设置, the log names the account, not the 操作人 typed in 设置.
    await call(core, 'auth:sign-out', {});
    await signInAs(TEST_ADMIN.username, TEST_ADMIN.password);
    await call(core, 'settings:update', { ...settings, operator: '张三', dueSoonDays: 3 });
    const last = await core.db.selectFrom('audit_log').select(['operator', 'entity']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last).toEqual({ operator: '管理员', entity: 'settings' });
    const userLog = await call(core, 'audit:list', { entity: 'user' });
    expect(userLog.map((e) => e.words.object)).toContain('用户账号：领导丙（领导）');
  });

  it('the last enabled 管理员 can be neither disabled nor demoted; a second one lifts that', async () => {
    const admin = (await call(core, 'users:list', {}))[0];
    expect(admin).toMatchObject({ username: 'admin', role: 'admin' });
    const { jia } = await clerks();
    // Disabling oneself is refused outright; the last admin cannot be demoted.
    expect((await callFails(core, 'users:disable', { id: admin.id, disabled: true })).message).toContain('不能停用自己');
    const demote = await callFails(core, 'users:save', { id: admin.id, username: 'admin', displayName: '管理员', role: 'clerk', version: admin.version });
    expect(demote.message).toContain('最后一个可用的管理员');
    // Make 文员甲 an admin; now the first one may step down.
    const jiaAdmin = await call(core, 'users:save', { id: jia.id, username: 'jia', displayName: '文员甲', role: 'admin', version: jia.version });
    expect(jiaAdmin.role).toBe('admin');
    await call(core, 'auth:sign-out', {});
    await signInAs('jia', 'jia-secret-1');
    // 文员甲 (now the other admin) cannot disable the first admin if that would leave none … it leaves one: allowed.
    const off = await call(core, 'users:disable', { id: admin.id, disabled: true });
    expect(off.disabled).toBe(true);
    // And now 文员甲 is the last one.
    const last = await callFails(core, 'users:save', { id: jia.id, username: 'jia', displayName: '文员甲', role: 'leader', version: jiaAdmin.version });
    expect(last.message).toContain('最后一个可用的管理员');
    // A duplicate name is refused whatever its case.
    expect((await callFails(core, 'users:save', { username: 'YI', displayName: '重名', role: 'clerk', password: 'abcdef' })).message).toContain('已被“文员乙”使用');
  });

  it('an account disabled on another PC is signed out here at its next request', async () => {
    const { jia } = await clerks();
    await call(core, 'auth:sign-out', {});
    await signInAs('jia', 'jia-secret-1');
    // The 管理员 on another PC (the same database) disables 文员甲.
    await core.db.updateTable('users' as never).set({ disabled: 1 } as never).where('id' as never, '=', jia.id as never).execute();
    // The core re-reads the account at most every 2 s: move its clock past that instead of waiting.
    const later = Date.now() + 3000;
    const clock = vi.spyOn(Date, 'now').mockReturnValue(later);
    const err = await callFails(core, 'ledger:query', {});
    clock.mockRestore();
    expect(err.code).toBe('unauthenticated');
    expect(err.message).toContain('已被管理员停用');
    expect((await call(core, 'auth:status', {})).user).toBeNull();
  });
});
