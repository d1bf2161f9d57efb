import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeArchive } from '../../shared/core/backup/archive.ts';
import { openCore, type Core } from '../../shared/core/context.ts';
import { invoke } from '../../shared/core/invoke.ts';
import { buildBinder, zipBinder } from '../../shared/core/reports/binder/build.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { jpeg, pdf } from '../support/evidence-files.ts';
import { round, type BenchLine } from './measure.ts';

/**
 * The evidence binder (issue 9) for 1,000 files: collecting, checking each file's hash, naming,
 * the 材料清单 in two formats and the .zip, beside the baseline of the same files read from disk and
 * zipped by the same archive writer with nothing else (target within 1.5×). Files are photo-sized
 * and incompressible (as scans and photos are), about 25 MB in all. Medians of three runs.
 */
const FILES = 1000;
const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A JPEG's opening segments, then `size` bytes of noise, then its end marker. */
function photo(size: number): Buffer {
  const head = jpeg();
  return Buffer.concat([head.subarray(0, head.length - 2), crypto.randomBytes(size), Buffer.from([0xff, 0xd9])]);
}

async function seeded(): Promise<{ core: Core; dispose(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-binder-'));
  const core = await openCore({ dataDir: dir, mode: 'cli' });
  await seedSynthetic(core, { findings: 400, seed: 9 });
  const measures = core.sqlite!.prepare('SELECT id FROM measures ORDER BY id LIMIT ?').all(FILES / 2) as { id: number }[];
  for (const [i, m] of measures.entries()) {
    const files = [
      { name: `现场照片${i}.jpg`, base64: photo(30_000 + ((i * 7919) % 40_000)).toString('base64') },
      { name: `整改情况说明${i}.pdf`, base64: pdf(`整改情况说明${i}`).toString('base64') },
    ];
    const r = await invoke(core, 'evidence:add', { measureId: m.id, files });
    if (!r.ok) throw new Error(r.error.message);
  }
  return { core, dispose: async () => { await core.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

export async function benchBinder(): Promise<BenchLine[]> {
  const { core, dispose } = await seeded();
  try {
    const thresholds = { dueSoonDays: 7, stagnantDays: 30 };
    const stored = core.sqlite!.prepare('SELECT stored_path, original_name FROM evidence_files ORDER BY id').all() as { stored_path: string; original_name: string }[];
    const baseline = () => writeArchive(stored.map((s, i) => ({ name: `${i}-${s.original_name}`, data: fs.readFileSync(path.join(core.dataDir, s.stored_path)) })), new Date());
    const binder = async () => zipBinder(await buildBinder(core, { filter: {}, dataDir: core.dataDir, thresholds })).bytes;
    const baseTimes: number[] = [];
    const binderTimes: number[] = [];
    let size = 0;
    baseline();
    await binder(); // warm up both
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      baseline();
      baseTimes.push(performance.now() - t);
      t = performance.now();
      size = (await binder()).length;
      binderTimes.push(performance.now() - t);
    }
    const b = median(baseTimes);
    const v = median(binderTimes);
    const ratio = round(v / b);
    return [
      { name: `佐证材料汇编：${stored.length} 份文件（${round(size / 1024 / 1024, 1)} MB），含哈希校验、命名与材料清单（.xlsx + .docx）`, value: round(v), unit: 'ms', baseline: round(b), ratio, target: '≤ 1.5×', ok: ratio <= 1.5 },
    ];
  } finally {
    await dispose();
  }
}
