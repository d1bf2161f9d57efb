import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore } from '../core/context.ts';
import { reportToDeveloper, toClerkError } from '../core/db/failures.ts';
import { defaultDataDir, parseDataDirArg } from '../core/data-dir.ts';
import { sweepAtStart } from '../core/ledger/evidence-sweep.ts';
import { dailyBackup } from '../core/backup/automatic.ts';
import { startBrowserServer } from './http-server.ts';

/** `tsx shared/server/main.ts [--data-dir D] [--port P]`: browser mode. Prints the URL to open. */
const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const dataDir = parseDataDirArg(argv) ?? defaultDataDir();
const portArg = argv.indexOf('--port');
const port = portArg >= 0 ? Number(argv[portArg + 1]) : 0;
const staticDir = path.resolve(here, '../../dist/renderer');

const core = await openCore({ dataDir, mode: 'browser' }).catch((err: unknown) => {
  // Folder in use, newer database, corrupt file…: say so in Chinese instead of a stack trace.
  console.error(`整改台账（浏览器模式）无法启动：${toClerkError(err).message}`);
  reportToDeveloper('open', err);
  process.exit(1);
});
await sweepAtStart(core, (line) => console.log(line));
// Later, not at start: copying a big ledger blocks this thread for seconds, and the first
// screen (the 工作台) must not wait behind it. Failures are logged.
setTimeout(() => void dailyBackup(core), 20_000).unref();
const server = await startBrowserServer({ core, staticDir, port, token: process.env.RECTIFY_TOKEN || undefined });
console.log(`整改台账（浏览器模式）已启动：${server.openUrl}`);
console.log(`数据文件夹：${dataDir}`);
console.log(`RECTIFY_READY ${JSON.stringify({ url: server.url, openUrl: server.openUrl, token: server.token })}`);

const stop = async () => {
  await server.close();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
