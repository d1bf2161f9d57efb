import type { Core } from '../../shared/core/context.ts';
import { authStatus, createFirstAdmin, signIn } from '../../shared/core/office/users.ts';

/**
 * A shared (PostgreSQL) ledger refuses everything until someone signs in (issue 12). The suite's
 * cores sign in as the ledger's first 管理员, named as 设置's default 操作人 (管理员) so the
 * 操作日志 reads the same on both databases. A fresh ledger has no account: this creates it; a
 * ledger reopened by another core signs in to the account made the first time. No-op on SQLite.
 */
export const TEST_ADMIN = { username: 'admin', displayName: '管理员', password: 'test-admin-password' } as const;

export async function signInTestAdmin(core: Core): Promise<void> {
  if (!core.databaseUrl || core.user) return;
  if ((await authStatus(core)).needsFirstAdmin) await createFirstAdmin(core, TEST_ADMIN);
  else await signIn(core, TEST_ADMIN.username, TEST_ADMIN.password);
}
