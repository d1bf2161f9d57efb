import type { CliCommand } from '../args.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { noticeCommand } from './notice.ts';
import { reportCommand } from './report.ts';
import { binderCommand, withTemplateReport } from './office-template.ts';
import { seedCommand } from './seed.ts';
import { statsCommand } from './stats.ts';
import { snapshotCommand } from './snapshot.ts';
import { assessmentCommand } from './assessment.ts';
import { unitSheetsCommand } from './unit-sheets.ts';
import { backupCommand, exportAllCommand } from './backup.ts';
import { importAllCommand, restoreCliCommand } from './restore.ts';
import { verifyCommand } from './verify.ts';
import { supervisionStatsCommand } from './supervision-stats.ts';
import { supervisionListCommand } from './supervision-list.ts';

/** Every CLI command, by name. Each lives in its own file beside this one. */
export const commands: Record<string, CliCommand> = {
  seed: seedCommand,
  stats: statsCommand,
  snapshot: snapshotCommand,
  assessment: assessmentCommand,
  export: exportCommand,
  report: withTemplateReport(reportCommand),
  binder: binderCommand,
  notice: noticeCommand,
  import: importCommand,
  'unit-sheets': unitSheetsCommand,
  'supervision-stats': supervisionStatsCommand,
  'supervision-list': supervisionListCommand,
  backup: backupCommand, restore: restoreCliCommand, verify: verifyCommand, 'export-all': exportAllCommand, 'import-all': importAllCommand,
};
