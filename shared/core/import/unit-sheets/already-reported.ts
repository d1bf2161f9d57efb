import type { Db } from '../../db/open.ts';
import { recordsDb } from '../../ledger/record-schema.ts';

/**
 * What units already reported on measures, so that reading the same returned sheet twice offers
 * nothing the second time: each unit's latest progress text on a measure, and the measure's result.
 */
export interface Reported {
  /** The latest progress text from each source (a unit's name). */
  latestBySource: Map<string, string>;
  resultText: string | null;
}

export async function alreadyReported(db: Db, measureIds: number[]): Promise<Map<number, Reported>> {
  const out = new Map<number, Reported>();
  if (measureIds.length === 0) return out;
  const measures = await db.selectFrom('measures').select(['id', 'result_text']).where('id', 'in', measureIds).execute();
  for (const m of measures) out.set(m.id, { latestBySource: new Map(), resultText: m.result_text });
  const entries = await recordsDb(db)
    .selectFrom('progress_entries')
    .select(['measure_id', 'source', 'text'])
    .where('measure_id', 'in', measureIds)
    .where('source', 'is not', null)
    .orderBy('entry_date', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const e of entries) {
    const bySource = out.get(e.measure_id)?.latestBySource;
    if (bySource && !bySource.has(e.source!)) bySource.set(e.source!, e.text);
  }
  return out;
}

/** Equal once whitespace is ignored (a re-typed line break or a stray space is not a change). */
export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  return a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
}
