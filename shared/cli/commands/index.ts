import type { CliCommand } from '../args.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { noticeCommand } from './notice.ts';
import { reportCommand } from './report.ts';
import { seedCommand } from './seed.ts';
import { statsCommand } from './stats.ts';
import { unitSheetsCommand } from './unit-sheets.ts';
import { backupCommand, exportAllCommand } from './backup.ts';
import { importAllCommand, restoreCliCommand } from './restore.ts';
import { verifyCommand } from './verify.ts';

/** Every CLI command, by name. Each lives in its own file beside this one. */
export const commands: Record<string, CliCommand> = {
  seed: seedCommand,
  stats: statsCommand,
  export: exportCommand,
  report: reportCommand,
  notice: noticeCommand,
  import: importCommand,
  'unit-sheets': unitSheetsCommand,
  backup: backupCommand, restore: restoreCliCommand, verify: verifyCommand, 'export-all': exportAllCommand, 'import-all': importAllCommand,
};
