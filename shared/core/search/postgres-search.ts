import { sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * The search port on PostgreSQL. pg_trgm is no use for Chinese: under the C locale it yields no
 * trigrams for CJK characters, and it ignores 2-character terms, which are most Chinese words
 * (资金, 低保, 整改). So each finding's search text is kept lower-cased beside the set of its
 * characters and 2-character pairs in a text[] with a GIN index (built in, no extension): a term
 * of n ≥ 2 characters finds the rows holding all its pairs, a 1-character term the rows holding
 * that character, and `strpos` then keeps those where the whole term occurs. That is exactly what
 * SQLite's FTS5 tables answer (search-index.ts): the term anywhere in the text, case-insensitive.
 */
export async function createPostgresSearchTable(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE search_docs (finding_id INTEGER PRIMARY KEY, folded TEXT NOT NULL, grams TEXT[] NOT NULL)`.execute(db);
  await sql`CREATE INDEX search_docs_grams ON search_docs USING gin (grams)`.execute(db);
}

/** Case folding done here, not by the server, so it does not depend on the database's locale. */
export const fold = (text: string) => text.toLowerCase();

/** Every character and every pair of neighbouring characters (spaces and line breaks left out). */
export function gramsOf(folded: string): string[] {
  const chars = Array.from(folded);
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (/\s/u.test(c)) continue;
    out.add(c);
    const next = chars[i + 1];
    if (next !== undefined && !/\s/u.test(next)) out.add(c + next);
  }
  return [...out];
}

/** A PostgreSQL array literal of text, every element quoted. */
function textArray(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

export async function writePostgresRows(trx: Kysely<any>, rows: readonly (readonly [number, string])[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(([id, body]) => {
    const folded = fold(body);
    return sql`(${id}, ${folded}, cast(${textArray(gramsOf(folded))} as text[]))`;
  });
  await sql`INSERT INTO search_docs (finding_id, folded, grams) VALUES ${sql.join(values)}
    ON CONFLICT (finding_id) DO UPDATE SET folded = excluded.folded, grams = excluded.grams`.execute(trx);
}

export async function deletePostgresRows(trx: Kysely<any>, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`DELETE FROM search_docs WHERE finding_id IN (${sql.join(ids)})`.execute(trx);
}

/** The ids of the findings whose search text holds the term (a subquery). */
export function postgresMatch(term: string): RawBuilder<number> {
  const folded = fold(term);
  const chars = Array.from(folded);
  const grams = chars.length === 1 ? [folded] : chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
  return sql<number>`(SELECT finding_id FROM search_docs WHERE grams @> cast(${textArray([...new Set(grams)])} as text[]) AND strpos(folded, ${folded}) > 0)`;
}
