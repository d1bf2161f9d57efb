import fs from 'node:fs';
import path from 'node:path';
import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import { BACKUP_REASON_LABEL } from '../../contract/backup.ts';
import { createBackup, exportBackup } from '../../core/backup/service.ts';
import { writeFileDurable } from '../../core/backup/files.ts';

/** A fresh backup in the data folder, and one archive of it at --out (a USB stick, another PC). */
function archiveCommand(summary: string, name: string): CliCommand {
  return {
    summary,
    usage: `${name} --out 文件.zip [--data-dir D]`,
    async run(argv) {
      const { values } = parseCommandArgs(argv, { out: { type: 'string' } });
      if (!values.out) {
        console.error(`请用 --out 指定备份文件保存到哪里。用法：${this.usage}`);
        return 2;
      }
      const out = path.resolve(values.out.endsWith('.zip') ? values.out : `${values.out}.zip`);
      await withCore(values['data-dir'], async (core) => {
        const entry = await createBackup(core, 'manual');
        const { bytes } = await exportBackup(core, entry.id);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        await writeFileDurable(out, bytes);
        console.log(`已备份（${BACKUP_REASON_LABEL[entry.reason]}）：反馈问题 ${entry.counts.findings} 个，整改措施 ${entry.counts.measures} 项，佐证材料 ${entry.counts.evidence} 份`);
        console.log(`备份文件：${out}（${(bytes.length / 1024 / 1024).toFixed(1)} MB）`);
        console.log(`数据文件夹中也保留了一份：backups/${entry.id}`);
      });
      return 0;
    },
  };
}

export const backupCommand = archiveCommand('备份台账（含佐证材料）到一个 .zip 文件，如 U 盘', 'backup');
export const exportAllCommand = archiveCommand('导出整本台账（含佐证材料），用于搬到另一台电脑', 'export-all');
