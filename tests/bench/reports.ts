import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { openCore, type Core } from '../../shared/core/context.ts';
import { DEFAULT_COLUMNS, COLUMN_DEFS } from '../../shared/core/reports/columns.ts';
import { sequenceNumbers } from '../../shared/core/reports/grouping.ts';
import { reportHandlers } from '../../shared/core/reports/handlers.ts';
import { loadReportRows } from '../../shared/core/reports/rows.ts';
import { writeLedgerWorkbook } from '../../shared/core/reports/xlsx/ledger-workbook.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { round, sample, type BenchLine } from './measure.ts';

/**
 * Reports (issue 4): the styled, print-ready 10,000-measure ledger beside exceljs writing the same
 * values with no styling (target within 1.5×), and the full Word report for 1,000 findings
 * (target under 3 s). Medians of a few runs after a warm-up: the machine is shared.
 */

const MEASURES = 10_000;
const RUNS = 5;
const median = (xs: number[]) => xs[Math.floor(xs.length / 2)];

async function seeded(findings: number): Promise<{ core: Core; dispose(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-reports-'));
  const core = await openCore({ dataDir: dir, mode: 'cli' });
  await seedSynthetic(core, { findings, seed: 4 });
  return { core, dispose: async () => { await core.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

export async function benchReports(): Promise<BenchLine[]> {
  const lines: BenchLine[] = [];
  const thresholds = { dueSoonDays: 7, stagnantDays: 30 };

  // A ledger of at least 10,000 measures (about 2.5 a finding), cut to exactly 10,000 rows.
  const big = await seeded(Math.ceil(MEASURES / 2.2));
  try {
    const rows = (await loadReportRows(big.core, {}, thresholds)).slice(0, MEASURES);
    const input = { title: '民主监督反馈问题整改台账', officeName: '统战部', asOf: big.core.today(), rows, columns: DEFAULT_COLUMNS, groupBy: 'category' as const, filterNote: '' };
    const defs = DEFAULT_COLUMNS.map((c) => COLUMN_DEFS[c]);
    // The same values through the same exceljs writer (streaming, shared strings), with no styling,
    // no grouping, no page setup and no statistics sheet.
    const plain = async () => {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: true });
      const ws = wb.addWorksheet('台账');
      const seqs = sequenceNumbers(rows);
      ws.addRow(defs.map((d) => d.header)).commit();
      rows.forEach((r, i) => ws.addRow(defs.map((d) => d.value(r, seqs[i]))).commit());
      ws.commit();
      await wb.commit();
      return Buffer.concat(chunks);
    };
    const styledTimes: number[] = [];
    const plainTimes: number[] = [];
    await writeLedgerWorkbook(input); // warm up both
    await plain();
    for (let i = 0; i < RUNS; i++) {
      // Interleaved so a busy moment on the shared machine hits both alike.
      let t = performance.now();
      await writeLedgerWorkbook(input);
      styledTimes.push(performance.now() - t);
      t = performance.now();
      await plain();
      plainTimes.push(performance.now() - t);
    }
    const styled = median(styledTimes.sort((a, b) => a - b));
    const base = median(plainTimes.sort((a, b) => a - b));
    const ratio = round(styled / base);
    lines.push({
      name: `Excel 台账 ${rows.length} 项措施（样式、分组、打印设置、统计表）`,
      value: Math.round(styled),
      unit: 'ms',
      baseline: Math.round(base),
      ratio,
      target: '≤ 1.5× 无样式写出',
      ok: ratio <= 1.5,
    });
    const channel = await sample(1, () => reportHandlers['report:ledger-xlsx'](big.core, { filter: {}, title: null }));
    lines.push({ name: `导出通道全程（读库＋写文件，${rows.length}+ 项）`, value: Math.round(median(channel)), unit: 'ms' });
  } finally {
    await big.dispose();
  }

  const small = await seeded(1000);
  try {
    const times = await sample(RUNS, () => reportHandlers['report:word'](small.core, { filter: {}, title: null }));
    const ms = median(times);
    lines.push({ name: 'Word 整改情况报告（1,000 个问题，含附件清单）', value: Math.round(ms), unit: 'ms', target: '< 3000 ms', ok: ms < 3000 });
  } finally {
    await small.dispose();
  }
  return lines;
}

// Run directly: `npx tsx tests/bench/reports.ts`.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  for (const l of await benchReports()) console.log(JSON.stringify(l));
}
