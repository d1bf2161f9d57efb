import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import * as XLSX from 'xlsx';
import { openCore } from '../../shared/core/context.ts';
import { reportHandlers } from '../../shared/core/reports/handlers.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { round, sample, type BenchLine } from './measure.ts';

/**
 * The 整改情况报告 for 2,000 findings (issue 9): written by the core beside the docx library packing
 * a plain document of the same number of paragraphs; converted by LibreOffice beside LibreOffice
 * converting that plain document (target under 60 s); and its body's length in pages (under 15).
 */

const FINDINGS = 2000;
const RUNS = 3;
const median = (xs: number[]) => xs[Math.floor(xs.length / 2)];
const soffice = ['libreoffice', 'soffice'].find((cmd) => spawnSync('which', [cmd]).status === 0);
const poppler = spawnSync('which', ['pdftotext']).status === 0;

function convert(file: string, dir: string, profile: string): number {
  const start = performance.now();
  execFileSync('timeout', ['600', soffice!, `-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore' });
  return (performance.now() - start) / 1000;
}

export async function benchReportWord(): Promise<BenchLine[]> {
  const lines: BenchLine[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-report-word-'));
  const core = await openCore({ dataDir: dir, mode: 'cli' });
  try {
    await seedSynthetic(core, { findings: FINDINGS, seed: 9 });
    let bytes: Buffer = Buffer.alloc(0);
    const report = median(await sample(RUNS, async () => {
      const file = await reportHandlers['report:word'](core, { filter: {}, title: null });
      bytes = Buffer.from(file.base64, 'base64');
    }));
    const xml = Buffer.from(XLSX.CFB.find(XLSX.CFB.read(bytes, { type: 'buffer' }), '/word/document.xml')!.content as Uint8Array).toString('utf8');
    const paragraphs = (xml.match(/<w:p[ >]/g) ?? []).length;
    let plainBytes: Buffer = Buffer.alloc(0);
    const plain = median(await sample(RUNS, async () => {
      const doc = new Document({ sections: [{ children: Array.from({ length: paragraphs }, (_, i) => new Paragraph(`第${i + 1}段：整改措施已落实到位，正在组织验收销号。`)) }] });
      plainBytes = await Packer.toBuffer(doc);
    }));
    lines.push({ name: `整改情况报告 Word（${FINDINGS} 个问题，${paragraphs} 段）`, value: round(report), unit: 'ms', baseline: round(plain), ratio: round(report / plain), target: '3000 ms 以内', ok: report < 3000 });

    if (!soffice) {
      console.log('  （本机没有 LibreOffice，跳过转换 PDF 的计时）');
      return lines;
    }
    const reportFile = path.join(dir, 'report.docx');
    const plainFile = path.join(dir, 'plain.docx');
    fs.writeFileSync(reportFile, bytes);
    fs.writeFileSync(plainFile, plainBytes);
    const plainSeconds = convert(plainFile, dir, path.join(dir, 'lo-plain'));
    const reportSeconds = convert(reportFile, dir, path.join(dir, 'lo-report'));
    lines.push({
      name: `LibreOffice 转 PDF：整改情况报告（${FINDINGS} 个问题）`, value: round(reportSeconds, 1), unit: 's', baseline: round(plainSeconds, 1),
      ratio: round(reportSeconds / plainSeconds), target: '60 s 以内', ok: reportSeconds < 60,
    });
    if (poppler) {
      const pdf = path.join(dir, 'report.pdf');
      let annexAt = 0;
      for (let p = 1; p <= 30 && !annexAt; p++) {
        if (/^\s*附件\s*1/.test(execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' }))) annexAt = p;
      }
      lines.push({ name: '整改情况报告正文页数（附件前）', value: annexAt - 1, unit: '页', target: '15 页以内', ok: annexAt > 1 && annexAt - 1 < 15 });
    }
    return lines;
  } finally {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
