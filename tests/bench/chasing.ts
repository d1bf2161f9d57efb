import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../../shared/core/context.ts';
import { invoke } from '../../shared/core/invoke.ts';
import type { ChannelResult } from '../../shared/contract/index.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { pct, round, sample, type BenchLine } from './measure.ts';

/**
 * 催办 (issue 10) on a large ledger: the unit page's data for the unit leading the most measures
 * (p95 through the core, beside the raw SQL that reads the same unit's open measures with their
 * findings), and 给所有有逾期事项的单位发通知 — one transaction, one Word file per unit, zipped.
 */

const FINDINGS = Number(process.env.RECTIFY_BENCH_CHASING_FINDINGS ?? 100_000);

export async function benchChasing(): Promise<BenchLine[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-chasing-'));
  const core = await openCore({ dataDir, mode: 'cli' });
  const lines: BenchLine[] = [];
  try {
    await seedSynthetic(core, { findings: FINDINGS, seed: 3 });
    const busiest = core.sqlite!.prepare('SELECT lead_unit_id FROM measures GROUP BY lead_unit_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as number;
    const leads = core.sqlite!.prepare('SELECT count(*) FROM measures WHERE lead_unit_id = ?').pluck().get(busiest) as number;

    const page = await sample(20, async () => {
      const r = await invoke(core, 'units:detail', { id: busiest });
      if (!r.ok) throw new Error(r.error.message);
    });
    const raw = core.sqlite!.prepare(
      `SELECT m.*, f.seq, f.text FROM measures m JOIN findings f ON f.id = m.finding_id
       WHERE (m.lead_unit_id = ? OR m.id IN (SELECT measure_id FROM measure_co_units WHERE unit_id = ?)) AND m.status IN ('not_started', 'in_progress', 'pending')`,
    );
    const base = await sample(20, () => raw.all(busiest, busiest));
    const p95 = pct(page, 95);
    const b95 = pct(base, 95);
    lines.push({
      name: `单位页数据（牵头 ${leads} 项措施的单位，${FINDINGS} 个问题的台账）p95`,
      value: round(p95),
      unit: 'ms',
      baseline: round(b95),
      ratio: round(p95 / b95, 1),
    });

    const t0 = performance.now();
    const result = await invoke(core, 'notice:create-all', { level: 'supervise' });
    const took = performance.now() - t0;
    if (!result.ok) throw new Error(result.error.message);
    const all = { data: result.data as ChannelResult<'notice:create-all'> };
    const items = all.data.notices.reduce((n, x) => n + x.items.length, 0);
    // Baseline: the same rows (notices, their items, one history entry each) inserted raw in one transaction.
    const insertNotice = core.sqlite!.prepare(
      `INSERT INTO notices (unit_id, unit_name, year, number, doc_number, level, issued_date, reply_by, overdue_days, reason, operator, created_at) VALUES (?, 'x', 1999, ?, 'x', 'supervise', 'x', 'x', 0, 'x', 'x', 'x')`,
    );
    const insertItem = core.sqlite!.prepare(
      `INSERT INTO notice_measures (notice_id, measure_id, position, item_number, finding_text, measure_text, deadline_words, overdue_days, reason, measure_status) VALUES (?, ?, ?, 'x', 'x', 'x', 'x', 0, 'x', 'in_progress')`,
    );
    const insertHistory = core.sqlite!.prepare(
      `INSERT INTO status_changes (measure_id, action, from_status, to_status, change_date, note, operator, created_at) VALUES (?, 'bench', 'in_progress', 'in_progress', 'x', 'x', 'x', 'x')`,
    );
    const b0 = performance.now();
    core.sqlite!.transaction(() => {
      for (const [k, n] of all.data.notices.entries()) {
        const id = Number(insertNotice.run(n.unitId, k + 1).lastInsertRowid);
        for (const [p, i] of n.items.entries()) {
          insertItem.run(id, i.measureId, p + 1);
          insertHistory.run(i.measureId);
        }
      }
    })();
    const baseline = performance.now() - b0;
    lines.push({
      name: `给所有有逾期事项的单位发通知：${all.data.notices.length} 个单位、${items} 项（写入并生成 ${all.data.notices.length} 份 Word，打包 .zip）`,
      value: round(took),
      unit: 'ms',
      baseline: round(baseline),
      ratio: round(took / baseline, 1),
    });
  } finally {
    await core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
}
