import type { JobRequest } from '../../../contract/jobs.ts';
import type { LedgerFilter } from '../../../contract/ledger.ts';
import type { SignalThresholds } from '../../../domain/signal.ts';
import type { Core } from '../../context.ts';
import { getSettings, thresholdsOf } from '../../ledger/settings.ts';
import { buildBinder, zipBinder } from '../binder/build.ts';
import type { ReportReader } from '../reader.ts';
import { writeTemplateReport } from './fill.ts';
import { readSavedTemplate } from './store.ts';

/**
 * The two files of issue 9 that run as jobs (file-builds.ts hands them here): the report in the
 * office's template, and the evidence binder. Planned on the core (the saved template is read and
 * its hash checked there), built on any reader — the worker thread's read-only connection included.
 */
export type OfficeFilePlan =
  | { kind: 'report:template'; filter: LedgerFilter; title: string | null; officeName: string; thresholds: SignalThresholds; template: { fileName: string; bytes: Uint8Array } }
  | { kind: 'binder'; filter: LedgerFilter; thresholds: SignalThresholds; dataDir: string };

type OfficeRequest = Extract<JobRequest, { kind: OfficeFilePlan['kind'] }>;

export function isOfficeRequest(request: JobRequest): request is OfficeRequest {
  return request.kind === 'report:template' || request.kind === 'binder';
}

export function isOfficePlan(plan: { kind: string }): plan is OfficeFilePlan {
  return plan.kind === 'report:template' || plan.kind === 'binder';
}

export async function planOfficeFile(core: Core, request: OfficeRequest): Promise<OfficeFilePlan> {
  const settings = await getSettings(core.db);
  const thresholds = thresholdsOf(settings);
  if (request.kind === 'binder') return { kind: 'binder', filter: request.input.filter, thresholds, dataDir: core.dataDir };
  const template = await readSavedTemplate(core.db, core.dataDir);
  return { kind: 'report:template', filter: request.input.filter, title: request.input.title, officeName: settings.officeName, thresholds, template };
}

export async function buildOfficeFile(
  reader: ReportReader,
  plan: OfficeFilePlan,
  progress: (stage: string, done: number, total: number) => void = () => {},
): Promise<{ fileName: string; bytes: Buffer }> {
  if (plan.kind === 'binder') {
    // The caller's last step is writing the file: the binder's steps end one before it.
    const binder = await buildBinder(reader, { filter: plan.filter, dataDir: plan.dataDir, thresholds: plan.thresholds }, (stage, done, total) => progress(stage, done, total + 1));
    return zipBinder(binder, (stage, done, total) => progress(stage, done, total + 1));
  }
  const stages = ['读取台账数据', '填写模板'];
  return writeTemplateReport(reader, plan, (stage) => progress(stage, Math.max(0, stages.indexOf(stage)), stages.length + 1));
}
