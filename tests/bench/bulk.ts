import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BulkPreview, BulkResult } from '../../shared/contract/bulk.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { openCore } from '../../shared/core/context.ts';
import { invoke } from '../../shared/core/invoke.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { round, type BenchLine } from './measure.ts';

/**
 * 批量修改 (issue 10): 1,000 measures' 整改时限 and 责任人 changed in one step through the core —
 * preview, then apply with versions checked, one audit entry per measure, search rows rewritten —
 * beside the same UPDATEs run raw in one transaction as the baseline.
 */

const FINDINGS = 20_000;
const MEASURES = 1_000;
const RUNS = 5;

export async function benchBulk(): Promise<BenchLine[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-bulk-'));
  const core = await openCore({ dataDir, mode: 'cli' });
  const lines: BenchLine[] = [];
  try {
    await seedSynthetic(core, { findings: FINDINGS, seed: 7 });
    const ids = core.sqlite!.prepare("SELECT id FROM measures WHERE status <> 'closed' ORDER BY id LIMIT ?").pluck().all(MEASURES) as number[];
    const today = core.today();
    const update = core.sqlite!.prepare(
      'UPDATE measures SET deadline_kind = ?, deadline_date = ?, deadline_text = ?, person = ?, version = version + 1, updated_at = ? WHERE id = ?',
    );
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    let run = 0;
    for (const [label, withPerson] of [['整改时限', false], ['整改时限与责任人', true]] as const) {
      const previews: number[] = [];
      const applies: number[] = [];
      const raws: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        run++;
        const changes = { deadline: { kind: 'date' as const, date: addDays(today, 2000 + run), text: null }, ...(withPerson ? { person: `责任人${run}` } : {}) };
        const t0 = performance.now();
        const preview = await invoke(core, 'bulk:preview', { selection: { measureIds: ids }, changes });
        const t1 = performance.now();
        if (!preview.ok) throw new Error(preview.error.message);
        const applied = await invoke(core, 'bulk:apply', { items: (preview.data as BulkPreview).items, changes });
        const t2 = performance.now();
        if (!applied.ok) throw new Error(applied.error.message);
        if ((applied.data as BulkResult).changed !== ids.length) throw new Error(`批量修改的项数不对：${(applied.data as BulkResult).changed}`);
        previews.push(t1 - t0);
        applies.push(t2 - t1);
        // The baseline, interleaved so both see the same machine: the same UPDATEs, raw, in one transaction.
        const t3 = performance.now();
        core.sqlite!.transaction(() => {
          for (const id of ids) update.run('date', addDays(today, 3000 + run), null, withPerson ? `基线${run}` : '王芳', new Date().toISOString(), id);
        })();
        raws.push(performance.now() - t3);
      }
      lines.push({ name: `批量修改 ${ids.length} 项的${label}：预览（${FINDINGS} 个问题的台账）`, value: round(median(previews)), unit: 'ms（中位数）' });
      lines.push({
        name: `批量修改 ${ids.length} 项的${label}：确认写入（版本校验、逐项审计${withPerson ? '、重写检索' : ''}）`,
        value: round(median(applies)),
        unit: 'ms（中位数）',
        baseline: round(median(raws)),
        ratio: round(median(applies) / median(raws)),
      });
    }
  } finally {
    await core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
}
