import { z } from 'zod';
import { channel } from './define.ts';
import { id, requiredText } from './common.ts';

/**
 * Office mode (issue 12): every clerk signs in to the shared ledger. Roles: 管理员 (users and
 * settings), 文员 (edits the ledger), 领导 (reads and exports only). The single-PC ledger has no
 * accounts. Codes in the database and in code, the words below on screen and in the 操作日志.
 */
// In shared/domain so the signed-in bar on the first screen does not pull in zod.
export { PASSWORD_MIN, USER_ROLE_LABEL, USER_ROLES, type UserRole } from '../domain/users.ts';
import { PASSWORD_MIN, USER_ROLES, type UserRole } from '../domain/users.ts';

const password = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .min(PASSWORD_MIN, { message: `${label}至少 ${PASSWORD_MIN} 位` })
    .max(128, { message: `${label}不超过 128 位` });
const username = z
  .string({ error: '请填写登录名' })
  .trim()
  .min(1, { message: '请填写登录名' })
  .max(30, { message: '登录名不超过 30 个字' })
  .refine((v) => !/\s/.test(v), { message: '登录名不能含空格' });
const role = z.enum(USER_ROLES, { error: '请选择角色' });

export interface SignedInUserDto {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
}

export interface AuthStatus {
  /** A shared (office) ledger: every clerk signs in. False on the single-PC ledger. */
  office: boolean;
  /** Where the shared ledger lives (server:port/database), for the sign-in page. */
  where: string;
  officeName: string;
  /** No account exists yet: the first sign-in creates the 管理员. */
  needsFirstAdmin: boolean;
  user: SignedInUserDto | null;
}

export interface UserDto extends SignedInUserDto {
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const usersChannels = {
  'auth:status': channel<AuthStatus>()(z.object({}).strict().optional().default({})),
  'auth:sign-in': channel<AuthStatus>()(z.object({ username, password: z.string({ error: '请填写密码' }).min(1, { message: '请填写密码' }).max(128) })),
  /** Only while no account exists: creates the first 管理员 and signs it in. */
  'auth:first-admin': channel<AuthStatus>()(z.object({ username, displayName: requiredText('姓名', 20), password: password('密码') })),
  'auth:sign-out': channel<AuthStatus>()(z.object({}).strict().optional().default({})),
  'auth:change-password': channel<{ changed: true }>()(z.object({ oldPassword: z.string().max(128), newPassword: password('新密码') })),

  'users:list': channel<UserDto[]>()(z.object({}).strict().optional().default({})),
  /** Create (no id; password required) or edit (id and the version the form started from). */
  'users:save': channel<UserDto>()(
    z.object({
      id: id.optional(),
      username,
      displayName: requiredText('姓名', 20),
      role,
      password: password('初始密码').optional(),
      version: z.number().int().positive().optional(),
    }),
  ),
  'users:reset-password': channel<UserDto>()(z.object({ id, password: password('新密码') })),
  /** Disable (or enable again) an account; the last 管理员 cannot be disabled. */
  'users:disable': channel<UserDto>()(z.object({ id, disabled: z.boolean() })),
};
