import { openCore } from '../../shared/core/context.ts';
import type { AppInfo } from '../../shared/contract/ledger-types.ts';

/**
 * Another program holding a data folder, for tests/integration/folder-lock.test.ts.
 * argv = dataDir, mode. Answers 'ready' (or 'refused' with the message), closes on 'close'.
 */
const [dataDir, mode] = process.argv.slice(2);
try {
  const core = await openCore({ dataDir, mode: mode as AppInfo['mode'] });
  process.send!({ type: 'ready', pid: process.pid });
  process.once('message', async () => {
    await core.close();
    process.send!({ type: 'closed' }, () => process.exit(0));
  });
} catch (err) {
  process.send!({ type: 'refused', message: (err as Error).message }, () => process.exit(1));
}
