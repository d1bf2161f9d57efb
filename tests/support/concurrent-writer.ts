import { openCore } from '../../shared/core/context.ts';
import { invoke } from '../../shared/core/invoke.ts';

/**
 * A second program writing to the same data folder, for tests/integration/db-reliability.test.ts.
 * Run under tsx through child_process.fork: argv = dataDir, writer name, write count.
 * The folder lock is off on purpose: the test opens one folder twice to prove that writers queue.
 */
const [dataDir, writer, countText] = process.argv.slice(2);
const core = await openCore({ dataDir, mode: 'test', lockFolder: false });
process.send!({ type: 'ready' });
process.once('message', async () => {
  const failures: string[] = [];
  for (let i = 0; i < Number(countText); i++) {
    const r = await invoke(core, 'units:save', { name: `${writer}单位${i}`, aliases: [] });
    if (!r.ok) failures.push(r.error.message);
  }
  await core.close();
  process.send!({ type: 'done', failures }, () => process.exit(0));
});
