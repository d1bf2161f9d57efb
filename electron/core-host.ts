import { openCore } from '../shared/core/context.ts';
import { knownFailure } from '../shared/core/db/failures.ts';
import { parseDataDirArg } from '../shared/core/data-dir.ts';
import { invoke } from '../shared/core/invoke.ts';
import { sweepAtStart } from '../shared/core/ledger/evidence-sweep.ts';
import { dailyBackup } from '../shared/core/backup/automatic.ts';
import { serveCore, type Endpoint } from './core-protocol.ts';

/**
 * Entry of the utilityProcess that hosts the core, so that imports and reports of thousands of
 * rows never block the window's main process. The main process passes `--data-dir`.
 */
const parentPort = process.parentPort;
if (!parentPort) {
  console.error('core-host 只能由整改台账的主进程以 utilityProcess 启动');
  process.exit(2);
}

const dataDir = parseDataDirArg(process.argv);
if (!dataDir) {
  console.error('core-host 缺少 --data-dir 参数');
  process.exit(2);
}

const endpoint: Endpoint = {
  post: (message) => parentPort.postMessage(message),
  onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
};

serveCore(
  endpoint,
  async () => {
    // Disk and database failures in Chinese; anything else keeps its own explanation (core-protocol's openFailure).
    const core = await openCore({ dataDir, mode: 'electron' }).catch((err: unknown) => Promise.reject(knownFailure(err) ?? err));
    await sweepAtStart(core, (line) => console.log(line));
    // Later, not at start: copying a big ledger blocks this thread for seconds, and the first
    // screen (the 工作台) must not wait behind it. Failures are logged.
    setTimeout(() => void dailyBackup(core), 20_000).unref();
    return { invoke: (channel, input) => invoke(core, channel, input), close: () => core.close() };
  },
  () => process.exit(0),
);
