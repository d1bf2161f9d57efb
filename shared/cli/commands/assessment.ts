import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import { callChannel, writeOut } from './report-io.ts';
import type { AssessmentTable } from '../../contract/assessment.ts';
import type { FileOut } from '../../contract/common.ts';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);

/** `assessment --out 单位考核表.xlsx [--from --to]`: the 单位考核 table, as the page exports it. */
export const assessmentCommand: CliCommand = {
  summary: '单位考核表（纳入绩效考核）：按牵头单位统计按期、逾期、通知单和得分',
  usage: 'assessment [--out 文件.xlsx] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } });
    const period = { ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}) };
    return withCore(values['data-dir'], async (core) => {
      const table = (await callChannel(core, 'assessment:table', period)) as AssessmentTable;
      if (values.out) {
        const target = writeOut((await callChannel(core, 'assessment:export', period)) as FileOut, values.out);
        if (!values.json) console.log(`已导出单位考核表：${target}`);
      }
      if (values.json) {
        console.log(JSON.stringify(table));
        return 0;
      }
      console.log(`考核期间 ${table.from} 至 ${table.to}（统计截至 ${table.asOf}）`);
      for (const r of table.rows)
        console.log(
          `  ${r.rank ? `第${r.rank}名 ` : ''}${r.unitName}：措施 ${r.measures}，按期销号 ${r.closedOnTime}，逾期销号 ${r.closedLate}，逾期未完成 ${r.openLate}，完成率 ${pct(r.completionRate)}，按期完成率 ${pct(r.onTimeRate)}，得分 ${r.score}`,
        );
      for (const line of table.formulas) console.log(`注：${line}`);
      return 0;
    });
  },
};
