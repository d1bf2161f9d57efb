import { CompiledQuery, type Kysely } from 'kysely';
import { dialectOf } from '../db/dialect.ts';

/**
 * The bulk writer: many rows of one table in a few multi-row INSERTs, inside the caller's
 * transaction, on SQLite and PostgreSQL alike. An import writes thousands of findings and a seed
 * a hundred thousand; one statement a row through the query builder would cost seconds. The SQL
 * text is built once per chunk size, so SQLite's statement cache (db/open.ts) prepares it once.
 */

/** Bound values per statement: SQLite allows 32,766, PostgreSQL 65,535. */
const MAX_VALUES = 30_000;
const MAX_ROWS = 1_000;

const quote = (name: string) => `"${name}"`;

export interface InsertOptions<C extends string> {
  /** Columns to read back from each inserted row (in no promised order: key the result by them). */
  returning?: readonly C[];
  /** Skip rows that would break a unique key (ON CONFLICT DO NOTHING, on both databases). */
  skipDuplicates?: boolean;
}

/**
 * Insert `rows` (all built by one row builder, typed by it: the same columns, in the same order)
 * into `table`.
 * Returns the `returning` columns of the rows written.
 */
export async function insertRows<R extends object, C extends string = never>(
  trx: Kysely<any>,
  table: string,
  rows: readonly R[],
  opts: InsertOptions<C> = {},
): Promise<Record<C, unknown>[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0] as object);
  const postgres = dialectOf(trx) === 'postgres';
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_VALUES / columns.length)));
  const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES `;
  const tail = `${opts.skipDuplicates ? ' ON CONFLICT DO NOTHING' : ''}${opts.returning?.length ? ` RETURNING ${opts.returning.map(quote).join(', ')}` : ''}`;
  const textFor = new Map<number, string>();
  const sqlFor = (n: number): string => {
    let text = textFor.get(n);
    if (text === undefined) {
      const tuples: string[] = [];
      let p = 0;
      for (let r = 0; r < n; r++) {
        const marks: string[] = [];
        for (let c = 0; c < columns.length; c++) marks.push(postgres ? `$${++p}` : '?');
        tuples.push(`(${marks.join(', ')})`);
      }
      textFor.set(n, (text = head + tuples.join(', ') + tail));
    }
    return text;
  };
  const out: Record<C, unknown>[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const part = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    for (const row of part) {
      const values = row as Record<string, unknown>;
      for (const c of columns) {
        const v = values[c];
        params.push(v === undefined ? null : v);
      }
    }
    const result = await trx.executeQuery<Record<C, unknown>>(CompiledQuery.raw(sqlFor(part.length), params));
    if (opts.returning?.length) out.push(...result.rows);
  }
  return out;
}
