import fs from 'node:fs';
import path from 'node:path';
import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import { ledgerFilter } from '../../contract/ledger.ts';
import { AppError } from '../../errors.ts';
import { getSettings, thresholdsOf } from '../../core/ledger/settings.ts';
import { buildBinder, writeBinderFolder, zipBinder } from '../../core/reports/binder/build.ts';
import { checkTemplate } from '../../core/reports/template/check.ts';
import { writeTemplateReport } from '../../core/reports/template/fill.ts';
import { FILTER_FLAGS, filterFromFlags } from './report-io.ts';

/**
 * `report --template 模板.docx --out 报告.docx [筛选]`: the report in an office's own template (the
 * other `report` forms go to the command it wraps), and `binder --batch ID --out 文件夹|文件.zip`.
 */

function parseFilter(values: Record<string, string | boolean | undefined>) {
  const parsed = ledgerFilter.safeParse(filterFromFlags(values));
  if (!parsed.success) throw new AppError('invalid_input', `筛选条件有误：${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

async function templateReport(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { template: { type: 'string' }, out: { type: 'string' }, title: { type: 'string' }, ...FILTER_FLAGS });
  const file = values.template!;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    console.error(`找不到模板文件：${file}`);
    return 2;
  }
  const fileName = path.basename(file);
  const check = checkTemplate(bytes, fileName);
  if (!check.ok) {
    console.error(`模板“${fileName}”有问题，没有生成报告：`);
    for (const p of check.problems) console.error(`  ${p.where}：${p.message}`);
    for (const t of check.unknown) console.error(`  ${t.where}：不认识的标签 {${t.name}}${t.nearest ? `，是否应为 {${t.nearest}}？` : ''}`);
    return 1;
  }
  const filter = parseFilter(values);
  const built = await withCore(values['data-dir'], async (core) => {
    const settings = await getSettings(core.db);
    return writeTemplateReport(core, { template: { fileName, bytes }, filter, title: values.title ?? null, officeName: settings.officeName, thresholds: thresholdsOf(settings) });
  });
  const target = path.resolve(values.out ?? built.fileName);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, built.bytes);
  console.log(`已生成：${target}（模板 ${fileName}，${check.tags.length} 个标签）`);
  return 0;
}

/** The `report` command, taking `--template` too. */
export function withTemplateReport(report: CliCommand): CliCommand {
  return {
    summary: `${report.summary}；或用本单位的 Word 模板生成报告`,
    usage: `${report.usage}  |  report --template 模板.docx --out 报告.docx [--title 标题] [筛选同 export]`,
    run: (argv) => (argv.some((a) => a === '--template' || a.startsWith('--template=')) ? templateReport(argv) : report.run(argv)),
  };
}

export const binderCommand: CliCommand = {
  summary: '佐证材料汇编：按批次或筛选，把全部佐证材料按“问题序号-措施序号-文件序号-题名”命名，附材料清单（.xlsx 和 .docx）',
  usage: 'binder --batch ID --out <文件夹>|<文件.zip> [筛选同 export] [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { out: { type: 'string' }, ...FILTER_FLAGS });
    if (!values.out) {
      console.error(`请用 --out 指定输出文件夹或 .zip 文件\n用法：${this.usage}`);
      return 2;
    }
    const out = path.resolve(values.out);
    const filter = parseFilter(values);
    const binder = await withCore(values['data-dir'], async (core) =>
      buildBinder(core, { filter, dataDir: core.dataDir, thresholds: thresholdsOf(await getSettings(core.db)) }),
    );
    if (out.toLowerCase().endsWith('.zip')) {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, zipBinder(binder).bytes);
    } else {
      writeBinderFolder(binder, out);
    }
    console.log(`已汇编 ${binder.files} 份佐证材料和材料清单到 ${out}${binder.missing ? `；${binder.missing} 份原文件缺失或已损坏，已在材料清单备注中注明` : ''}`);
    return binder.missing ? 1 : 0;
  },
};
