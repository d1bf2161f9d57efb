import { AppError } from '../../errors.ts';
import type { Core } from '../context.ts';
import { assertAdmin, recheckSignedInUser } from './users.ts';

/**
 * Office mode: nothing of the shared ledger is read or written before a clerk signs in, except
 * what the sign-in page itself needs. Roles are checked again where each write happens (withWrite
 * refuses a 领导; users.ts refuses a non-管理员); this door adds the office-wide 设置.
 */
const BEFORE_SIGN_IN = new Set([
  'auth:status', 'auth:sign-in', 'auth:first-admin', 'auth:sign-out', 'app:info', 'settings:get',
  // Which ledger this PC opens is this PC's own setting: a clerk whose server is gone must be able
  // to look and go back to the local ledger without signing in to the shared one.
  'office:status', 'office:test-connection', 'office:disconnect', 'ledger:revision',
]);

/** Office-wide settings: the 管理员's to change, not each clerk's. */
const ADMIN_ONLY = new Set(['settings:update']);

export async function officeGate(core: Core, channel: string): Promise<void> {
  if (!core.databaseUrl || BEFORE_SIGN_IN.has(channel)) return;
  await recheckSignedInUser(core);
  if (!core.user) throw new AppError('unauthenticated', '请先登录共享台账：每位文员用自己的账号登录后才能查看和修改。');
  if (ADMIN_ONLY.has(channel)) assertAdmin(core);
}
