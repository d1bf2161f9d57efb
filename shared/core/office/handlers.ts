import type { officeChannels } from '../../contract/office.ts';
import type { GroupHandlers } from '../group.ts';
import { connectOffice, disconnectOffice, exportToLocal, ledgerRevision, migrateToServer, officeStatus, testConnection } from './service.ts';

export const officeHandlers: GroupHandlers<typeof officeChannels> = {
  'office:status': async (core) => officeStatus(core),
  'office:test-connection': (_core, input) => testConnection(input),
  'office:migrate-to-server': (core, input) => migrateToServer(core, input),
  'office:connect': (core, input) => connectOffice(core, input),
  'office:disconnect': (core) => disconnectOffice(core),
  'office:export-to-local': (core, { folder }) => exportToLocal(core, folder),
  'ledger:revision': (core) => ledgerRevision(core),
};
