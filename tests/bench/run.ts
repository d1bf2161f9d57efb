import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchLedger } from './ledger.ts';
import type { BenchLine } from './measure.ts';

/**
 * `npm run bench`: every figure beside a baseline measured in the same run, as a ratio.
 * Parts: the ledger (issue 2), the Excel import (issue 3), reports (issue 4), long jobs and the
 * 报表 page (issues 7 and 8).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const parts: [string, () => Promise<BenchLine[]>][] = [['台账', benchLedger]];
for (const [title, file, fn] of [
  ['Excel 导入', 'import.ts', 'benchImport'],
  ['报表', 'reports.ts', 'benchReports'],
  ['整改情况报告', 'report-word.ts', 'benchReportWord'],
  ['长任务与报表页', 'report-jobs.ts', 'benchReportJobs'],
  ['相似问题', 'similar.ts', 'benchSimilar'],
  ['批量修改', 'bulk.ts', 'benchBulk'],
  ['佐证材料汇编', 'binder.ts', 'benchBinder'],
  ['催办', 'chasing.ts', 'benchChasing'],
  ['民主监督', 'supervision.ts', 'benchSupervision'],
  ['工作台与分析', 'dashboard.ts', 'benchDashboard'],
  ['快照与单位考核', 'snapshots.ts', 'benchSnapshots'],
  ['共享数据库（PostgreSQL）', 'postgres.ts', 'benchPostgres'],
] as const) {
  if (fs.existsSync(path.join(here, file))) parts.push([title, (await import(`./${file}`))[fn]]);
}

const only = process.argv.slice(2);
let allOk = true;
for (const [title, run] of parts) {
  if (only.length && !only.some((o) => title.includes(o))) continue;
  console.log(`\n## ${title}`);
  const lines = await run();
  for (const l of lines) {
    const base = l.baseline !== undefined ? `  基线 ${l.baseline}` : '';
    const ratio = l.ratio !== undefined ? `  比值 ${l.ratio}×` : '';
    const target = l.target ? `  目标 ${l.target}` : '';
    const verdict = l.ok === undefined ? '' : l.ok ? '  ✓' : '  ✗ 未达标';
    if (l.ok === false) allOk = false;
    console.log(`- ${l.name}: ${l.value} ${l.unit}${base}${ratio}${target}${verdict}`);
  }
}
console.log(allOk ? '\n全部达标' : '\n有指标未达标（见 ✗）');
