import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { invoke } from '../../shared/core/invoke.ts';
import { runImportJob } from '../../shared/core/import/jobs.ts';
import { budgetFor, parseOffThread, PARSE_BUDGET } from '../../shared/core/import/parse-job.ts';
import { parseImport } from '../../shared/core/import/parse.ts';
import type { AppError } from '../../shared/errors.ts';
import { buildTemplate } from '../bench/import.ts';
import { tempLedger } from '../fixtures/import/env.ts';

/**
 * Reading import files off the request thread: the main thread keeps answering during a
 * 10,000-row read, a read can be cancelled, and files that make a parser spin are stopped and
 * refused in Chinese, naming the file.
 */

const OPTIONS = { defaultYear: 2021 };
let dir: string;
let big: Buffer;
let mutated: string[];
let env: Awaited<ReturnType<typeof tempLedger>>;
let core: Core;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-import-worker-'));
  big = await buildTemplate(10_000);
  mutated = await writeMutatedWorkbooks(dir, 50);
  env = await tempLedger();
  core = env.core;
});
afterAll(async () => {
  await env.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy the worker may take: parseOffThread hands the caller's bytes over to the thread. */
const bytesOf = (b: Uint8Array) => new Uint8Array(b);
const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: AppError) => e,
  );
  if (!err) throw new Error('expected a refusal, the file was read');
  return { code: err.code, message: err.message, details: err.details };
};

describe('SheetJS with Node zlib', () => {
  it('damaged deflate streams throw or return at once, where SheetJS’s own inflater spins', () => {
    const sheetjs = pathToFileURL(path.resolve('shared/core/import/sheetjs.ts')).href;
    // Each file read in a child, timed; the child is killed if the whole set takes too long.
    const readAll = (module: string, timeout: number) =>
      spawnSync(
        process.execPath,
        [
          '--import', 'tsx', '--input-type=module', '-e',
          `const m = await import(${JSON.stringify(module)}); const XLSX = m.XLSX ?? m;
           const fs = await import('node:fs');
           const times = [];
           for (const f of ${JSON.stringify(mutated)}) {
             const t = performance.now();
             try { XLSX.read(fs.readFileSync(f), { type: 'buffer', dense: true }); } catch {}
             times.push(performance.now() - t);
           }
           console.log(JSON.stringify(times));`,
        ],
        { encoding: 'utf8', timeout },
      );
    const ours = readAll(sheetjs, 60_000);
    expect(ours.status, ours.stderr).toBe(0);
    const times = JSON.parse(ours.stdout.trim().split('\n').pop()!) as number[];
    expect(times).toHaveLength(50);
    expect(Math.max(...times)).toBeLessThan(2000);

    // The same files with SheetJS left to its JavaScript inflater: at least one never finishes.
    const plain = readAll('xlsx', 8_000);
    expect(plain.signal).toBe('SIGTERM');
  });
});

describe('parseOffThread', () => {
  it('reads 10,000 rows while the main thread keeps answering', async () => {
    // A read on this thread would block every timer until it ends (at most one tick); off thread the
    // timers keep firing for as long as the read takes, however loaded the machine is.
    let ticks = 0;
    let doneAt = -1;
    const ticker = setInterval(() => ticks++, 5);
    try {
      const reading = parseOffThread('万行台账.xlsx', bytesOf(big), OPTIONS).then((parsed) => {
        doneAt = ticks;
        return parsed;
      });
      const parsed = await reading;
      expect(parsed.counts.measures).toBeGreaterThan(9000);
      expect(parsed.findings.length).toBe(parsed.counts.findings);
    } finally {
      clearInterval(ticker);
    }
    expect(doneAt).toBeGreaterThan(10);
  });

  it('gives the same result as reading on this thread, and the same refusal', async () => {
    const small = await buildTemplate(300);
    expect(await parseOffThread('小台账.xlsx', bytesOf(small), OPTIONS)).toEqual(parseImport('小台账.xlsx', small, OPTIONS));

    const notAWorkbook = Buffer.from('PK\x03\x04 这不是工作簿');
    let inThread: unknown;
    try {
      parseImport('坏文件.xlsx', notAWorkbook, OPTIONS);
    } catch (err) {
      inThread = { code: (err as AppError).code, message: (err as AppError).message, details: (err as AppError).details };
    }
    expect(inThread).toMatchObject({ code: 'file_refused' });
    expect(await refusal(parseOffThread('坏文件.xlsx', bytesOf(notAWorkbook), OPTIONS))).toEqual(inThread);
  });

  it('a clerk’s cancel stops the read mid-way; import:progress shows it running, then gone', async () => {
    const jobId = 'test-cancel-0001';
    const running = runImportJob(jobId, () => parseOffThread('万行台账.xlsx', bytesOf(big), OPTIONS));
    const progress = await invoke(core, 'import:progress', { jobId });
    expect(progress).toMatchObject({ ok: true, data: { stage: '读取文件' } });
    await new Promise((r) => setTimeout(r, 200));
    expect(await invoke(core, 'import:cancel', { jobId })).toEqual({ ok: true, data: { cancelled: true } });
    expect(await refusal(running)).toEqual({ code: 'cancelled', message: '已取消导入，未写入任何数据', details: undefined });
    expect(await invoke(core, 'import:progress', { jobId })).toEqual({ ok: true, data: null });
    expect(await invoke(core, 'import:cancel', { jobId })).toEqual({ ok: true, data: { cancelled: false } });
    // The next read is not disturbed.
    expect((await parseOffThread('小台账.xlsx', bytesOf(await buildTemplate(50)), OPTIONS)).counts.findings).toBeGreaterThan(0);
  });

  it('a read past its time budget is stopped and refused in Chinese', async () => {
    const started = performance.now();
    const err = await refusal(parseOffThread('万行台账.xlsx', bytesOf(big), OPTIONS, null, { ...PARSE_BUDGET, timeMs: 200 }));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(err).toEqual({
      code: 'file_refused',
      message: '文件“万行台账.xlsx”：读取超过 0.2 秒仍未完成，已停止。文件可能已损坏，请用 Excel 或 WPS 打开后重新保存再导入。',
      details: { file: '万行台账.xlsx' },
    });
  });

  it('a read past its memory budget is stopped and refused in Chinese', async () => {
    const err = await refusal(parseOffThread('万行台账.xlsx', bytesOf(big), OPTIONS, null, { ...PARSE_BUDGET, memoryMb: 16 }));
    expect(err.code).toBe('file_refused');
    expect(err.message).toMatch(/^文件“万行台账\.xlsx”：读取时占用内存超过 16 MB，已停止。/);
  });

  it('damaged deflate streams all come back within the budget, refused in Chinese naming the file', async () => {
    const outcomes: string[] = [];
    for (const file of mutated) {
      const name = path.basename(file);
      const started = performance.now();
      const result = await parseOffThread(name, fs.readFileSync(file), OPTIONS, null, { ...PARSE_BUDGET, timeMs: 5000 }).then(
        () => 'read',
        (e: AppError) => e,
      );
      expect(performance.now() - started).toBeLessThan(5000);
      if (typeof result === 'string') {
        outcomes.push('read');
        continue;
      }
      expect(result.code).toBe('file_refused');
      expect(result.message.startsWith(`文件“${name}”`)).toBe(true);
      expect(result.message).toMatch(/[\u4e00-\u9fff]{4}/);
      outcomes.push('refused');
    }
    // A flipped byte can land where it still inflates (the zip's CRC is not checked): such a file
    // reads. Most cannot.
    expect(outcomes.filter((o) => o === 'refused').length).toBeGreaterThanOrEqual(40);
  });
});

/** A small real ledger (exceljs), then `count` copies with 3 bytes flipped inside sheet1.xml's deflate data. */
async function writeMutatedWorkbooks(into: string, count: number): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('整改台账');
  ws.addRow(['序号', '反馈问题', '整改措施', '责任单位', '整改时限']);
  for (let i = 1; i <= 30; i++) ws.addRow([i, `第${i}个问题：扶贫资金拨付滞后`, `措施${i}：建立资金拨付台账`, '县财政局', '2021年6月底前']);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const { start, length } = zipMember(bytes, 'xl/worksheets/sheet1.xml');
  let seed = 2;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const files: string[] = [];
  for (let k = 0; k < count; k++) {
    const copy = Buffer.from(bytes);
    for (let j = 0; j < 3; j++) copy[start + Math.floor(random() * length)] ^= 1 + Math.floor(random() * 255);
    const file = path.join(into, `损坏-${String(k + 1).padStart(2, '0')}.xlsx`);
    fs.writeFileSync(file, copy);
    files.push(file);
  }
  return files;
}

/** Where a zip member's compressed data lies, from the central directory. */
function zipMember(zip: Buffer, name: string): { start: number; length: number } {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const entry = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (entry === name) {
      const local = zip.readUInt32LE(at + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      return { start, length: zip.readUInt32LE(at + 20) };
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`${name} not in zip`);
}

describe('the time budget', () => {
  it('gives a small file a short time budget and a large one more, never past the stated limit', () => {
    expect(budgetFor(20 * 1024).timeMs).toBe(20_000);
    expect(budgetFor(3 * 1024 * 1024).timeMs).toBe(30_000);
    expect(budgetFor(50 * 1024 * 1024).timeMs).toBe(PARSE_BUDGET.timeMs);
  });
});
