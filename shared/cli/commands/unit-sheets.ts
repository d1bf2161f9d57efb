import fs from 'node:fs';
import path from 'node:path';
import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import { exportUnitSheets } from '../../core/import/unit-sheets/export.ts';
import { isIsoDate } from '../../domain/dates.ts';

/** `unit-sheets --out <dir>`: the fill-in workbooks for responsible units. */
export const unitSheetsCommand: CliCommand = {
  summary: '生成各责任单位的整改进展填报表（每单位一个文件，或 --single-file 一个文件多工作表）',
  usage: 'unit-sheets --out <文件夹> [--single-file] [--due YYYY-MM-DD（报送时限，默认按设置的反馈期限）] [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { out: { type: 'string' }, 'single-file': { type: 'boolean' }, due: { type: 'string' } });
    if (values.due !== undefined && !isIsoDate(values.due)) {
      console.error(`报送时限“${values.due}”不是有效日期，请写成 2026-12-10 这样的格式\n用法：${this.usage}`);
      return 2;
    }
    if (!values.out) {
      console.error(`请用 --out 指定输出文件夹\n用法：${this.usage}`);
      return 2;
    }
    const out = values.out;
    const result = await withCore(values['data-dir'], (core) => exportUnitSheets(core, { singleFile: !!values['single-file'], dueDate: values.due }));
    fs.mkdirSync(out, { recursive: true });
    for (const f of result.files) fs.writeFileSync(path.join(out, f.fileName), Buffer.from(f.base64, 'base64'));
    console.log(`已写入 ${result.files.length} 个文件（${result.units} 个单位，${result.measures} 项措施）到 ${path.resolve(out)}`);
    return 0;
  },
};
