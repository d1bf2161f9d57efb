import { AsyncLocalStorage } from 'node:async_hooks';
import type { ImportProgress } from '../../contract/import.ts';
import { AppError, type ErrorCode } from '../../errors.ts';

/**
 * The imports now running, by the name the window gave them (`jobId`): how far each has come, and
 * a way to stop it. A job lives exactly as long as its preview or commit call.
 */

export type ImportStage = '读取文件' | '识别表格' | '比对台账' | '写入台账';

export interface ImportJob {
  readonly id: string;
  progress: ImportProgress;
  cancelled: boolean;
  /** Stops the work now running (the parse worker); set and cleared by that work. */
  stop: (() => void) | null;
}

const running = new Map<string, ImportJob>();
/** The job of the call in progress, so the reader finds it without every signature carrying it. */
const current = new AsyncLocalStorage<ImportJob>();

const CANCELLED: ErrorCode = 'cancelled';

export function cancelledError(): AppError {
  return new AppError(CANCELLED, '已取消导入，未写入任何数据');
}

/** Run a preview or commit as job `jobId` (no id: just run it, nobody can ask or cancel). */
export async function runImportJob<T>(jobId: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!jobId) return work();
  if (running.has(jobId)) throw new AppError('conflict', '同一个导入任务已在进行，请等它完成或取消后再试');
  const job: ImportJob = { id: jobId, progress: { stage: '读取文件', done: 0, total: 1 }, cancelled: false, stop: null };
  running.set(jobId, job);
  try {
    const result = await current.run(job, work);
    if (job.cancelled) throw cancelledError();
    return result;
  } catch (err) {
    // Whatever the cancelled work failed with on its way out, the clerk asked for it to stop.
    throw job.cancelled ? cancelledError() : err;
  } finally {
    running.delete(jobId);
  }
}

export function currentImportJob(): ImportJob | null {
  return current.getStore() ?? null;
}

/**
 * The current job moves to `stage`. Each stage boundary is also where a cancelled job stops: work
 * on the main thread (comparing, writing) cannot be interrupted half-way, only between stages.
 */
export function enterStage(stage: ImportStage, done = 0, total = 1, job = currentImportJob()): void {
  if (!job) return;
  if (job.cancelled) throw cancelledError();
  job.progress = { stage, done, total };
}

export function importProgress(jobId: string): ImportProgress | null {
  const job = running.get(jobId);
  return job ? { ...job.progress } : null;
}

/** Stop a job. Once it writes (one transaction, seconds at most) it is left to finish. */
export function cancelImport(jobId: string): { cancelled: boolean } {
  const job = running.get(jobId);
  if (!job || job.progress.stage === '写入台账') return { cancelled: false };
  job.cancelled = true;
  job.stop?.();
  return { cancelled: true };
}
