import { parentPort } from 'node:worker_threads';
import { AppError } from '../../errors.ts';
import { parseImport } from './parse.ts';
import type { ParseReply, ParseRequest } from './parse-job.ts';

/**
 * Entry of the thread that reads import files (started by parse-job.ts, bundled as
 * import-worker.cjs): one request at a time, one answer each. A hang or a blow-up here costs only
 * this thread, which the main thread then ends.
 */
const port = parentPort;
if (!port) throw new Error('parse-worker 只能作为工作线程启动');

port.on('message', ({ file, bytes, options }: ParseRequest) => {
  let reply: ParseReply;
  try {
    // A Buffer view over the transferred bytes, no copy: SheetJS reads `type: 'buffer'` input as a Buffer.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    reply = { kind: 'parsed', parsed: parseImport(file, buffer, { ...options, onProgress: progressPoster() }) };
  } catch (err) {
    reply =
      err instanceof AppError
        ? { kind: 'refused', error: err.toValue() }
        : { kind: 'failed', detail: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply);
});

/** Progress to the main thread: each new stage at once, within a stage at most every 100 ms. */
function progressPoster() {
  let last = { stage: '', at: 0 };
  return (stage: string, done: number, total: number) => {
    const now = performance.now();
    if (stage === last.stage && now - last.at < 100) return;
    last = { stage, at: now };
    port!.postMessage({ kind: 'progress', stage, done, total } satisfies ParseReply);
  };
}
