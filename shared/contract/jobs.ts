import { z } from 'zod';
import { channel } from './define.ts';
import { optionalText } from './common.ts';
import { importChannels } from './import.ts';
import { ledgerFilter } from './ledger.ts';
import { reportChannels } from './reports.ts';
import { binderInput, templateReportInput } from './report-template.ts';

/**
 * Long reports and exports as jobs (issue 8): started here, run in a worker thread of the core
 * that reads the database on its own connection, written to a file the core names under
 * `<数据文件夹>/exports/`. The window asks how far it has come, may cancel it, and then has the
 * shell (save dialog) or the browser (a download) fetch the file — no bytes through the bridge.
 */

/** What a job can produce: the report and export channels whose files grow with the ledger. */
export const JOB_KINDS = ['report:word', 'report:ledger-xlsx', 'report:statistics-xlsx', 'report:reply-letter', 'unitSheets:export', 'report:template', 'binder'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_KIND_LABEL: Record<JobKind, string> = {
  'report:word': '整改情况报告',
  'report:ledger-xlsx': 'Excel 整改台账',
  'report:statistics-xlsx': '整改情况统计表',
  'report:reply-letter': '办理情况反馈函',
  'unitSheets:export': '各单位填报表',
  'report:template': '整改情况报告（本单位模板）',
  binder: '佐证材料汇编',
};

/** The statistics sheet alone (by unit, party and batch), for the same filter as the ledger. */
export const statisticsInput = z.object({ filter: ledgerFilter.default({}), title: optionalText('标题', 100) });

export const jobRequest = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('report:word'), input: reportChannels['report:word'].input }),
    z.object({ kind: z.literal('report:ledger-xlsx'), input: reportChannels['report:ledger-xlsx'].input }),
    z.object({ kind: z.literal('report:statistics-xlsx'), input: statisticsInput }),
    z.object({ kind: z.literal('report:reply-letter'), input: reportChannels['report:reply-letter'].input }),
    z.object({ kind: z.literal('unitSheets:export'), input: importChannels['unitSheets:export'].input }),
    z.object({ kind: z.literal('report:template'), input: templateReportInput }),
    z.object({ kind: z.literal('binder'), input: binderInput }),
  ],
  { error: `未知的任务类型，可选：${JOB_KINDS.join(', ')}` },
);
export type JobRequest = z.output<typeof jobRequest>;

export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** A file a job wrote: `id` names it to the shell's save call and the browser's /files/<id>. */
export interface JobFileDto {
  id: string;
  fileName: string;
  size: number;
}

export interface JobStatusDto {
  jobId: string;
  kind: JobKind;
  state: JobState;
  /** 读取台账数据 / 生成文档 / 写入文件 / 完成 … */
  stage: string;
  done: number;
  total: number;
  file?: JobFileDto;
  error?: { code: string; message: string };
}

/** Job ids (and file ids) are the core's own random names: letters, digits, - and _. */
export const JOB_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const jobId = z.string().regex(JOB_ID_PATTERN, { message: '任务编号无效' });

export const jobChannels = {
  /** Start a long report or export; answers at once with the job's id. */
  'jobs:start': channel<{ jobId: string; kind: JobKind }>()(jobRequest),
  /** How far a job has come; its file once done. */
  'jobs:status': channel<JobStatusDto>()(z.object({ jobId })),
  /** Stop a running job: its worker is ended and its partial file removed. */
  'jobs:cancel': channel<{ cancelled: boolean }>()(z.object({ jobId })),
};
