import type { SupervisionEntity } from '../../../shared/contract/supervision.ts';

/** Tag colours of the supervision registers in the 回收站. */
export const SUPERVISION_COLOR: Record<SupervisionEntity, string> = {
  supervision_relation: 'geekblue',
  supervision_activity: 'green',
  supervisor: 'gold',
  observation_window: 'lime',
  supervision_briefing: 'magenta',
  satisfaction: 'volcano',
};
