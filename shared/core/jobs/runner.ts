import fs from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { JobKind, JobRequest, JobStatusDto } from '../../contract/jobs.ts';
import type { IsoDate } from '../../domain/dates.ts';
import { AppError, type AppErrorValue } from '../../errors.ts';
import type { Core } from '../context.ts';
import { BUILD_STAGES, buildFile, planFile, type FilePlan } from '../reports/file-builds.ts';
import { exportFolder, newExportId, PARTIAL_SUFFIX, removeExport, sweepExports } from './exports.ts';
import { startWorkerThread } from './worker-entry.ts';

/**
 * Long reports and exports off the request path (issue 8). `startJob` does on the core's
 * connection only what must be written or decided there (planFile: the remembered options),
 * then a worker thread builds the file from its own read-only connection and writes it under
 * exports/<id>/. The core's thread stays free: other calls keep answering while a job runs.
 * Jobs are kept (for their status and file) an hour after they end; their files a day.
 */

/** What the worker is sent, once. */
export interface JobWork {
  plan: FilePlan;
  dataDir: string;
  /** The shared PostgreSQL ledger, when the core is on one; else the data folder's file. */
  databaseUrl: string | null;
  asOf: IsoDate;
  folder: string;
}
export type JobReply =
  | { kind: 'progress'; stage: string; done: number; total: number }
  | { kind: 'done'; fileName: string; size: number; peakHeapMb: number }
  | { kind: 'refused'; error: AppErrorValue }
  | { kind: 'failed'; detail: string };

/** A 100,000-finding Word report needs about 2 GB while it is put together. */
export const JOB_MEMORY_MB = 4096;
export const MAX_RUNNING_JOBS = 2;
const KEEP_FINISHED_MS = 60 * 60 * 1000;

interface Job {
  status: JobStatusDto;
  dataDir: string;
  worker: Worker | null;
  finishedAt: number | null;
  /** The worker's own peak heap, for the bench. */
  peakHeapMb: number | null;
  settled: Promise<JobStatusDto>;
  settle(status: JobStatusDto): void;
}

const jobs = new Map<string, Job>();

export async function startJob(core: Core, request: JobRequest): Promise<{ jobId: string; kind: JobKind }> {
  forgetOldJobs();
  const running = [...jobs.values()].filter((j) => j.status.state === 'running');
  if (running.length >= MAX_RUNNING_JOBS) {
    throw new AppError('busy', `已有 ${running.length} 个报表或导出任务在进行，请等其中一个完成或取消后再试`);
  }
  sweepExports(core.dataDir, new Set(running.map((j) => j.status.jobId)));
  const plan = await planFile(core, request);
  const jobId = newExportId();
  const folder = exportFolder(core.dataDir, jobId);
  fs.mkdirSync(folder, { recursive: true });

  let settle!: (status: JobStatusDto) => void;
  const settled = new Promise<JobStatusDto>((resolve) => (settle = resolve));
  const job: Job = {
    status: { jobId, kind: request.kind, state: 'running', stage: '准备中', done: 0, total: 1 },
    dataDir: core.dataDir,
    worker: null,
    finishedAt: null,
    peakHeapMb: null,
    settled,
    settle,
  };
  jobs.set(jobId, job);
  run(job, { plan, dataDir: core.dataDir, databaseUrl: core.databaseUrl, asOf: core.today(), folder }, core);
  return { jobId, kind: request.kind };
}

export function jobStatus(jobId: string): JobStatusDto {
  const job = jobs.get(jobId);
  if (!job) throw new AppError('not_found', '找不到这个任务：它可能已结束超过一小时，或程序已重新启动。请重新生成');
  return structuredClone(job.status);
}

/**
 * Stop a running job: its worker is ended and whatever it had written removed. A job that
 * finished a moment before 取消 was pressed (its file not yet fetched) is discarded the same way:
 * the clerk asked for no file, and is told so.
 */
export async function cancelJob(jobId: string): Promise<{ cancelled: boolean }> {
  const job = jobs.get(jobId);
  if (job?.status.state === 'done') {
    job.status = { ...job.status, state: 'cancelled', stage: '已取消', file: undefined };
    removeExport(job.dataDir, jobId);
    return { cancelled: true };
  }
  if (!job || job.status.state !== 'running') return { cancelled: false };
  const worker = job.worker;
  finish(job, { state: 'cancelled', stage: '已取消' });
  if (worker) await worker.terminate();
  removeExport(job.dataDir, jobId);
  return { cancelled: true };
}

/** The final status of a job, once it has ended (tests, the bench and the CLI wait on this). */
export function whenJobEnds(jobId: string): Promise<JobStatusDto> {
  const job = jobs.get(jobId);
  if (!job) return Promise.reject(new AppError('not_found', '找不到这个任务'));
  return job.settled;
}

/** The worker's own peak V8 heap (MB) during a finished job, or null. */
export function jobWorkerPeakHeapMb(jobId: string): number | null {
  return jobs.get(jobId)?.peakHeapMb ?? null;
}

/** End every running job of a data folder (the core is closing). */
export async function stopJobs(dataDir: string): Promise<void> {
  await Promise.all([...jobs.values()].filter((j) => j.dataDir === dataDir && j.status.state === 'running').map((j) => cancelJob(j.status.jobId)));
}

function run(job: Job, work: JobWork, core: Core): void {
  let worker: Worker;
  try {
    worker = startWorkerThread(new URL('./job-worker.ts', import.meta.url), 'report-worker.cjs', { maxOldGenerationSizeMb: JOB_MEMORY_MB });
  } catch (err) {
    // A host that cannot start threads at all: build on this thread, as the request would have.
    if ((err as { code?: string }).code === 'ERR_MISSING_PLATFORM_FOR_WORKER') return void runHere(job, work, core);
    return fail(job, err);
  }
  job.worker = worker;
  worker.on('message', (reply: JobReply) => {
    if (job.status.state !== 'running') return;
    if (reply.kind === 'progress') {
      Object.assign(job.status, { stage: reply.stage, done: reply.done, total: reply.total });
    } else if (reply.kind === 'done') {
      job.peakHeapMb = reply.peakHeapMb;
      finish(job, { state: 'done', stage: '完成', done: job.status.total, file: { id: job.status.jobId, fileName: reply.fileName, size: reply.size } });
      void worker.terminate();
    } else {
      if (reply.kind === 'failed') console.error(`[jobs] ${job.status.kind} 任务出错：`, reply.detail);
      const error = reply.kind === 'refused' ? reply.error : internalError();
      finishFailed(job, error);
      void worker.terminate();
    }
  });
  worker.on('error', (err: Error & { code?: string }) => {
    if (job.status.state !== 'running') return;
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      finishFailed(job, { code: 'internal', message: `生成文件时占用内存超过 ${JOB_MEMORY_MB} MB，已停止。请在台账页筛选出较少的措施后再导出。` });
    } else {
      fail(job, err);
    }
  });
  worker.on('exit', (code) => {
    if (job.status.state !== 'running') return;
    console.error(`[jobs] ${job.status.kind} 任务的工作线程退出（代码 ${code}），没有给出结果`);
    finishFailed(job, internalError());
  });
  worker.postMessage(work);
}

async function runHere(job: Job, work: JobWork, core: Core): Promise<void> {
  try {
    const built = await buildFile(core, work.plan, (stage, done, total) => Object.assign(job.status, { stage, done, total }));
    if (job.status.state !== 'running') return;
    Object.assign(job.status, { stage: BUILD_STAGES.save, done: job.status.total - 1 });
    const target = path.join(work.folder, built.fileName);
    fs.writeFileSync(target + PARTIAL_SUFFIX, built.bytes);
    fs.renameSync(target + PARTIAL_SUFFIX, target);
    finish(job, { state: 'done', stage: '完成', done: job.status.total, file: { id: job.status.jobId, fileName: built.fileName, size: built.bytes.length } });
  } catch (err) {
    if (err instanceof AppError) finishFailed(job, err.toValue());
    else fail(job, err);
  }
}

function internalError(): AppErrorValue {
  return { code: 'internal', message: '生成文件时程序出错，没有生成文件。请重试；仍不行请把数据文件夹交给技术人员。' };
}

function fail(job: Job, err: unknown): void {
  console.error(`[jobs] ${job.status.kind} 任务出错：`, err);
  finishFailed(job, internalError());
}

function finishFailed(job: Job, error: AppErrorValue): void {
  finish(job, { state: 'failed', stage: '失败', error: { code: error.code, message: error.message } });
  removeExport(job.dataDir, job.status.jobId);
}

function finish(job: Job, change: Partial<JobStatusDto>): void {
  Object.assign(job.status, change);
  job.worker = null;
  job.finishedAt = Date.now();
  job.settle(structuredClone(job.status));
}

function forgetOldJobs(now = Date.now()): void {
  for (const [id, job] of jobs) if (job.finishedAt !== null && now - job.finishedAt > KEEP_FINISHED_MS) jobs.delete(id);
}
