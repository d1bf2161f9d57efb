import type { ReactNode } from 'react';
import { UsergroupAddOutlined } from '@ant-design/icons';

type MenuItem = { key: string; icon?: ReactNode; label: string } | Record<string, unknown>;

/** 用户管理 sits after 设置, for a 管理员 of a shared ledger only. */
export function withUsersMenu<T extends MenuItem>(menu: readonly T[], isAdmin: boolean): T[] {
  if (!isAdmin) return [...menu];
  const at = menu.findIndex((m) => (m as { key?: string }).key === 'settings');
  const item = { key: 'users', icon: <UsergroupAddOutlined />, label: '用户管理' } as unknown as T;
  return [...menu.slice(0, at + 1), item, ...menu.slice(at + 1)];
}
