import { parseArgs } from 'node:util';
import { openCore, type Core } from '../core/context.ts';
import { defaultDataDir } from '../core/data-dir.ts';
import { sweepAtStart } from '../core/ledger/evidence-sweep.ts';
import { dailyBackup } from '../core/backup/automatic.ts';

export interface CliCommand {
  /** One line for `help`, in Chinese. */
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** Parse a command's own flags; `--data-dir` is accepted by every command. */
export function parseCommandArgs<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(argv: string[], options: T) {
  return parseArgs({ args: argv, options: { ...options, 'data-dir': { type: 'string' } }, allowPositionals: true, strict: true });
}

export async function withCore<R>(dataDirArg: string | undefined, fn: (core: Core) => Promise<R>): Promise<R> {
  const core = await openCore({ dataDir: dataDirArg ?? defaultDataDir(), mode: 'cli' });
  try {
    // stderr: stdout may be a command's JSON.
    await sweepAtStart(core, (line) => console.error(line));
    await dailyBackup(core); // awaited: a short command must not close the ledger under it; it never throws
    return await fn(core);
  } finally {
    await core.close();
  }
}
