import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/open.ts';
import { dialectOf, type Dialect } from '../db/dialect.ts';
import { deletePostgresRows, postgresMatch, writePostgresRows } from './postgres-search.ts';
import { bigramBody, planTerm, splitTerms } from './tokens.ts';

/**
 * Full-text search over a finding and what the ledger shows beside it (SQLite FTS5; one row per
 * finding, rowid = finding id). Kept in step by the write services in the same transaction, not
 * by triggers, so that the shared PostgreSQL mode can replace this one module. Names live in
 * other tables: renaming a unit, an organisation or a batch's 文号 reindexes the findings that
 * show it (units.ts, organizations.ts, batches.ts).
 */

/** What a finding is found by: its own words, its batch's 文号 and party, and its measures' words, units and people. */
export interface SearchSource {
  text: string;
  suggestion?: string | null;
  docNumber?: string | null;
  organizationName?: string | null;
  measures: SearchMeasure[];
}

export interface SearchMeasure {
  text: string;
  leadUnitName?: string | null;
  coUnitNames?: readonly string[];
  leader?: string | null;
  person?: string | null;
}

/** One field a line: a phrase never runs from one field into the next. */
export function searchBody(s: SearchSource): string {
  const lines = [s.text, s.suggestion, s.docNumber, s.organizationName];
  for (const m of s.measures) lines.push(m.text, m.leadUnitName, ...(m.coUnitNames ?? []), m.leader, m.person);
  return lines.filter((l): l is string => !!l).join('\n');
}

/** SQLite allows a limited number of bound values per statement. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * The search sources of some findings (all of them when `findingIds` is null), in three
 * statements: findings, measures, co-operating units.
 */
async function sourcesOf(trx: Db, findingIds: readonly number[] | null): Promise<Map<number, SearchSource>> {
  const findings = await trx
    .selectFrom('findings as f')
    .innerJoin('batches as b', 'b.id', 'f.batch_id')
    .innerJoin('organizations as o', 'o.id', 'b.organization_id')
    .select(['f.id', 'f.text', 'f.suggestion', 'b.doc_number', 'o.name as organization_name'])
    .$if(!!findingIds, (q) => q.where('f.id', 'in', findingIds!))
    .orderBy('f.id')
    .execute();
  const measures = await trx
    .selectFrom('measures as m')
    .innerJoin('units as u', 'u.id', 'm.lead_unit_id')
    .select(['m.id', 'm.finding_id', 'm.text', 'u.name as lead_unit_name', 'm.leader', 'm.person'])
    .$if(!!findingIds, (q) => q.where('m.finding_id', 'in', findingIds!))
    .orderBy('m.finding_id')
    .orderBy('m.seq')
    .execute();
  const coUnits = await trx
    .selectFrom('measure_co_units as c')
    .innerJoin('measures as m', 'm.id', 'c.measure_id')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.measure_id', 'u.name'])
    .$if(!!findingIds, (q) => q.where('m.finding_id', 'in', findingIds!))
    .orderBy('u.name')
    .execute();
  const coOf = new Map<number, string[]>();
  for (const c of coUnits) coOf.set(c.measure_id, [...(coOf.get(c.measure_id) ?? []), c.name]);
  const sources = new Map<number, SearchSource>();
  for (const f of findings) {
    sources.set(f.id, { text: f.text, suggestion: f.suggestion, docNumber: f.doc_number, organizationName: f.organization_name, measures: [] });
  }
  for (const m of measures) {
    sources.get(m.finding_id)?.measures.push({
      text: m.text,
      leadUnitName: m.lead_unit_name,
      coUnitNames: coOf.get(m.id) ?? [],
      leader: m.leader,
      person: m.person,
    });
  }
  return sources;
}

/** Write each finding's search rows afresh from what the database holds now. */
export async function reindexFindings(trx: Db, findingIds: readonly number[]): Promise<void> {
  for (const ids of chunks([...new Set(findingIds)])) {
    const sources = await sourcesOf(trx, ids);
    await unindexFindings(trx, ids);
    await writeIndexRows(trx, [...sources].map(([id, s]) => [id, searchBody(s)]));
  }
}

/**
 * Every finding's search rows, written into empty search tables: a migration that changes what
 * is indexed recreates the tables (emptying an FTS5 table row by row takes far longer) and runs
 * this. Reads the whole ledger in three statements.
 */
export async function indexAllFindings(trx: Db): Promise<number> {
  const sources = await sourcesOf(trx, null);
  await writeIndexRows(trx, [...sources].map(([id, s]) => [id, searchBody(s)]));
  return sources.size;
}

export async function writeIndexRow(trx: Db, findingId: number, body: string): Promise<void> {
  await writeIndexRows(trx, [[findingId, body]]);
}

/** Many rows in a few statements: a reindex after renaming a busy unit touches thousands. */
export async function writeIndexRows(trx: Db, rows: readonly (readonly [number, string])[]): Promise<void> {
  const postgres = dialectOf(trx) === 'postgres';
  for (const part of chunks(rows)) {
    if (postgres) {
      await writePostgresRows(trx, part);
      continue;
    }
    await sql`INSERT INTO search_trigram (rowid, body) VALUES ${sql.join(part.map(([id, body]) => sql`(${id}, ${body})`))}`.execute(trx);
    await sql`INSERT INTO search_bigram (rowid, body) VALUES ${sql.join(part.map(([id, body]) => sql`(${id}, ${bigramBody(body)})`))}`.execute(trx);
  }
}

export async function unindexFindings(trx: Db, findingIds: readonly number[]): Promise<void> {
  const postgres = dialectOf(trx) === 'postgres';
  for (const ids of chunks(findingIds)) {
    if (postgres) {
      await deletePostgresRows(trx, ids);
      continue;
    }
    await sql`DELETE FROM search_trigram WHERE rowid IN (${sql.join(ids)})`.execute(trx);
    await sql`DELETE FROM search_bigram WHERE rowid IN (${sql.join(ids)})`.execute(trx);
  }
}

/**
 * The findings that show a unit (as lead or co-operating unit) or an organisation, for a
 * reindex after a rename: those are the rows whose search text holds the old name.
 */
export async function findingsShowingUnit(trx: Db, unitId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('measures')
    .select('finding_id')
    .distinct()
    .where((eb) => eb.or([eb('lead_unit_id', '=', unitId), eb('id', 'in', eb.selectFrom('measure_co_units').select('measure_id').where('unit_id', '=', unitId))]))
    .execute();
  return rows.map((r) => r.finding_id);
}

export async function findingsOfBatches(trx: Db, where: { batchId?: number; organizationId?: number }): Promise<number[]> {
  let q = trx.selectFrom('findings as f').innerJoin('batches as b', 'b.id', 'f.batch_id').select('f.id');
  if (where.batchId) q = q.where('b.id', '=', where.batchId);
  if (where.organizationId) q = q.where('b.organization_id', '=', where.organizationId);
  return (await q.execute()).map((r) => r.id);
}

/** A WHERE condition on measures alias `m`: every typed word must occur in its finding's search text. */
export function matchesSearch(q: string, dialect: Dialect) {
  const terms = splitTerms(q);
  return (eb: ExpressionBuilder<Database & { m: Database['measures'] }, 'm'>) =>
    eb.and(
      terms.map((term) => {
        if (dialect === 'postgres') return eb('m.finding_id', 'in', postgresMatch(term));
        const plan = planTerm(term);
        if (plan.index === 'like') return eb('m.finding_id', 'in', sql<number>`(SELECT rowid FROM search_trigram WHERE body LIKE ${plan.pattern} ESCAPE '\\')`);
        if (plan.index === 'trigram') return eb('m.finding_id', 'in', sql<number>`(SELECT rowid FROM search_trigram WHERE search_trigram MATCH ${plan.match})`);
        return eb('m.finding_id', 'in', sql<number>`(SELECT rowid FROM search_bigram WHERE search_bigram MATCH ${plan.match})`);
      }),
    );
}
