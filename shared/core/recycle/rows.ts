import { sql } from 'kysely';
import type { Db } from '../db/open.ts';
import { foreignKeys, primaryKeyColumns, type ForeignKey } from '../db/dialect.ts';

export { foreignKeys, type ForeignKey };

/**
 * Which rows belong under a deleted thing is read from the schema's own foreign keys, not from a
 * hand-kept list: a table another issue adds under measures (or progress entries) is carried into
 * the 回收站 and back without this module knowing its name.
 */

export type Row = Record<string, unknown>;

export interface Subtree {
  /** Parent-before-child order; rows in primary-key order. */
  tables: { table: string; rows: Row[] }[];
}

const primaryKey = primaryKeyColumns;

const keyOf = (row: Row, pk: string[]) => JSON.stringify(pk.map((c) => row[c]));

async function selectIn(trx: Db, table: string, column: string, values: unknown[]): Promise<Row[]> {
  const out: Row[] = [];
  // SQLite's default limit of bound parameters is 32766; stay well under it.
  for (let i = 0; i < values.length; i += 500) {
    const chunk = values.slice(i, i + 500);
    const r = await sql<Row>`SELECT * FROM ${sql.table(table)} WHERE ${sql.ref(column)} IN (${sql.join(chunk)})`.execute(trx);
    out.push(...r.rows);
  }
  return out;
}

/** The root rows and everything that points at them, transitively (cascade and set-null links alike). */
export async function collectSubtree(trx: Db, rootTable: string, rootIds: number[]): Promise<Subtree> {
  const fks = await foreignKeys(trx);
  const found = new Map<string, Map<string, Row>>();
  const pks = new Map<string, string[]>();
  const pkOf = async (t: string) => pks.get(t) ?? (pks.set(t, await primaryKey(trx, t)), pks.get(t)!);
  const order: string[] = [];

  const add = async (table: string, rows: Row[]): Promise<Row[]> => {
    const pk = await pkOf(table);
    if (!found.has(table)) (found.set(table, new Map()), order.push(table));
    const seen = found.get(table)!;
    const fresh = rows.filter((r) => !seen.has(keyOf(r, pk)));
    for (const r of fresh) seen.set(keyOf(r, pk), r);
    return fresh;
  };

  const queue: { table: string; rows: Row[] }[] = [{ table: rootTable, rows: await add(rootTable, await selectIn(trx, rootTable, 'id', rootIds)) }];
  while (queue.length) {
    const { table, rows } = queue.shift()!;
    for (const fk of fks.filter((f) => f.parent === table)) {
      const values = [...new Set(rows.map((r) => r[fk.parentColumn]).filter((v) => v !== null && v !== undefined))];
      if (!values.length) continue;
      const fresh = await add(fk.child, await selectIn(trx, fk.child, fk.column, values));
      if (fresh.length) queue.push({ table: fk.child, rows: fresh });
    }
  }

  const tables = parentFirst(order, fks).map((table) => {
    const pk = pks.get(table)!;
    const rows = [...found.get(table)!.values()].sort((a, b) => (keyOf(a, pk) < keyOf(b, pk) ? -1 : 1));
    return { table, rows };
  });
  return { tables };
}

/** Tables ordered so that every table comes after the tables it points at (self-links ignored). */
function parentFirst(tables: string[], fks: ForeignKey[]): string[] {
  const out: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (out.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const fk of fks) if (fk.child === t && fk.parent !== t && tables.includes(fk.parent)) visit(fk.parent);
    visiting.delete(t);
    out.push(t);
  };
  tables.forEach(visit);
  return out;
}

/** Delete the collected rows, children first, by primary key (works whatever the ON DELETE rule). */
export async function deleteSubtree(trx: Db, subtree: Subtree): Promise<void> {
  for (const { table, rows } of [...subtree.tables].reverse()) {
    const pk = await primaryKey(trx, table);
    for (const row of rows) {
      const where = sql.join(pk.map((c) => sql`${sql.ref(c)} = ${row[c]}`), sql` AND `);
      await sql`DELETE FROM ${sql.table(table)} WHERE ${where}`.execute(trx);
    }
  }
}

/** Rows of the subtree whose key is already taken by a live row (cannot happen with AUTOINCREMENT; see restore.ts). */
export async function takenKeys(trx: Db, subtree: Subtree): Promise<{ table: string; key: string }[]> {
  const taken: { table: string; key: string }[] = [];
  for (const { table, rows } of subtree.tables) {
    const pk = await primaryKey(trx, table);
    for (const row of rows) {
      const where = sql.join(pk.map((c) => sql`${sql.ref(c)} = ${row[c]}`), sql` AND `);
      const r = await sql`SELECT 1 AS x FROM ${sql.table(table)} WHERE ${where}`.execute(trx);
      if (r.rows.length) taken.push({ table, key: pk.map((c) => String(row[c])).join('/') });
    }
  }
  return taken;
}

/** Put the rows back exactly as they were: every column, original ids included. */
export async function insertSubtree(trx: Db, subtree: Subtree): Promise<void> {
  for (const { table, rows } of subtree.tables) {
    for (const row of rows) {
      const cols = Object.keys(row);
      await sql`INSERT INTO ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) VALUES (${sql.join(cols.map((c) => row[c]))})`.execute(trx);
    }
  }
}

export function rowsOf(subtree: Subtree, table: string): Row[] {
  return subtree.tables.find((t) => t.table === table)?.rows ?? [];
}
