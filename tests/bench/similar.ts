import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../../shared/core/context.ts';
import { invoke } from '../../shared/core/invoke.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { candidateQuery, probesOf } from '../../shared/core/similar/find.ts';
import { syncSimilarIndex } from '../../shared/core/similar/index-store.ts';
import { PAIRS } from '../fixtures/similar/pairs.ts';
import { pct, round, sample, type BenchLine } from './measure.ts';

/**
 * Similar findings across rounds (issue 11) on 100,000 findings: proposing earlier findings for a
 * new one, through the core (validation, index read, scoring, batch and organisation join), beside
 * the raw prepared statement of its candidate read (the same grouped index lookup) as the baseline.
 */

const FINDINGS = 100_000;

/** New findings as a clerk types them: the labelled set's rewordings and the seed's own phrasing reworded. */
const NEW_TEXTS = [
  ...new Set(PAIRS.map((p) => p.b)),
  '青山县部分乡镇扶贫资金拨付不及时，资金闲置问题依然存在。',
  '白水县个别乡镇小额信贷监管仍不到位，台账不完整。',
  '龙泉区部分乡镇危房改造进度缓慢，部分项目未按期完工。',
  '安宁县部分乡镇饮水安全后续管护机制仍不健全。',
];

export async function benchSimilar(): Promise<BenchLine[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-similar-'));
  const core = await openCore({ dataDir, mode: 'cli' });
  const lines: BenchLine[] = [];
  try {
    const seeded = await seedSynthetic(core, { findings: FINDINGS, seed: 11 });
    const t0 = performance.now();
    const indexed = await core.db.transaction().execute((trx) => syncSimilarIndex(trx));
    lines.push({ name: `建立相似问题索引（${indexed} 个问题，一次性，升级时由迁移完成）`, value: round((performance.now() - t0) / 1000, 1), unit: 's' });
    const postings = core.sqlite!.prepare('SELECT count(*) FROM similar_postings').pluck().get() as number;
    lines.push({ name: '索引规模', value: postings, unit: `行（平均每个问题 ${round(postings / seeded.findings, 1)} 个二元组）` });

    const latest = core.sqlite!.prepare('SELECT id FROM batches ORDER BY received_date DESC, id DESC LIMIT 1').pluck().get() as number;
    let i = 0;
    const next = () => NEW_TEXTS[i++ % NEW_TEXTS.length];
    const ours = await sample(NEW_TEXTS.length * 3, async () => {
      const r = await invoke(core, 'similar:find', { text: next(), batchId: latest });
      if (!r.ok) throw new Error(r.error.message);
    });

    // Baseline: the candidate read alone, compiled once per text and run as a raw prepared statement.
    const raw = await Promise.all(
      NEW_TEXTS.map(async (text) => {
        const q = candidateQuery(core.db, await probesOf(core.db, text)).compile();
        return { stmt: core.sqlite!.prepare(q.sql), params: q.parameters as unknown[] };
      }),
    );
    let j = 0;
    const base = await sample(NEW_TEXTS.length * 3, () => {
      const { stmt, params } = raw[j++ % raw.length];
      stmt.all(...params);
    });
    const p95 = pct(ours, 95);
    lines.push({
      name: `新问题查找以往相似问题 p95（${FINDINGS} 个问题，${NEW_TEXTS.length} 条新问题文本）`,
      value: round(p95),
      unit: `ms (p50 ${round(pct(ours, 50))} ms)`,
      baseline: round(pct(base, 95)),
      ratio: round(p95 / pct(base, 95)),
      target: '<100 ms',
      ok: p95 < 100,
    });

    const batch = NEW_TEXTS.slice(0, 100);
    const t1 = performance.now();
    const many = await invoke(core, 'similar:find-many', { texts: batch, batchId: latest });
    if (!many.ok) throw new Error(many.error.message);
    const perRow = (performance.now() - t1) / batch.length;
    lines.push({ name: `导入预览逐行比对（${batch.length} 行）每行`, value: round(perRow), unit: 'ms', target: '<100 ms', ok: perRow < 100 });
  } finally {
    await core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
}
