import { useEffect } from 'react';
import { afterStartRequests, call } from '../../api.ts';

/**
 * On opening the app: the weekly or monthly snapshot 设置 asks for, taken once per week or month
 * (the core decides; it does nothing when one exists, when turned off or when the ledger is empty).
 * After the first screen's own requests (afterStartRequests). Quietly: a failure here must not disturb the clerk; the next open tries again.
 */
export function useAutoSnapshot(): void {
  useEffect(() => {
    afterStartRequests()
      .then(() => call('snapshots:auto', {}))
      .catch(() => undefined);
  }, []);
}
