import type { assessmentChannels } from '../../contract/assessment.ts';
import type { GroupHandlers } from '../group.ts';
import { getSettings } from '../ledger/settings.ts';
import { xlsxFile } from '../reports/files.ts';
import { assessmentTable } from './table.ts';
import { assessmentWorkbook } from './workbook.ts';

export function assessmentFileName(from: string, to: string): string {
  return `单位考核表-${from.replaceAll('-', '')}-${to.replaceAll('-', '')}.xlsx`;
}

export const assessmentHandlers: GroupHandlers<typeof assessmentChannels> = {
  'assessment:table': (core, input) => assessmentTable(core.db, input, core.today()),
  'assessment:export': async (core, input) => {
    const table = await assessmentTable(core.db, input, core.today());
    const { officeName } = await getSettings(core.db);
    return xlsxFile(assessmentFileName(table.from, table.to), await assessmentWorkbook(table, officeName));
  },
};
