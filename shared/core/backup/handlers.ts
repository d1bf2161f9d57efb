import type { backupChannels } from '../../contract/backup.ts';
import type { GroupHandlers } from '../group.ts';
import { backupOverview, createBackup, exportBackupFile, restoreFromArchive, restoreFromBackup, setBackupKeep, undoLastRestore } from './service.ts';

export const backupHandlers: GroupHandlers<typeof backupChannels> = {
  'backup:list': async (core) => backupOverview(core),
  'backup:create': (core) => createBackup(core, 'manual'),
  'backup:export': (core, { id }) => exportBackupFile(core, id),
  'backup:restore': (core, input) =>
    'id' in input ? restoreFromBackup(core, input.id) : restoreFromArchive(core, Buffer.from(input.file.base64, 'base64'), input.file.name),
  'backup:undo-restore': (core) => undoLastRestore(core),
  'backup:set-keep': (core, { keep }) => setBackupKeep(core, keep),
};
