import type SQLite from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig, type TransactionSettings } from 'kysely';

/**
 * Kysely's SQLite dialect, with the two changes a ledger shared by several processes needs:
 *
 * - A write transaction begins with BEGIN IMMEDIATE. Kysely issues plain BEGIN, which starts as a
 *   read: when another process writes meanwhile, the first write inside fails at once with
 *   "database is locked" instead of waiting out the busy timeout. A transaction asked for with
 *   `setAccessMode('read only')` keeps the plain (deferred) BEGIN and so never blocks writers.
 * - Rollback is skipped when SQLite already rolled back by itself (disk full, I/O error…);
 *   otherwise "cannot rollback - no transaction is active" would replace the real reason.
 */
export class LedgerSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #sqlite: SQLite.Database;

  constructor(config: SqliteDialectConfig, sqlite: SQLite.Database) {
    super(config);
    this.#config = config;
    this.#sqlite = sqlite;
  }

  override createDriver() {
    return new LedgerSqliteDriver(this.#config, this.#sqlite);
  }
}

class LedgerSqliteDriver extends SqliteDriver {
  readonly #sqlite: SQLite.Database;

  constructor(config: SqliteDialectConfig, sqlite: SQLite.Database) {
    super(config);
    this.#sqlite = sqlite;
  }

  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    const readOnly = settings?.accessMode === 'read only';
    await connection.executeQuery(CompiledQuery.raw(readOnly ? 'begin deferred' : 'begin immediate'));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#sqlite.open || !this.#sqlite.inTransaction) return;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
}
