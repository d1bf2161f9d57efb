import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import type { FileOut } from '../../contract/common.ts';
import { FILTER_FLAGS, callChannel, filterFromFlags, writeOut } from './report-io.ts';

export const reportCommand: CliCommand = {
  summary: '生成 Word 整改情况报告，或给党派的办理情况反馈函',
  usage: 'report word --out 文件.docx [--section category|party] [--title 标题] [筛选同 export]  |  report letter --batch ID --out 文件.docx  [--data-dir D]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { out: { type: 'string' }, section: { type: 'string' }, title: { type: 'string' }, ...FILTER_FLAGS });
    const kind = positionals[0];
    if (kind !== 'word' && kind !== 'letter') {
      console.error(`用法：${this.usage}`);
      return 2;
    }
    if (kind === 'letter' && !values.batch) {
      console.error('请用 --batch 指定反馈批次编号');
      return 2;
    }
    const target = await withCore(values['data-dir'], async (core) => {
      const file = (kind === 'word'
        ? await callChannel(core, 'report:word', { filter: filterFromFlags(values) as never, sectionBy: values.section as never, title: values.title })
        : await callChannel(core, 'report:reply-letter', { batchId: Number(values.batch) })) as FileOut;
      return writeOut(file, values.out);
    });
    console.log(`已生成：${target}`);
    return 0;
  },
};
