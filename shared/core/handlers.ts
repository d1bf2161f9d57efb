import type { ChannelName } from '../contract/index.ts';
import type { Handler } from './invoke.ts';
import { importHandlers } from './import/handlers.ts';
import { ledgerHandlers } from './ledger/handlers.ts';
import { reportHandlers } from './reports/handlers.ts';
import { recycleHandlers } from './recycle/handlers.ts';
import { backupHandlers } from './backup/handlers.ts';
import { jobHandlers } from './jobs/handlers.ts';
import { reportTemplateHandlers } from './reports/template/handlers.ts';
import { snapshotHandlers } from './snapshots/handlers.ts';
import { assessmentHandlers } from './assessment/handlers.ts';
import { similarHandlers } from './similar/handlers.ts';
import { bulkHandlers } from './bulk/handlers.ts';
import { supervisionHandlers } from './supervision/handlers.ts';
import { chasingHandlers } from './chasing/handlers.ts';
import { dashboardHandlers } from './dashboard/handlers.ts';
import { officeHandlers } from './office/handlers.ts';
import { usersHandlers } from './office/users-handlers.ts';

/** One handler per channel; the type check fails if a channel has none. */
export const handlers: { [K in ChannelName]: Handler<K> } = { ...reportTemplateHandlers, ...ledgerHandlers, ...importHandlers, ...reportHandlers, ...recycleHandlers, ...backupHandlers, ...jobHandlers, ...snapshotHandlers, ...assessmentHandlers, ...similarHandlers, ...bulkHandlers, ...supervisionHandlers, ...chasingHandlers, ...dashboardHandlers, ...officeHandlers, ...usersHandlers };
