import type { Worker } from 'node:worker_threads';
import { AppError, type AppErrorValue } from '../../errors.ts';
import { startWorkerThread } from '../jobs/worker-entry.ts';
import { refuse } from './file-guard.ts';
import { cancelledError, currentImportJob, enterStage, type ImportJob } from './jobs.ts';
import { parseImport, type ParseOptions } from './parse.ts';
import type { ParsedImport } from './types.ts';

/**
 * Reading a file off the request thread: `parseImport` runs in a worker thread with a time and a
 * memory budget, so a 10,000-row file never stalls other requests, and a damaged file that makes a
 * parser spin or balloon is stopped and refused in words a clerk can act on.
 */

export const PARSE_BUDGET = { timeMs: 60_000, memoryMb: 1024 } as const;
export type ParseBudget = { timeMs: number; memoryMb: number };

/**
 * The time a file may take grows with its size: 50,000 rows (a few MB) read in seconds, so a small
 * damaged file that sends a parser into a loop (a fuzzed .xls did, in SheetJS's ExternSheet reader)
 * is stopped after 15 s rather than a minute; nothing is allowed past PARSE_BUDGET.
 */
export function budgetFor(size: number): ParseBudget {
  const timeMs = Math.min(PARSE_BUDGET.timeMs, 15_000 + Math.ceil(size / (1024 * 1024)) * 5_000);
  return { timeMs, memoryMb: PARSE_BUDGET.memoryMb };
}

/** What the worker is sent, and what it answers, once per file. */
export interface ParseRequest {
  file: string;
  bytes: Uint8Array;
  options: ParseOptions;
}
export type ParseReply =
  | { kind: 'progress'; stage: string; done: number; total: number }
  | { kind: 'parsed'; parsed: ParsedImport }
  | { kind: 'refused'; error: AppErrorValue }
  | { kind: 'failed'; detail: string };

/**
 * Parse `bytes` in a worker. The bytes are handed over, not copied, when they own their whole
 * buffer: the caller's array is empty afterwards (hash or keep anything from it first).
 * `job` (by default the job of the current call, see jobs.ts) gets the stage and can cancel.
 */
export async function parseOffThread(
  file: string,
  bytes: Uint8Array,
  options: ParseOptions,
  job: ImportJob | null = currentImportJob(),
  budget: ParseBudget = budgetFor(bytes.length),
): Promise<ParsedImport> {
  enterStage('读取文件', 0, 1, job);
  let worker: Worker;
  try {
    worker = takeWorker(budget.memoryMb);
  } catch (err) {
    // The one case for reading on this thread: a host that cannot create workers at all.
    if ((err as { code?: string }).code === 'ERR_MISSING_PLATFORM_FOR_WORKER') return parseImport(file, bytes, options);
    throw err;
  }
  // A Buffer cut from Node's shared pool (small uploads) must not be transferred: copy those.
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  const owned = whole ? bytes : new Uint8Array(bytes);
  const onProgress = options.onProgress;

  return new Promise<ParsedImport>((resolve, reject) => {
    let settled = false;
    const settle = (keepWorker: boolean, outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onReply).off('error', onError).off('exit', onExit);
      if (job) job.stop = null;
      if (keepWorker) releaseWorker(worker, budget.memoryMb);
      else void worker.terminate();
      outcome();
    };
    const onReply = (reply: ParseReply) => {
      if (reply.kind === 'progress') {
        if (job && !job.cancelled) job.progress = { stage: reply.stage, done: reply.done, total: reply.total };
        onProgress?.(reply.stage, reply.done, reply.total);
        return;
      }
      settle(true, () => {
        if (reply.kind === 'parsed') {
          if (job) job.progress = { stage: '读取文件', done: 1, total: 1 };
          resolve(reply.parsed);
        } else if (reply.kind === 'refused') {
          reject(new AppError(reply.error.code, reply.error.message, reply.error.details));
        } else {
          console.error(`[import] 读取“${file}”时出错：`, reply.detail);
          reject(new AppError('internal', `文件“${file}”：读取时程序出错，未导入任何数据。请用 Excel 或 WPS 打开后重新保存再导入；仍不行请把文件交给技术人员。`, { file }));
        }
      });
    };
    const onError = (err: Error & { code?: string }) =>
      settle(false, () => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(refuse(file, `读取时占用内存超过 ${budget.memoryMb} MB，已停止。文件过大或已损坏，请拆分，或用 Excel 或 WPS 打开后重新保存再导入。`));
          return;
        }
        console.error(`[import] 读取“${file}”的工作线程出错：`, err);
        reject(new AppError('internal', `文件“${file}”：读取文件的程序意外中止，未导入任何数据。请重试；仍不行请把文件交给技术人员。`, { file }));
      });
    const onExit = (code: number) =>
      settle(false, () => {
        console.error(`[import] 读取“${file}”的工作线程退出（代码 ${code}），没有给出结果`);
        reject(new AppError('internal', `文件“${file}”：读取文件的程序意外退出，未导入任何数据。请重试；仍不行请把文件交给技术人员。`, { file }));
      });
    const timer = setTimeout(() => {
      const seconds = budget.timeMs >= 1000 ? String(Math.round(budget.timeMs / 1000)) : (budget.timeMs / 1000).toFixed(1);
      settle(false, () => reject(refuse(file, `读取超过 ${seconds} 秒仍未完成，已停止。文件可能已损坏，请用 Excel 或 WPS 打开后重新保存再导入。`)));
    }, budget.timeMs);
    if (job) job.stop = () => settle(false, () => reject(cancelledError()));

    worker.on('message', onReply).on('error', onError).on('exit', onExit);
    // A callback cannot cross to the thread: the worker posts progress, passed on here.
    const request: ParseRequest = { file, bytes: owned, options: { ...options, onProgress: undefined } };
    worker.postMessage(request, [owned.buffer as ArrayBuffer]);
  });
}

/**
 * One idle reader is kept (not holding the process open): starting a thread and loading SheetJS
 * costs about half a second, and a thread that has read a file before reads the next one faster.
 * A thread that timed out, was cancelled or failed is ended, never reused.
 */
let idle: Worker | null = null;

/** Start the idle reader ahead of the first import (optional: hosts may call it at start-up). */
export function warmImportReader(): void {
  if (!idle) releaseWorker(startWorker(PARSE_BUDGET.memoryMb), PARSE_BUDGET.memoryMb);
}

function takeWorker(memoryMb: number): Worker {
  if (idle && memoryMb === PARSE_BUDGET.memoryMb) {
    const worker = idle;
    idle = null;
    worker.ref();
    return worker;
  }
  return startWorker(memoryMb);
}

function releaseWorker(worker: Worker, memoryMb: number): void {
  if (idle || memoryMb !== PARSE_BUDGET.memoryMb) {
    void worker.terminate();
    return;
  }
  worker.unref();
  idle = worker;
}

function startWorker(memoryMb: number): Worker {
  // Bundled as import-worker.cjs beside core-host.cjs (scripts/build.mjs).
  const worker = startWorkerThread(new URL('./parse-worker.ts', import.meta.url), 'import-worker.cjs', { maxOldGenerationSizeMb: memoryMb });
  // An idle reader that dies is simply forgotten; a busy one is handled by its parse.
  worker.on('error', () => {}).on('exit', () => {
    if (idle === worker) idle = null;
  });
  return worker;
}
