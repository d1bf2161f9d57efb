import type { jobChannels } from '../../contract/jobs.ts';
import type { GroupHandlers } from '../group.ts';
import { cancelJob, jobStatus, startJob } from './runner.ts';

export const jobHandlers: GroupHandlers<typeof jobChannels> = {
  'jobs:start': (core, request) => startJob(core, request),
  'jobs:status': async (_core, { jobId }) => jobStatus(jobId),
  'jobs:cancel': (_core, { jobId }) => cancelJob(jobId),
};
