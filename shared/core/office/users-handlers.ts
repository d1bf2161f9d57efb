import type { usersChannels } from '../../contract/users.ts';
import type { GroupHandlers } from '../group.ts';
import { authStatus, changeOwnPassword, createFirstAdmin, listUsers, resetPassword, saveUser, setUserDisabled, signIn, signOut } from './users.ts';

export const usersHandlers: GroupHandlers<typeof usersChannels> = {
  'auth:status': (core) => authStatus(core),
  'auth:sign-in': (core, { username, password }) => signIn(core, username, password),
  'auth:first-admin': (core, input) => createFirstAdmin(core, input),
  'auth:sign-out': (core) => signOut(core),
  'auth:change-password': (core, { oldPassword, newPassword }) => changeOwnPassword(core, oldPassword, newPassword),
  'users:list': (core) => listUsers(core),
  'users:save': (core, input) => saveUser(core, input),
  'users:reset-password': (core, { id, password }) => resetPassword(core, id, password),
  'users:disable': (core, { id, disabled }) => setUserDisabled(core, id, disabled),
};
