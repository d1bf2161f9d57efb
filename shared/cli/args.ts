import { parseArgs } from 'node:util';
import { openCore, type Core } from '../core/context.ts';
import { defaultDataDir } from '../core/data-dir.ts';
import { sweepAtStart } from '../core/ledger/evidence-sweep.ts';
import { dailyBackup } from '../core/backup/automatic.ts';
import { parseDatabaseUrl } from '../core/db/postgres.ts';

export interface CliCommand {
  /** One line for `help`, in Chinese. */
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** The shared ledger named by `--database-url` (read by parseCommandArgs), else RECTIFY_DATABASE_URL. */
let databaseUrlArg: string | undefined;

/**
 * Parse a command's own flags; `--data-dir` and `--database-url postgres://user:password@host:port/db`
 * (the office's shared ledger instead of a data folder) are accepted by every command.
 */
export function parseCommandArgs<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(argv: string[], options: T) {
  const parsed = parseArgs({ args: argv, options: { ...options, 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } }, allowPositionals: true, strict: true });
  const url = (parsed.values as Record<string, unknown>)['database-url'];
  if (typeof url === 'string') databaseUrlArg = url;
  return parsed;
}

export function cliDatabaseUrl(): string | undefined {
  return databaseUrlArg || process.env.RECTIFY_DATABASE_URL || undefined;
}

export async function withCore<R>(dataDirArg: string | undefined, fn: (core: Core) => Promise<R>): Promise<R> {
  const databaseUrl = cliDatabaseUrl();
  const core = await openCore({ dataDir: dataDirArg ?? defaultDataDir(), mode: 'cli', ...(databaseUrl ? { databaseUrl } : {}) });
  try {
    if (core.databaseUrl) {
      // Whoever holds the server's password reaches every row anyway: on the command line the
      // database account is the actor, and the audit log names it.
      const user = parseDatabaseUrl(core.databaseUrl).user || 'postgres';
      core.user = { id: 0, username: user, displayName: `命令行（数据库用户 ${user}）`, role: 'admin' };
      return await fn(core);
    }
    // stderr: stdout may be a command's JSON.
    await sweepAtStart(core, (line) => console.error(line));
    await dailyBackup(core); // awaited: a short command must not close the ledger under it; it never throws
    return await fn(core);
  } finally {
    await core.close();
  }
}
