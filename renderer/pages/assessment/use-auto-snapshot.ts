import { useEffect } from 'react';
import { call } from '../../api.ts';

/**
 * On opening the app: the weekly or monthly snapshot 设置 asks for, taken once per week or month
 * (the core decides; it does nothing when one exists, when turned off or when the ledger is empty).
 * Quietly: a failure here must not disturb the clerk; the next open tries again.
 */
export function useAutoSnapshot(): void {
  useEffect(() => {
    call('snapshots:auto', {}).catch(() => undefined);
  }, []);
}
