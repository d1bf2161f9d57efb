import { execFileSync } from 'node:child_process';
import type SQLite from 'better-sqlite3';
import type { Core } from '../../shared/core/context.ts';
import { parseDatabaseUrl } from '../../shared/core/db/postgres.ts';

/**
 * Tests check the app's figures against SQL they write themselves, apart from the app's code:
 * `rawSql(core).prepare(text).get(…)`. On SQLite that is the file's own connection. On
 * PostgreSQL it is psql, run synchronously, with a few SQLite words the tests' SQL uses
 * (julianday, sum over a comparison, group_concat) defined in a schema of its own, `sqlite_words`, that only
 * these sessions put on their search path — the app's connections never see it, so the app's own
 * SQL must stay portable on its own.
 */
type Params = unknown[];

interface RawStatement {
  get(...params: Params): unknown;
  all(...params: Params): unknown[];
  run(...params: Params): { changes: number };
  pluck(): { get(...params: Params): unknown; all(...params: Params): unknown[] };
}

export interface RawDb {
  prepare(text: string): RawStatement;
  exec(text: string): void;
}

export function rawSql(core: Pick<Core, 'sqlite' | 'databaseUrl'>): RawDb {
  if (core.sqlite) return core.sqlite as unknown as RawDb & SQLite.Database;
  return postgresRaw(core.databaseUrl!);
}

const COMPAT = `
CREATE SCHEMA IF NOT EXISTS sqlite_words;
CREATE OR REPLACE FUNCTION sqlite_words.julianday(d text) RETURNS double precision LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN d IS NULL THEN NULL ELSE extract(epoch FROM cast(d AS timestamp)) / 86400.0 + 2440587.5 END $$;
CREATE OR REPLACE FUNCTION sqlite_words.bool_add(acc bigint, b boolean) RETURNS bigint LANGUAGE sql IMMUTABLE AS
  $$ SELECT acc + CASE WHEN b THEN 1 ELSE 0 END $$;
CREATE OR REPLACE FUNCTION sqlite_words.concat_step(acc text, v text, sep text) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || sep || v END $$;
CREATE OR REPLACE FUNCTION sqlite_words.concat_step(acc text, v text) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || ',' || v END $$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'sqlite_words' AND p.proname = 'group_concat') THEN
    CREATE AGGREGATE sqlite_words.group_concat(text, text) (SFUNC = sqlite_words.concat_step, STYPE = text);
    CREATE AGGREGATE sqlite_words.group_concat(text) (SFUNC = sqlite_words.concat_step, STYPE = text);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'sqlite_words' AND p.proname = 'sum') THEN
    CREATE AGGREGATE sqlite_words.sum(boolean) (SFUNC = sqlite_words.bool_add, STYPE = bigint, INITCOND = '0');
  END IF;
END $$;`;

const prepared = new Set<string>();

function psql(url: string, text: string): string {
  const t = parseDatabaseUrl(url);
  const args = ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-h', t.host, '-p', String(t.port), '-U', t.user, '-d', t.database];
  return execFileSync('psql', args, { input: text, encoding: 'utf8', env: { ...process.env, PGPASSWORD: t.password }, maxBuffer: 256 * 1024 * 1024 });
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  return `'${String(v).replace(/'/g, "''")}'`;
}

/** better-sqlite3's parameters (`?` in order, or @name/:name/$name from one object) as literals. */
function bind(text: string, params: Params): string {
  if (params.length === 1 && params[0] && typeof params[0] === 'object' && !Array.isArray(params[0])) {
    const named = params[0] as Record<string, unknown>;
    return text.replace(/[@:$]([A-Za-z_]\w*)/g, (m, k: string) => (k in named ? literal(named[k]) : m));
  }
  const flat = params.flat();
  let i = 0;
  return text.replace(/'(?:[^']|'')*'|\?/g, (m) => (m === '?' ? literal(flat[i++]) : m));
}

/** PostgreSQL folds unquoted aliases to lower case: give the keys back the case the SQL wrote. */
function recase(text: string, rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const names = new Map<string, string>();
  for (const m of text.matchAll(/\b(?:AS\s+)?([A-Za-z_]\w*)\b/gi)) if (/[A-Z]/.test(m[1])) names.set(m[1].toLowerCase(), m[1]);
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [names.get(k) ?? k, v])));
}

function postgresRaw(url: string): RawDb {
  if (!prepared.has(url)) {
    psql(url, COMPAT);
    prepared.add(url);
  }
  const session = 'SET search_path = public, sqlite_words;\n';
  const query = (text: string, params: Params): Record<string, unknown>[] => {
    const body = bind(text, params).trim().replace(/;\s*$/, '');
    const out = psql(url, `${session}SELECT coalesce(json_agg(t), '[]'::json) FROM (${body}) t;`);
    return recase(text, JSON.parse(out.trim() || '[]'));
  };
  return {
    exec: (text) => void psql(url, session + text),
    prepare(text) {
      const isQuery = /^\s*(SELECT|WITH|VALUES)\b/i.test(text);
      const all = (...p: Params) => query(text, p);
      const get = (...p: Params) => all(...p)[0];
      const run = (...p: Params) => {
        if (isQuery) return { changes: all(...p).length };
        const out = psql(url, `${session}${bind(text, p)};`);
        return { changes: Number(/\d+\s*$/.exec(out.trim())?.[0] ?? 0) };
      };
      const first = (r: Record<string, unknown> | undefined) => (r ? Object.values(r)[0] : undefined);
      return { get, all, run, pluck: () => ({ get: (...p: Params) => first(get(...p)), all: (...p: Params) => all(...p).map(first) }) };
    },
  };
}
