import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../../shared/core/context.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { supervisionStats } from '../../shared/core/supervision/stats.ts';
import { pct, round, sample, type BenchLine } from './measure.ts';

/**
 * 监督统计 (issue 11) on a seeded ledger of 100,000 findings with its supervision registers: the
 * year's statistics and paragraph, beside the same counts as plain prepared statements (baseline).
 */
const FINDINGS = 100_000;

export async function benchSupervision(): Promise<BenchLine[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-supervision-'));
  const core = await openCore({ dataDir, mode: 'cli' });
  try {
    await seedSynthetic(core, { findings: FINDINGS, seed: 3 });
    const year = Number(core.sqlite!.prepare('SELECT substr(received_date, 1, 4) FROM batches GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').pluck().get());
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const statements = [
      core.sqlite!.prepare('SELECT organization_id, kind, count(*), sum(participants) FROM supervision_activities WHERE activity_date BETWEEN ? AND ? GROUP BY 1, 2'),
      core.sqlite!.prepare('SELECT organization_id, kind, count(*) FROM supervisors WHERE appointed_date <= ? AND coalesce(left_date, ?) >= ? GROUP BY 1, 2'),
      core.sqlite!.prepare('SELECT organization_id, level, count(*), sum(households) FROM observation_windows WHERE established_date <= ? GROUP BY 1, 2'),
      core.sqlite!.prepare('SELECT b.organization_id, count(DISTINCT b.id), count(f.id), sum(f.status = \'closed\') FROM batches b LEFT JOIN findings f ON f.batch_id = b.id WHERE b.received_date BETWEEN ? AND ? GROUP BY 1'),
      core.sqlite!.prepare('SELECT b.organization_id, s.grade, count(*) FROM satisfaction_ratings s JOIN batches b ON b.id = s.batch_id WHERE s.rating_date BETWEEN ? AND ? GROUP BY 1, 2'),
    ];
    const baseline = await sample(20, () => {
      statements[0].all(from, to);
      statements[1].all(to, '9999-12-31', from);
      statements[2].all(to);
      statements[3].all(from, to);
      statements[4].all(from, to);
    });
    const measured = await sample(20, () => supervisionStats(core.db, year));
    const value = round(pct(measured, 50));
    const base = round(pct(baseline, 50));
    return [{ name: `${year}年监督统计与总结段落（${FINDINGS} 个问题的台账），中位数`, value, unit: 'ms', baseline: base, ratio: round(value / Math.max(base, 0.01), 1) }];
  } finally {
    await core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
