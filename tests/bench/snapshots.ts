import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../../shared/core/context.ts';
import { invoke } from '../../shared/core/invoke.ts';
import type { ChannelInput, ChannelName, ChannelResult } from '../../shared/contract/index.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { pct, round, sample, type BenchLine } from './measure.ts';

/**
 * 快照与单位考核 (issue 10) on a large ledger, each beside raw SQL doing the same amount of work:
 * saving a snapshot (every measure's state, one INSERT … SELECT) beside copying the same columns
 * into a plain table; 较上期 against today beside one raw join of the snapshot with the measures;
 * the 单位考核 table beside a raw GROUP BY of the measures by lead unit.
 */
const FINDINGS = Number(process.env.RECTIFY_BENCH_SNAPSHOT_FINDINGS ?? 100_000);

export async function benchSnapshots(): Promise<BenchLine[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-snapshots-'));
  const core = await openCore({ dataDir, mode: 'cli' });
  const call = async <K extends ChannelName>(name: K, input: ChannelInput<K>): Promise<ChannelResult<K>> => {
    const r = await invoke(core, name, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.data as ChannelResult<K>;
  };
  const lines: BenchLine[] = [];
  try {
    await seedSynthetic(core, { findings: FINDINGS, seed: 5 });
    const measures = core.sqlite!.prepare('SELECT count(*) FROM measures').pluck().get() as number;

    let first = 0;
    const save = await sample(5, async () => {
      const s = await call('snapshots:save', { note: 'bench' });
      first ||= s.id;
    });
    core.sqlite!.exec('CREATE TABLE bench_copy (snapshot_id INTEGER, measure_id INTEGER, status TEXT, signal TEXT, lead_unit_id INTEGER, deadline_date TEXT, closed_date TEXT, overdue_days INTEGER, PRIMARY KEY (snapshot_id, measure_id)) WITHOUT ROWID');
    let n = 0;
    const copy = core.sqlite!.prepare(
      "INSERT INTO bench_copy SELECT ?, id, status, 'green', lead_unit_id, deadline_date, closed_date, 0 FROM measures",
    );
    const base = await sample(5, () => core.sqlite!.transaction(() => copy.run(++n))());
    lines.push({ name: `保存快照（${measures} 项措施）p95`, value: round(pct(save, 95)), unit: 'ms', baseline: round(pct(base, 95)), ratio: round(pct(save, 95) / pct(base, 95), 1) });

    const compare = await sample(10, () => call('snapshots:compare', { fromId: first }));
    const rawJoin = core.sqlite!.prepare(
      `SELECT sum(m.status = 'closed' AND a.status <> 'closed'), sum(m.status <> 'closed' AND a.status = 'closed')
       FROM measures m LEFT JOIN snapshot_measures a ON a.snapshot_id = ? AND a.measure_id = m.id`,
    );
    const joinBase = await sample(10, () => rawJoin.get(first));
    lines.push({ name: '较上期对比（与今天的台账，含清单）p95', value: round(pct(compare, 95)), unit: 'ms', baseline: round(pct(joinBase, 95)), ratio: round(pct(compare, 95) / pct(joinBase, 95), 1) });

    const table = await sample(10, () => call('assessment:table', { from: '2020-01-01' }));
    const rawGroup = core.sqlite!.prepare(
      `SELECT lead_unit_id, count(*), sum(status = 'closed' AND closed_date <= deadline_date), sum(status = 'closed' AND closed_date > deadline_date),
              sum(status IN ('not_started','in_progress') AND deadline_date < date('now')) FROM measures GROUP BY lead_unit_id`,
    );
    const groupBase = await sample(10, () => rawGroup.all());
    lines.push({ name: '单位考核表数据 p95', value: round(pct(table, 95)), unit: 'ms', baseline: round(pct(groupBase, 95)), ratio: round(pct(table, 95) / pct(groupBase, 95), 1) });

    const t0 = performance.now();
    await call('assessment:export', { from: '2020-01-01' });
    lines.push({ name: '单位考核表导出 Excel', value: round(performance.now() - t0), unit: 'ms' });
  } finally {
    await core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
}
