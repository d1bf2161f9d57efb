import type { importChannels } from '../../contract/import.ts';
import type { GroupHandlers } from '../group.ts';

export const importHandlers: GroupHandlers<typeof importChannels> = {};
