import type { chasingChannels } from '../../contract/chasing.ts';
import type { GroupHandlers } from '../group.ts';
import { unitDetail } from './unit-detail.ts';

export const chasingHandlers: GroupHandlers<typeof chasingChannels> = {
  'units:detail': (core, { id }) => unitDetail(core, id),
};
