import type { reportChannels } from '../../contract/reports.ts';
import type { FileOut } from '../../contract/common.ts';
import type { GroupHandlers } from '../group.ts';
import { getSettings, thresholdsOf } from '../ledger/settings.ts';
import { buildFile, mimeOf, planFile, type BuiltFile } from './file-builds.ts';
import { docxFile } from './files.ts';
import { createNotice, listNotices, renderNotice } from './notices.ts';
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

  'notice:create': async (core, input) => {
    const created = await createNotice(core, { measureId: input.measureId, level: input.level, replyBy: input.replyBy, note: input.note });
    const { bytes } = await renderNotice(core, created.id);
    const [dto] = (await listNotices(core, { measureId: created.measure_id, limit: 1000 })).filter((n) => n.id === created.id).map(noticeDto);
    return { notice: dto, file: docxFile(`督办通知单_${created.doc_number}.docx`, bytes) };
  },

  'notice:list': async (core, input) => (await listNotices(core, input)).map(noticeDto),

  'notice:reprint': async (core, { id }) => {
    const { notice, bytes } = await renderNotice(core, id);
    return docxFile(`督办通知单_${notice.doc_number}.docx`, bytes);
  },
};

function fileOut(file: BuiltFile): FileOut {
  return { fileName: file.fileName, base64: file.bytes.toString('base64'), mime: mimeOf(file.fileName) };
}

function noticeDto(n: Awaited<ReturnType<typeof listNotices>>[number]) {
  return {
    id: n.id,
    measureId: n.measure_id,
    findingId: n.finding_id,
    docNumber: n.doc_number,
    level: n.level,
    unitName: n.unit_name,
    measureText: n.measure_text,
    issuedDate: n.issued_date,
    replyBy: n.reply_by,
    reason: n.reason,
    operator: n.operator,
  };
}
