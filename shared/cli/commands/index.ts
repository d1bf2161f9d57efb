import type { CliCommand } from '../args.ts';
import { seedCommand } from './seed.ts';
import { statsCommand } from './stats.ts';

/** Every CLI command, by name. Each lives in its own file beside this one. */
export const commands: Record<string, CliCommand> = {
  seed: seedCommand,
  stats: statsCommand,
};
