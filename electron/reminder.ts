import { Notification } from 'electron';
import type { OpeningReminder } from '../shared/contract/dashboard.ts';
import type { Result } from '../shared/errors.ts';

/**
 * The opening reminder (what fell due or went red since the last open) as a system notification,
 * beside the notice inside the window: a clerk who opens the app and turns to something else still
 * sees it. Only the 'workbench:opened' reply carries it; anything else passes through untouched.
 */
export function notifyOpeningReminder(channel: string, reply: Result<unknown>, onClick: () => void): void {
  if (channel !== 'workbench:opened' || !reply.ok || !Notification.isSupported()) return;
  const message = (reply.data as OpeningReminder).message;
  if (!message) return;
  const n = new Notification({ title: '整改台账 · 整改提醒', body: message, silent: false });
  n.on('click', onClick);
  n.show();
}
