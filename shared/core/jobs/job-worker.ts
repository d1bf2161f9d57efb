import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../errors.ts';
import { knownFailure } from '../db/failures.ts';
import { openReadOnlyDatabase } from '../db/open-read-only.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { openPostgres } from '../db/postgres.ts';
import { BUILD_STAGES, buildFile } from '../reports/file-builds.ts';
import { PARTIAL_SUFFIX } from './exports.ts';
import type { JobReply, JobWork } from './runner.ts';

/**
 * Entry of the thread that writes one report or export (started by runner.ts, bundled as
 * report-worker.cjs): it reads the ledger on its own read-only connection, inside one read
 * transaction (one snapshot, however long the file takes), and writes the file itself. Only
 * progress and the file's name cross back to the core.
 */
const port = parentPort;
if (!port) throw new Error('job-worker 只能作为工作线程启动');

let peakHeap = 0;
const sampleHeap = () => {
  peakHeap = Math.max(peakHeap, v8.getHeapStatistics().used_heap_size);
};

port.once('message', async ({ plan, dataDir, databaseUrl, asOf, folder }: JobWork) => {
  const sampler = setInterval(sampleHeap, 100);
  const post = (reply: JobReply) => port.postMessage(reply);
  let opened: OpenedDatabase | null = null;
  try {
    opened = databaseUrl ? await openPostgres(databaseUrl, { migrate: false, max: 1 }) : openReadOnlyDatabase(dataDir);
    let total = 1;
    // One read transaction: one snapshot of the ledger however long the file takes
    // (SQLite: a deferred BEGIN on the WAL; PostgreSQL: REPEATABLE READ, READ ONLY).
    const built = await opened.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) =>
        buildFile({ db: trx, today: () => asOf }, plan, (stage, done, of) => {
          sampleHeap();
          total = of;
          post({ kind: 'progress', stage, done, total });
        }),
      );
    sampleHeap();
    post({ kind: 'progress', stage: BUILD_STAGES.save, done: total - 1, total });
    const target = path.join(folder, built.fileName);
    // Written under a partial name and renamed: a file under its own name is always whole.
    fs.writeFileSync(target + PARTIAL_SUFFIX, built.bytes);
    fs.renameSync(target + PARTIAL_SUFFIX, target);
    post({ kind: 'done', fileName: built.fileName, size: built.bytes.length, peakHeapMb: peakHeap / (1024 * 1024) });
  } catch (err) {
    // Disk full, read-only folder … in words a clerk can act on; anything else is for the developer.
    const known = err instanceof AppError ? err : knownFailure(err);
    post(known ? { kind: 'refused', error: known.toValue() } : { kind: 'failed', detail: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  } finally {
    clearInterval(sampler);
    await opened?.close().catch(() => undefined);
  }
});
