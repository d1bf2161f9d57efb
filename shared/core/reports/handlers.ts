import type { reportChannels } from '../../contract/reports.ts';
import type { FileOut } from '../../contract/common.ts';
import type { GroupHandlers } from '../group.ts';
import { getSettings, thresholdsOf } from '../ledger/settings.ts';
import { buildFile, mimeOf, planFile, type BuiltFile } from './file-builds.ts';
import { noticeHandlers } from '../chasing/notice-handlers.ts';
import { getReportOptions, saveReportOptions } from './options.ts';
import { reportSummary } from './summary.ts';

export const reportHandlers: GroupHandlers<typeof reportChannels> = {
  'report:options': async (core) => getReportOptions(core.db),

  'report:save-options': async (core, input) => saveReportOptions(core.db, input),

  // Counted by the database: the page shows these before anything is exported (summary.ts).
  'report:summary': async (core, { filter }) => reportSummary(core.db, filter, thresholdsOf(await getSettings(core.db)), core.today()),

  // The files a request waits for (small ledgers, the CLI); the 报表 page runs them as jobs (jobs:start).
  'report:ledger-xlsx': async (core, input) => fileOut(await buildFile(core, await planFile(core, { kind: 'report:ledger-xlsx', input }))),

  'report:word': async (core, input) => fileOut(await buildFile(core, await planFile(core, { kind: 'report:word', input }))),

  'report:reply-letter': async (core, input) => fileOut(await buildFile(core, await planFile(core, { kind: 'report:reply-letter', input }))),

  ...noticeHandlers,
};

function fileOut(file: BuiltFile): FileOut {
  return { fileName: file.fileName, base64: file.bytes.toString('base64'), mime: mimeOf(file.fileName) };
}
