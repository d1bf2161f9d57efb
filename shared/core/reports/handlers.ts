import type { reportChannels } from '../../contract/reports.ts';
import { AppError } from '../../errors.ts';
import type { GroupHandlers } from '../group.ts';
import { getSettings, thresholdsOf } from '../ledger/settings.ts';
import { writeRectificationReport } from './docx/report.ts';
import { writeReplyLetter } from './docx/reply-letter.ts';
import { describeFilter, docxFile, ledgerTitle, reportTitle, xlsxFile } from './files.ts';
import { createNotice, listNotices, renderNotice } from './notices.ts';
import { getReportOptions, saveReportOptions } from './options.ts';
import { loadReportRows } from './rows.ts';
import { byUnit, findingStatusesOf, summarizeFindings, summarySentence } from './stats.ts';
import { writeLedgerWorkbook } from './xlsx/ledger-workbook.ts';

export const reportHandlers: GroupHandlers<typeof reportChannels> = {
  'report:options': async (core) => getReportOptions(core.db),

  'report:save-options': async (core, input) => saveReportOptions(core.db, input),

  'report:summary': async (core, { filter }) => {
    const settings = await getSettings(core.db);
    const rows = await loadReportRows(core, filter, thresholdsOf(settings), { details: false });
    const findings = summarizeFindings(findingStatusesOf(rows));
    const units = byUnit(rows);
    return { asOf: core.today(), findings, sentence: summarySentence(findings), units: units.groups, total: units.total };
  },

  'report:ledger-xlsx': async (core, input) => {
    const settings = await getSettings(core.db);
    // The clerk's choice of columns and grouping is remembered for next time.
    const options = await saveReportOptions(core.db, { columns: input.columns, groupBy: input.groupBy });
    const rows = await loadReportRows(core, input.filter, thresholdsOf(settings));
    const title = input.title ?? ledgerTitle(rows);
    const bytes = await writeLedgerWorkbook({
      title,
      officeName: settings.officeName,
      asOf: core.today(),
      rows,
      columns: options.columns,
      groupBy: options.groupBy,
      filterNote: await describeFilter(core, input.filter),
    });
    return xlsxFile(`整改台账_${core.today()}.xlsx`, bytes);
  },

  'report:word': async (core, input) => {
    const settings = await getSettings(core.db);
    const options = await saveReportOptions(core.db, { sectionBy: input.sectionBy });
    const rows = await loadReportRows(core, input.filter, thresholdsOf(settings));
    if (rows.length === 0) throw new AppError('invalid_input', '没有符合条件的整改措施，无法生成报告。请调整筛选条件');
    const title = input.title ?? reportTitle(rows);
    const bytes = await writeRectificationReport({ title, officeName: settings.officeName, asOf: core.today(), rows, sectionBy: options.sectionBy });
    return docxFile(`整改情况报告_${core.today()}.docx`, bytes);
  },

  'report:reply-letter': async (core, { batchId }) => {
    const settings = await getSettings(core.db);
    const rows = await loadReportRows(core, { batchId }, thresholdsOf(settings));
    if (rows.length === 0) throw new AppError('not_found', '这个批次还没有整改措施，无法生成反馈函');
    const bytes = await writeReplyLetter({ officeName: settings.officeName, asOf: core.today(), rows });
    return docxFile(`办理情况反馈函_${rows[0].organizationName}_${core.today()}.docx`, bytes);
  },

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
