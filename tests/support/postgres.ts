import crypto from 'node:crypto';
import pg from 'pg';
import { openPostgres, parseDatabaseUrl, databaseUrlOf } from '../../shared/core/db/postgres.ts';
import { LATEST_VERSION } from '../../shared/core/db/open.ts';

/**
 * The integration suite runs once on SQLite files and once on PostgreSQL (issue 12): with
 * RECTIFY_TEST_DATABASE_URL set (a server URL whose user may create databases, e.g.
 * postgres://rectify:rectify@127.0.0.1:5432/postgres), every temp core gets a fresh database of
 * its own, copied from a template migrated once per schema version.
 */
export const TEST_SERVER_URL = process.env.RECTIFY_TEST_DATABASE_URL || null;

export const onPostgres = () => TEST_SERVER_URL !== null;

function withDatabase(url: string, database: string): string {
  return databaseUrlOf({ ...parseDatabaseUrl(url), database });
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_SERVER_URL! });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const TEMPLATE = `rectify_test_template_v${LATEST_VERSION}`;
let templateReady: Promise<void> | null = null;

async function ensureTemplate(): Promise<void> {
  templateReady ??= admin(async (c) => {
    // Test files run in parallel processes: one makes the template, the others wait for it.
    await c.query('SELECT pg_advisory_lock(7130218)');
    try {
      const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]);
      if (found.rowCount) return;
      const building = `${TEMPLATE}_building`;
      await c.query(`DROP DATABASE IF EXISTS ${building}`);
      await c.query(`CREATE DATABASE ${building} ENCODING 'UTF8' TEMPLATE template0`);
      const opened = await openPostgres(withDatabase(TEST_SERVER_URL!, building));
      await opened.close();
      await c.query(`ALTER DATABASE ${building} RENAME TO ${TEMPLATE}`);
    } finally {
      await c.query('SELECT pg_advisory_unlock(7130218)');
    }
  });
  return templateReady;
}

/** A fresh, migrated, empty ledger database; returns its URL. */
export async function freshTestDatabase(options: { empty?: boolean } = {}): Promise<string> {
  const name = `rectify_test_${crypto.randomBytes(6).toString('hex')}`;
  if (options.empty) {
    await admin((c) => c.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`));
  } else {
    await ensureTemplate();
    // CREATE DATABASE … TEMPLATE refuses while another session copies the same template: retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`));
        break;
      } catch (err) {
        if (attempt > 50 || !/being accessed by other users/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
      }
    }
  }
  return withDatabase(TEST_SERVER_URL!, name);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = parseDatabaseUrl(url).database;
  // On a server where the test role may not end the autovacuum worker (no pg_signal_backend,
  // which scripts/test-postgres.mjs grants on its own cluster), wait for the worker to finish.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      return;
    } catch (err) {
      if (attempt >= 40 || (err as { code?: string }).code !== '42501') throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/**
 * The suite's signed-in clerk as an account of the shared ledger (office mode checks that the
 * signed-in account exists and is not disabled). Returns its id (1 in a fresh database).
 */
export async function addTestClerk(url: string, displayName: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const now = new Date().toISOString();
    const r = await c.query(
      `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at) VALUES ('test', $1, 'admin', 'scrypt$test-only$no-sign-in', $2, $2) RETURNING id`,
      [displayName, now],
    );
    return Number(r.rows[0].id);
  } finally {
    await c.end();
  }
}
