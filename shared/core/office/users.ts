import type { Kysely } from 'kysely';
import { USER_ROLE_LABEL, type AuthStatus, type UserDto, type UserRole } from '../../contract/users.ts';
import { AppError } from '../../errors.ts';
import type { Core, SignedInUser } from '../context.ts';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/open.ts';
import { getSettings } from '../ledger/settings.ts';
import { field, refuseIfStale } from '../ledger/stale.ts';
import { audit, withWrite } from '../ledger/write.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/**
 * The accounts of a shared (office) ledger and who is signed in on this PC's core. The single-PC
 * ledger has no accounts: its one clerk is named by 设置's 操作人.
 */

export interface UserTable {
  id: number;
  username: string;
  display_name: string;
  role: UserRole;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
  version: number;
}
type UsersDb = Kysely<Database & { users: UserTable }>;
const udb = (db: Db): UsersDb => db.withTables<{ users: UserTable }>() as unknown as UsersDb;

/** One spelling per name: full-width letters and case do not make a second account. */
export const normalUsername = (name: string): string => name.normalize('NFKC').trim().toLowerCase();

const WRONG = '登录名或密码不正确，请重新输入。忘记密码请联系管理员重设。';

function dto(u: UserTable): UserDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    disabled: u.disabled === 1,
    createdAt: u.created_at,
    updatedAt: u.updated_at,
    version: u.version,
  };
}
const signedIn = (u: UserTable): SignedInUser => ({ id: u.id, username: u.username, displayName: u.display_name, role: u.role });

/** In the 操作日志: never the hash. */
const logged = (u: UserTable) => ({ username: u.username, display_name: u.display_name, role: USER_ROLE_LABEL[u.role], disabled: u.disabled ? '停用' : '启用', version: u.version });

function assertOffice(core: Core): void {
  if (!core.databaseUrl) throw new AppError('invalid_input', '单机台账不需要登录和用户管理：连接办公室共享数据库后才有用户。');
}

export function assertAdmin(core: Core): void {
  assertOffice(core);
  if (!core.user) throw new AppError('unauthenticated', '请先登录。');
  if (core.user.role !== 'admin') throw new AppError('forbidden', `只有管理员可以做这件事；“${core.user.displayName}”是${USER_ROLE_LABEL[core.user.role]}账号。`);
}

async function countUsers(db: Db): Promise<number> {
  const r = await udb(db).selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function findUser(db: Db, id: number): Promise<UserTable> {
  const u = await udb(db).selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!u) throw new AppError('not_found', '该用户不存在，可能已被删除。请刷新后重试。');
  return u;
}

export async function authStatus(core: Core): Promise<AuthStatus> {
  if (!core.databaseUrl) return { office: false, where: core.where, officeName: '', needsFirstAdmin: false, user: null };
  return {
    office: true,
    where: core.where,
    officeName: (await getSettings(core.db)).officeName,
    needsFirstAdmin: (await countUsers(core.db)) === 0,
    user: core.user,
  };
}

export async function signIn(core: Core, username: string, password: string): Promise<AuthStatus> {
  assertOffice(core);
  const u = await udb(core.db).selectFrom('users').selectAll().where('username', '=', normalUsername(username)).executeTakeFirst();
  // Checked even for an unknown name (against a dummy hash): the answer and its time do not tell which was wrong.
  const ok = await verifyPassword(password, u?.password_hash ?? null);
  if (!u || !ok) {
    if (!u && (await countUsers(core.db)) === 0) throw new AppError('invalid_input', '共享台账还没有任何账号：请先创建管理员账号。');
    throw new AppError('unauthenticated', WRONG);
  }
  if (u.disabled) throw new AppError('forbidden', `账号“${u.display_name}”已被停用，不能登录。如需恢复，请联系管理员。`);
  core.user = signedIn(u);
  userCheckedAt.set(core, Date.now());
  return authStatus(core);
}

export async function signOut(core: Core): Promise<AuthStatus> {
  core.user = null;
  return authStatus(core);
}

/** The first account of a shared ledger: only while none exists (checked under the write lock). */
export async function createFirstAdmin(core: Core, input: { username: string; displayName: string; password: string }): Promise<AuthStatus> {
  assertOffice(core);
  if (core.user) throw new AppError('conflict', '已经登录，无需再创建管理员。');
  const username = normalUsername(input.username);
  const hash = await hashPassword(input.password);
  // The write door names its operator from the signed-in user: the new 管理员 signs its own creation.
  core.user = { id: 0, username, displayName: input.displayName, role: 'admin' };
  try {
    const created = await withWrite(core, async (trx, actor) => {
      if ((await countUsers(trx)) > 0) throw new AppError('conflict', '管理员账号已由别人创建：请用分配给您的账号登录。');
      const row = await udb(trx)
        .insertInto('users')
        .values({ username, display_name: input.displayName, role: 'admin', password_hash: hash, disabled: 0, created_at: actor.at, updated_at: actor.at, version: 1 } as never)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, actor, { action: 'create', entity: 'user', entityId: row.id, after: logged(row) });
      return row;
    });
    core.user = signedIn(created);
    userCheckedAt.set(core, Date.now());
  } catch (err) {
    core.user = null;
    throw err;
  }
  return authStatus(core);
}

export async function changeOwnPassword(core: Core, oldPassword: string, newPassword: string): Promise<{ changed: true }> {
  assertOffice(core);
  const me = core.user;
  if (!me) throw new AppError('unauthenticated', '请先登录。');
  const u = await findUser(core.db, me.id);
  if (!(await verifyPassword(oldPassword, u.password_hash))) throw new AppError('invalid_input', '原密码不正确，密码没有修改。');
  const hash = await hashPassword(newPassword);
  // A 领导 may change their own password: this write is about the account, not the ledger.
  await accountWrite(core, async (trx, actor) => {
    await udb(trx).updateTable('users').set({ password_hash: hash, updated_at: actor.at, version: u.version + 1 }).where('id', '=', u.id).execute();
    await audit(trx, actor, { action: 'update', entity: 'user', entityId: u.id, before: { ...logged(u), password: '（不显示）' }, after: { ...logged(u), version: u.version + 1, password: '本人已修改' } });
  });
  return { changed: true };
}

/** withWrite for a write about one's own account, which a 领导 may make too. */
async function accountWrite<T>(core: Core, fn: Parameters<typeof withWrite<T>>[1]): Promise<T> {
  const me = core.user!;
  if (me.role !== 'leader') return withWrite(core, fn);
  core.user = { ...me, role: 'clerk' };
  try {
    return await withWrite(core, fn);
  } finally {
    core.user = me;
  }
}

export async function listUsers(core: Core): Promise<UserDto[]> {
  assertAdmin(core);
  const rows = await udb(core.db).selectFrom('users').selectAll().orderBy('disabled').orderBy('id').execute();
  return rows.map(dto);
}

const USER_FIELDS = [
  field('登录名', 'username'),
  field('姓名', 'display_name'),
  field('角色', 'role', (v) => USER_ROLE_LABEL[v as UserRole] ?? String(v)),
  field('状态', 'disabled', (v) => (v === 1 || v === '停用' ? '停用' : '启用')),
];

/** Enabled 管理员 accounts other than `exceptId`: the ledger must keep at least one. */
async function otherAdmins(trx: Db, exceptId: number): Promise<number> {
  const r = await udb(trx)
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .where('id', '<>', exceptId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
const LAST_ADMIN = '这是最后一个可用的管理员账号：请先把另一个账号设为管理员，再停用或改变这个账号的角色。';

export async function saveUser(
  core: Core,
  input: { id?: number; username: string; displayName: string; role: UserRole; password?: string; version?: number },
): Promise<UserDto> {
  assertAdmin(core);
  const username = normalUsername(input.username);
  if (input.id === undefined && !input.password) throw new AppError('invalid_input', '请为新账号设置初始密码（至少 6 位）', { path: 'password' });
  const hash = input.password ? await hashPassword(input.password) : null;
  const saved = await withWrite(core, async (trx, actor) => {
    const taken = await udb(trx).selectFrom('users').select(['id', 'display_name']).where('username', '=', username).executeTakeFirst();
    if (taken && taken.id !== input.id) throw new AppError('conflict', `登录名“${username}”已被“${taken.display_name}”使用，请换一个。`, { path: 'username' });
    if (input.id === undefined) {
      const row = await udb(trx)
        .insertInto('users')
        .values({ username, display_name: input.displayName, role: input.role, password_hash: hash!, disabled: 0, created_at: actor.at, updated_at: actor.at, version: 1 } as never)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, actor, { action: 'create', entity: 'user', entityId: row.id, after: logged(row) });
      return row;
    }
    const before = await findUser(trx, input.id);
    await refuseIfStale(trx, { entity: 'user', noun: '账号', id: before.id, seen: input.version, current: { ...before }, fields: USER_FIELDS, fresh: async () => dto(before) });
    if (before.role === 'admin' && input.role !== 'admin' && !before.disabled && (await otherAdmins(trx, before.id)) === 0) throw new AppError('conflict', LAST_ADMIN);
    await udb(trx)
      .updateTable('users')
      .set({ username, display_name: input.displayName, role: input.role, ...(hash ? { password_hash: hash } : {}), updated_at: actor.at, version: before.version + 1 })
      .where('id', '=', before.id)
      .execute();
    const after = await findUser(trx, before.id);
    await audit(trx, actor, { action: 'update', entity: 'user', entityId: before.id, before: logged(before), after: logged(after) });
    return after;
  });
  if (core.user && saved.id === core.user.id) core.user = signedIn(saved);
  return dto(saved);
}

export async function resetPassword(core: Core, id: number, password: string): Promise<UserDto> {
  assertAdmin(core);
  const hash = await hashPassword(password);
  return dto(
    await withWrite(core, async (trx, actor) => {
      const before = await findUser(trx, id);
      await udb(trx).updateTable('users').set({ password_hash: hash, updated_at: actor.at, version: before.version + 1 }).where('id', '=', id).execute();
      await audit(trx, actor, { action: 'update', entity: 'user', entityId: id, before: { ...logged(before), password: '（不显示）' }, after: { ...logged(before), version: before.version + 1, password: '已由管理员重设' } });
      return findUser(trx, id);
    }),
  );
}

export async function setUserDisabled(core: Core, id: number, disabled: boolean): Promise<UserDto> {
  assertAdmin(core);
  if (disabled && core.user?.id === id) throw new AppError('conflict', '不能停用自己正在使用的账号。');
  return dto(
    await withWrite(core, async (trx, actor) => {
      const before = await findUser(trx, id);
      if (disabled && before.role === 'admin' && (await otherAdmins(trx, id)) === 0) throw new AppError('conflict', LAST_ADMIN);
      await udb(trx).updateTable('users').set({ disabled: disabled ? 1 : 0, updated_at: actor.at, version: before.version + 1 }).where('id', '=', id).execute();
      const after = await findUser(trx, id);
      await audit(trx, actor, { action: 'update', entity: 'user', entityId: id, before: logged(before), after: logged(after) });
      return after;
    }),
  );
}

/**
 * The signed-in account as the database has it now: an account disabled, or made 领导, by the
 * 管理员 on another PC takes effect here within a few seconds (checked at most every RECHECK_MS).
 */
const userCheckedAt = new WeakMap<Core, number>();
const RECHECK_MS = 2000;

export async function recheckSignedInUser(core: Core): Promise<void> {
  const me = core.user;
  if (!me || Date.now() - (userCheckedAt.get(core) ?? 0) < RECHECK_MS) return;
  const u = await udb(core.db).selectFrom('users').selectAll().where('id', '=', me.id).executeTakeFirst();
  if (!u || u.disabled) {
    core.user = null;
    throw new AppError('unauthenticated', u ? `账号“${u.display_name}”已被管理员停用，已退出登录。` : '您的账号已不存在，已退出登录。');
  }
  core.user = signedIn(u);
  userCheckedAt.set(core, Date.now());
}
