import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../errors.ts';
import { dialectOf, foreignKeys, primaryKeyColumns, type Dialect } from '../db/dialect.ts';
import type { Db } from '../db/open.ts';
import { indexAllFindings } from '../search/search-index.ts';
import { tableLabel } from './table-labels.ts';

/**
 * Copying a whole ledger from one database to the other (本机 SQLite ⇄ 办公室共享 PostgreSQL).
 * Both databases were brought to the same schema by the one migration list, so the tables and
 * columns are read from the target and must exist on the source. Rows go in foreign-key order;
 * what is derived from them (the search index, the similar-findings index) is not copied but
 * rebuilt on the target. Before the caller commits, every table's row count and a checksum over
 * its rows — canonical JSON, in primary-key order, computed the same way on both sides — are
 * compared; a mismatch throws, naming the table, and the caller's transaction rolls back.
 */

/** Derived tables and the databases' own bookkeeping: rebuilt or kept by the target, never copied. */
const NOT_COPIED = new Set([
  'schema_migrations',
  'ledger_revision',
  'search_docs',
  'similar_postings',
  'similar_signatures',
  'similar_df',
  'similar_pending',
  // The shared ledger's file store (files/database-store.ts): its bytes follow the rows that name
  // them, through the file store's own copy (files/copy.ts), checked by sha256.
  'file_blobs',
  'file_chunks',
]);

const isInternal = (name: string) => NOT_COPIED.has(name) || name.startsWith('sqlite_') || /^search_(trigram|bigram)(_|$)/.test(name);


export interface TablePlan {
  name: string;
  /** Column names, sorted: the canonical order of a row in the checksum. */
  columns: string[];
  primaryKey: string[];
  /** Every primary-key column is an integer: both databases order the rows alike, so rows stream in pages. */
  integerKey: boolean;
  /** The identity column whose sequence must be moved past the copied ids (PostgreSQL). */
  identity: string | null;
}

export interface TableCheck {
  table: string;
  rows: number;
  checksum: string;
}

async function tablesOf(db: Kysely<any>): Promise<string[]> {
  const r =
    dialectOf(db) === 'sqlite'
      ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db)
      : await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(db);
  return r.rows.map((x) => x.name).filter((n) => !isInternal(n));
}

interface ColumnInfo {
  name: string;
  integer: boolean;
  identity: boolean;
}

async function columnsOf(db: Kysely<any>, table: string): Promise<ColumnInfo[]> {
  if (dialectOf(db) === 'sqlite') {
    const r = await sql<{ name: string; type: string; pk: number }>`SELECT name, type, pk FROM pragma_table_info(${table})`.execute(db);
    return r.rows.map((c) => ({ name: c.name, integer: /INT/i.test(c.type), identity: false }));
  }
  const r = await sql<{ name: string; data_type: string; is_identity: string; column_default: string | null }>`
    SELECT column_name AS name, data_type, is_identity, column_default FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`.execute(db);
  return r.rows.map((c) => ({
    name: c.name,
    integer: /^(integer|bigint|smallint)$/.test(c.data_type),
    identity: c.is_identity === 'YES' || /^nextval\(/.test(c.column_default ?? ''),
  }));
}

/**
 * The tables to copy, parents before children, read from the target (the schema this program
 * made) and checked against the source: a table or column on one side only means the two were
 * not made by the same version, and nothing is copied.
 */
export async function planCopy(source: Kysely<any>, target: Kysely<any>): Promise<TablePlan[]> {
  const targetTables = await tablesOf(target);
  const sourceTables = new Set(await tablesOf(source));
  const missing = targetTables.filter((t) => !sourceTables.has(t));
  const extra = [...sourceTables].filter((t) => !targetTables.includes(t));
  if (missing.length || extra.length) {
    throw new AppError('conflict', `两个数据库的表结构不一致（${[...missing, ...extra].map(tableLabel).join('、')}），无法复制。请确认两边使用同一版本的整改台账。`);
  }
  const plans = new Map<string, TablePlan>();
  for (const name of targetTables) {
    const cols = await columnsOf(target, name);
    const sourceCols = new Set((await columnsOf(source, name)).map((c) => c.name));
    const differing = cols.filter((c) => !sourceCols.has(c.name)).map((c) => c.name);
    if (differing.length || sourceCols.size !== cols.length) {
      throw new AppError('conflict', `两个数据库中“${tableLabel(name)}”的字段不一致，无法复制。请确认两边使用同一版本的整改台账。`);
    }
    const primaryKey = await primaryKeyColumns(target, name);
    const intCols = new Set(cols.filter((c) => c.integer).map((c) => c.name));
    const identity = cols.find((c) => c.identity)?.name ?? null;
    plans.set(name, {
      name,
      columns: cols.map((c) => c.name).sort(),
      primaryKey,
      integerKey: primaryKey.length > 0 && primaryKey.every((k) => intCols.has(k)),
      identity,
    });
  }
  return dependencyOrder([...plans.values()], await foreignKeys(target));
}

function dependencyOrder(plans: TablePlan[], fks: { child: string; parent: string }[]): TablePlan[] {
  const names = new Set(plans.map((p) => p.name));
  const parents = new Map<string, Set<string>>();
  for (const p of plans) parents.set(p.name, new Set());
  for (const fk of fks) {
    if (fk.child !== fk.parent && names.has(fk.child) && names.has(fk.parent)) parents.get(fk.child)!.add(fk.parent);
  }
  const done = new Set<string>();
  const out: TablePlan[] = [];
  const sorted = [...plans].sort((a, b) => (a.name < b.name ? -1 : 1));
  while (out.length < sorted.length) {
    const ready = sorted.filter((p) => !done.has(p.name) && [...parents.get(p.name)!].every((q) => done.has(q)));
    // A cycle (none today): take the rest in name order and let the database say what breaks.
    const step = ready.length ? ready : sorted.filter((p) => !done.has(p.name));
    for (const p of step) {
      done.add(p.name);
      out.push(p);
    }
  }
  return out;
}

type Row = Record<string, unknown>;

const PAGE = 5000;

/**
 * Every row of a table in canonical order, page by page: tables keyed by integers stream in key
 * order (the same in both databases); the few others (settings, meta) are read whole and sorted
 * here, since the two databases collate text differently.
 */
async function* rowsOf(db: Kysely<any>, plan: TablePlan): AsyncGenerator<Row[]> {
  const cols = sql.join(plan.columns.map((c) => sql.ref(c)));
  const table = sql.table(plan.name);
  if (!plan.integerKey) {
    const r = await sql<Row>`SELECT ${cols} FROM ${table}`.execute(db);
    const keyed = r.rows.map((row) => [canonicalRow(plan, row), row] as const);
    keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (keyed.length) yield keyed.map((k) => k[1]);
    return;
  }
  const key = sql.join(plan.primaryKey.map((c) => sql.ref(c)));
  let after: unknown[] | null = null;
  for (;;) {
    const where: ReturnType<typeof sql> = after ? sql`WHERE (${key}) > (${sql.join(after)})` : sql``;
    const r: { rows: Row[] } = await sql<Row>`SELECT ${cols} FROM ${table} ${where} ORDER BY ${key} LIMIT ${PAGE}`.execute(db);
    if (r.rows.length) yield r.rows;
    if (r.rows.length < PAGE) return;
    const last: Row = r.rows[r.rows.length - 1];
    after = plan.primaryKey.map((k) => last[k]);
  }
}

/** One value as both databases' drivers may hand it over, written one way. */
function canonicalValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Object.is(v, -0) ? 0 : v;
  if (v instanceof Uint8Array) return { bytes: Buffer.from(v).toString('base64') };
  if (v instanceof Date) return v.toISOString();
  return v;
}

function canonicalRow(plan: TablePlan, row: Row): string {
  return JSON.stringify(plan.columns.map((c) => canonicalValue(row[c])));
}

/** Count and checksum of one table, read on its own (the target, after the copy). */
export async function checkTable(db: Kysely<any>, plan: TablePlan): Promise<TableCheck> {
  const hash = crypto.createHash('sha256');
  let rows = 0;
  for await (const page of rowsOf(db, plan)) {
    for (const row of page) hash.update(canonicalRow(plan, row) + '\n');
    rows += page.length;
  }
  return { table: plan.name, rows, checksum: hash.digest('hex') };
}

export interface CopyReport {
  tables: TableCheck[];
  /** Rows per table, for messages and the confirmation. */
  counts: Record<string, number>;
}

export interface CopyHooks {
  /** Called between tables (tests make a copy fail half-way here, or alter what arrived). */
  afterTable?: (table: string, target: Db) => Promise<void> | void;
}

/**
 * Copy every ledger table from `source` to `target` (both inside the caller's transactions), then
 * rebuild the derived indexes and compare. The target's own rows in those tables (a freshly
 * made ledger's default 监督主体 list, settings and database id) are replaced.
 */
export async function copyLedger(source: Db, target: Db, hooks: CopyHooks = {}): Promise<CopyReport> {
  const plans = await planCopy(source, target);
  const targetDialect = dialectOf(target);
  for (const p of [...plans].reverse()) await sql`DELETE FROM ${sql.table(p.name)}`.execute(target);
  await clearDerived(target, targetDialect);

  const sourceChecks: TableCheck[] = [];
  for (const plan of plans) {
    const hash = crypto.createHash('sha256');
    let rows = 0;
    // Both databases take over 30,000 bound values a statement (SQLite 32,766, PostgreSQL 65,535).
    const perInsert = Math.max(1, Math.floor(30000 / plan.columns.length));
    for await (const page of rowsOf(source, plan)) {
      for (const row of page) hash.update(canonicalRow(plan, row) + '\n');
      rows += page.length;
      for (let i = 0; i < page.length; i += perInsert) {
        const part = page.slice(i, i + perInsert).map((row) => {
          const values: Row = {};
          for (const c of plan.columns) values[c] = row[c] ?? null;
          return values;
        });
        try {
          await (target as Kysely<any>).insertInto(plan.name).values(part).execute();
        } catch (err) {
          throw new AppError('conflict', `复制“${tableLabel(plan.name)}”时出错，已全部撤销，目标数据库未作任何改动：${(err as Error).message}`);
        }
      }
    }
    sourceChecks.push({ table: plan.name, rows, checksum: hash.digest('hex') });
    await hooks.afterTable?.(plan.name, target);
  }

  if (targetDialect === 'postgres') await moveSequences(target, plans);
  await indexAllFindings(target);
  // The findings' insert trigger noted some already; note every one, once.
  await sql`DELETE FROM similar_pending`.execute(target);
  await sql`INSERT INTO similar_pending (finding_id) SELECT id FROM findings`.execute(target);

  const tables: TableCheck[] = [];
  for (const plan of plans) {
    const after = await checkTable(target, plan);
    const before = sourceChecks.find((c) => c.table === plan.name)!;
    if (after.rows !== before.rows) {
      throw new AppError('conflict', `核对失败：“${tableLabel(plan.name)}”复制前有 ${before.rows} 行，复制后有 ${after.rows} 行。已全部撤销，目标数据库未作任何改动。`);
    }
    if (after.checksum !== before.checksum) {
      throw new AppError('conflict', `核对失败：“${tableLabel(plan.name)}”复制后的内容与原数据不一致（校验值不同）。已全部撤销，目标数据库未作任何改动。`);
    }
    tables.push(after);
  }
  return { tables, counts: Object.fromEntries(tables.map((t) => [t.table, t.rows])) };
}

/** The derived tables of the target, emptied before the copy (rebuilt after it). */
async function clearDerived(target: Db, dialect: Dialect): Promise<void> {
  const derived = dialect === 'postgres' ? ['search_docs'] : ['search_trigram', 'search_bigram'];
  for (const t of [...derived, 'similar_postings', 'similar_signatures', 'similar_df', 'similar_pending']) {
    await sql`DELETE FROM ${sql.table(t)}`.execute(target);
  }
}

/** PostgreSQL hands out ids from a sequence: set each past the copied ids, so the next 新增 does not collide. */
async function moveSequences(target: Db, plans: TablePlan[]): Promise<void> {
  for (const p of plans) {
    if (!p.identity) continue;
    await sql`SELECT setval(pg_get_serial_sequence(${p.name}, ${p.identity}), coalesce((SELECT max(${sql.ref(p.identity)}) FROM ${sql.table(p.name)}), 0) + 1, false)`.execute(target);
  }
}

/** Counts and checksums of every ledger table of one database (tests, and the report after export). */
export async function ledgerChecks(db: Db): Promise<TableCheck[]> {
  const plans = await planCopy(db, db);
  const out: TableCheck[] = [];
  for (const p of plans) out.push(await checkTable(db, p));
  return out;
}
