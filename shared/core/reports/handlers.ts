import type { reportChannels } from '../../contract/reports.ts';
import type { GroupHandlers } from '../group.ts';

export const reportHandlers: GroupHandlers<typeof reportChannels> = {};
