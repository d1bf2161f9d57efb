import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/open.ts';
import { bigramBody, planTerm, splitTerms } from './tokens.ts';

/**
 * Full-text search over a finding and its measures (SQLite FTS5; one row per finding, rowid =
 * finding id). Kept in step by the write services in the same transaction, not by triggers, so
 * that the shared PostgreSQL mode can replace this one module.
 */

export function searchBody(finding: { text: string; suggestion?: string | null }, measureTexts: string[]): string {
  return [finding.text, finding.suggestion ?? '', ...measureTexts].join('\n');
}

export async function reindexFindings(trx: Db, findingIds: readonly number[]): Promise<void> {
  if (findingIds.length === 0) return;
  const findings = await trx.selectFrom('findings').select(['id', 'text', 'suggestion']).where('id', 'in', findingIds).execute();
  const measures = await trx.selectFrom('measures').select(['finding_id', 'text']).where('finding_id', 'in', findingIds).orderBy('seq').execute();
  const texts = new Map<number, string[]>();
  for (const m of measures) texts.set(m.finding_id, [...(texts.get(m.finding_id) ?? []), m.text]);
  await unindexFindings(trx, findingIds);
  for (const f of findings) await writeIndexRow(trx, f.id, searchBody(f, texts.get(f.id) ?? []));
}

export async function writeIndexRow(trx: Db, findingId: number, body: string): Promise<void> {
  await sql`INSERT INTO search_trigram (rowid, body) VALUES (${findingId}, ${body})`.execute(trx);
  await sql`INSERT INTO search_bigram (rowid, body) VALUES (${findingId}, ${bigramBody(body)})`.execute(trx);
}

export async function unindexFindings(trx: Db, findingIds: readonly number[]): Promise<void> {
  for (const id of findingIds) {
    await sql`DELETE FROM search_trigram WHERE rowid = ${id}`.execute(trx);
    await sql`DELETE FROM search_bigram WHERE rowid = ${id}`.execute(trx);
  }
}

/** A WHERE condition on measures alias `m`: every typed word must occur in its finding or the finding's measures. */
export function matchesSearch(q: string) {
  const terms = splitTerms(q);
  return (eb: ExpressionBuilder<Database & { m: Database['measures'] }, 'm'>) =>
    eb.and(
      terms.map((term) => {
        const plan = planTerm(term);
        if (plan.index === 'like') return eb('m.finding_id', 'in', sql<number>`(SELECT rowid FROM search_trigram WHERE body LIKE ${plan.pattern} ESCAPE '\\')`);
        if (plan.index === 'trigram') return eb('m.finding_id', 'in', sql<number>`(SELECT rowid FROM search_trigram WHERE search_trigram MATCH ${plan.match})`);
        return eb('m.finding_id', 'in', sql<number>`(SELECT rowid FROM search_bigram WHERE search_bigram MATCH ${plan.match})`);
      }),
    );
}
