import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import type { FileOut } from '../../contract/common.ts';
import { FILTER_FLAGS, callChannel, filterFromFlags, writeOut } from './report-io.ts';

export const exportCommand: CliCommand = {
  summary: '导出可打印的 Excel 整改台账（可按台账筛选条件）',
  usage:
    'export ledger --out 文件.xlsx [--filter JSON] [--batch ID] [--org ID] [--unit ID] [--status in_progress,…] [--signal red,…] ' +
    '[--category 类别] [--from 日期] [--to 日期] [--q 关键词] [--columns seq,finding,…] [--group none|category|unit|party] [--title 标题] [--data-dir D]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      out: { type: 'string' },
      columns: { type: 'string' },
      group: { type: 'string' },
      title: { type: 'string' },
      ...FILTER_FLAGS,
    });
    if (positionals[0] !== 'ledger') {
      console.error(`用法：${this.usage}`);
      return 2;
    }
    const target = await withCore(values['data-dir'], async (core) => {
      const file = (await callChannel(core, 'report:ledger-xlsx', {
        filter: filterFromFlags(values) as never,
        columns: values.columns ? (values.columns.split(',') as never) : undefined,
        groupBy: values.group as never,
        title: values.title,
      })) as FileOut;
      return writeOut(file, values.out);
    });
    console.log(`已导出：${target}`);
    return 0;
  },
};
