import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import { verifyLedger } from '../../core/backup/verify.ts';

/** 检查台账: exits 1 when anything is wrong, listing each problem in Chinese. */
export const verifyCommand: CliCommand = {
  summary: '检查台账：数据库完整性、数据关联、每份佐证材料是否齐全无改动、无主文件',
  usage: 'verify [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, {});
    const report = await withCore(values['data-dir'], (core) => verifyLedger(core));
    console.log(`已检查：数据库、${report.checked.evidenceFiles} 份佐证材料、备份中的 ${report.checked.backupBlobs} 个文件`);
    for (const p of report.problems) console.log(`问题：${p}`);
    if (report.orphans.length) {
      console.log(`evidence 文件夹中有 ${report.orphans.length} 个文件没有任何记录使用：`);
      for (const o of report.orphans) console.log(`  ${o}`);
    }
    const bad = report.problems.length + report.orphans.length;
    console.log(bad ? `检查未通过：共 ${bad} 处需要处理。` : '检查通过：没有发现问题。');
    return bad ? 1 : 0;
  },
};
