/** Office-mode accounts: the roles and the password rule (shared/contract/users.ts re-exports them with the channels). */
export const USER_ROLES = ['admin', 'clerk', 'leader'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const USER_ROLE_LABEL: Record<UserRole, string> = { admin: '管理员', clerk: '文员', leader: '领导' };
export const PASSWORD_MIN = 6;
