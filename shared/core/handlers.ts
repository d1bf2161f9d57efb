import type { ChannelName } from '../contract/index.ts';
import type { Handler } from './invoke.ts';
import { importHandlers } from './import/handlers.ts';
import { ledgerHandlers } from './ledger/handlers.ts';
import { reportHandlers } from './reports/handlers.ts';
import { recycleHandlers } from './recycle/handlers.ts';
import { backupHandlers } from './backup/handlers.ts';
import { jobHandlers } from './jobs/handlers.ts';

/** One handler per channel; the type check fails if a channel has none. */
export const handlers: { [K in ChannelName]: Handler<K> } = { ...ledgerHandlers, ...importHandlers, ...reportHandlers, ...recycleHandlers, ...backupHandlers, ...jobHandlers };
