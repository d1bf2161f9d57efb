import fs from 'node:fs';
import path from 'node:path';
import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import { commitImport } from '../../core/import/commit.ts';
import { toCliJson } from '../../core/import/parse.ts';
import { prepareImport } from '../../core/import/preview.ts';
import { AppError } from '../../errors.ts';

/** `import <file>`: the same importer as the 导入 page. */
export const importCommand: CliCommand = {
  summary: '导入 Excel/CSV 整改台账或问题清单（先预览，确认后写入）',
  usage: 'import <文件> [--dry-run] [--json] [--batch 批次编号] [--accept-new-units] [--data-dir D]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      batch: { type: 'string' },
      'accept-new-units': { type: 'boolean' },
    });
    const file = positionals[0];
    if (!file) {
      console.error(`请指定要导入的文件\n用法：${this.usage}`);
      return 2;
    }
    if (!fs.existsSync(file)) {
      console.error(`找不到文件：${file}`);
      return 2;
    }
    const batchId = values.batch ? Number(values.batch) : undefined;
    if (!values['dry-run'] && !(Number.isInteger(batchId) && batchId! > 0)) {
      console.error('写入台账须用 --batch 指定反馈批次编号（或用 --dry-run 只预览）');
      return 2;
    }
    const name = path.basename(file);
    return withCore(values['data-dir'], async (core) => {
      let prepared;
      try {
        prepared = await prepareImport(core, name, fs.readFileSync(file), batchId, {});
      } catch (err) {
        if (values.json && err instanceof AppError) {
          const d = (err.details ?? {}) as { sheet?: string; row?: number; column?: string };
          console.log(JSON.stringify({
            file: name, sheets: [], findings: [],
            errors: [{ sheet: d.sheet ?? null, row: d.row ?? null, column: d.column ?? null, message: err.message }],
            counts: { findings: 0, measures: 0, refused: 0 },
          }));
          return 1;
        }
        throw err;
      }
      const { preview } = prepared;
      let committed = null;
      if (!values['dry-run']) {
        // A near-duplicate of a unit the ledger has (青山县卫生健康局 for 县卫生健康局) takes that unit, as the 导入 page proposes.
        const unknown = preview.units.filter((u) => !u.existing);
        const unitMap = Object.fromEntries(unknown.filter((u) => u.suggested).map((u) => [u.name, u.suggested!.id]));
        const newUnits = values['accept-new-units'] ? unknown.filter((u) => !u.suggested).map((u) => u.name) : [];
        committed = await commitImport(core, prepared, { batchId: batchId!, newUnits, unitMap, applyUpdates: true });
      }
      if (values.json) {
        console.log(JSON.stringify({ ...toCliJson(prepared.parsed), ...(committed ? { committed } : {}) }));
        return 0;
      }
      for (const s of preview.sheets) {
        console.log(`工作表“${s.name}”：表头第 ${s.headerRows[0]}–${s.headerRows[1]} 行；${Object.entries(s.mapping).map(([f, c]) => `${f}=${c}`).join(' ')}`);
      }
      const t = preview.totals;
      console.log(`反馈问题 ${t.findings} 个（新 ${t.newFindings}，有变化 ${t.changedFindings}，已存在 ${t.sameFindings}），整改措施 ${t.measures} 项`);
      console.log(`行：导入 ${t.rowsImported}，有提示 ${t.rowsWarning}，拒绝 ${t.rowsRefused}，跳过 ${t.rowsSkipped}；新单位 ${t.newUnits} 个`);
      for (const e of preview.errors) console.log(`  拒绝：${e.sheet ?? ''} 第 ${e.row ?? '-'} 行：${e.message}`);
      for (const w of preview.warnings) console.log(`  提示：${w.sheet ?? ''} 第 ${w.row ?? '-'} 行：${w.message}`);
      for (const u of preview.units.filter((x) => !x.existing && x.suggested)) console.log(`  对应已有单位：${u.name} → ${u.suggested!.name}（${u.suggested!.reason}）`);
      if (preview.units.some((u) => !u.existing && !u.suggested)) console.log(`  新单位：${preview.units.filter((u) => !u.existing && !u.suggested).map((u) => u.name).join('、')}`);
      if (committed) {
        console.log(`已写入：新增问题 ${committed.createdFindings} 个、措施 ${committed.createdMeasures} 项，更新问题 ${committed.updatedFindings} 个，新建单位 ${committed.createdUnits} 个，进展 ${committed.progressEntries} 条`);
      } else {
        console.log('（预览，未写入）');
      }
      return 0;
    });
  },
};
