import type { Core } from '../context.ts';

/**
 * What report and export builders need of the core: a connection to read from and the report's
 * day. The core itself is one; so is the report worker's read-only connection (jobs/job-worker.ts),
 * which has no folder lock and never writes.
 */
export type ReportReader = Pick<Core, 'db' | 'today'>;
