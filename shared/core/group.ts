import type { z } from 'zod';
import type { ChannelMap } from '../contract/define.ts';
import type { Core } from './context.ts';

/** The handlers of one group of channels (ledger, import, reports), typed from its contract. */
export type GroupHandlers<M extends ChannelMap> = {
  [K in keyof M]: (core: Core, input: z.output<M[K]['input']>) => Promise<M[K]['result']>;
};
