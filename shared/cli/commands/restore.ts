import fs from 'node:fs';
import path from 'node:path';
import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import { restoreFromArchive } from '../../core/backup/service.ts';

/** Restore from a .zip made by backup / export-all; the current data is backed up first (恢复前). */
function restoreCommand(summary: string, name: string): CliCommand {
  return {
    summary,
    usage: `${name} <备份文件.zip> [--data-dir D]`,
    async run(argv) {
      const { values, positionals } = parseCommandArgs(argv, {});
      const file = positionals[0];
      if (!file) {
        console.error(`请指定备份文件。用法：${this.usage}`);
        return 2;
      }
      if (!fs.existsSync(file)) {
        console.error(`找不到文件：${path.resolve(file)}`);
        return 1;
      }
      const bytes = fs.readFileSync(file);
      await withCore(values['data-dir'], async (core) => {
        const result = await restoreFromArchive(core, bytes, path.basename(file));
        console.log(`已恢复：反馈问题 ${result.counts.findings} 个，整改措施 ${result.counts.measures} 项，佐证材料 ${result.counts.evidence} 份`);
        console.log(`恢复前的数据已备份为：backups/${result.safetyBackup.id}（在“备份与恢复”页可撤销这次恢复）`);
      });
      return 0;
    },
  };
}

export const restoreCliCommand = restoreCommand('从备份文件（.zip）恢复台账，恢复前先自动备份当前数据', 'restore');
export const importAllCommand = restoreCommand('在本机导入整本台账（.zip），已有数据先自动备份', 'import-all');
