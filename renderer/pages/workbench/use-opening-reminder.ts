import { createElement, useEffect } from 'react';
import { App, Button } from 'antd';
import { afterStartRequests, call } from '../../api.ts';
import { navigate } from '../../router.ts';

let asked = false;

/**
 * On opening the app, once: what fell due or went red since the last open, as a notice in the
 * window (the desktop shell also shows it as a system notification, electron/reminder.ts). The
 * core records the opening; a reload in the same sitting says nothing again.
 */
export function useOpeningReminder(): void {
  const { notification } = App.useApp();
  useEffect(() => {
    if (asked) return;
    asked = true;
    afterStartRequests()
      .then(() => call('workbench:opened', {}))
      .then((r) => {
        if (!r.message) return;
        const key = 'opening-reminder';
        notification.warning({
          key,
          title: '整改提醒',
          description: r.message,
          placement: 'bottomRight',
          duration: 12,
          actions: createElement(Button, { type: 'primary', size: 'small', onClick: () => { notification.destroy(key); navigate('workbench'); } }, '查看工作台'),
          props: { 'data-testid': 'opening-reminder' } as Record<string, string>,
        });
      })
      .catch(() => {
        /* a reminder that cannot be read is not worth an error on opening */
      });
  }, [notification]);
}
