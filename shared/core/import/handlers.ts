import type { importChannels } from '../../contract/import.ts';
import type { GroupHandlers } from '../group.ts';
import { commitImport } from './commit.ts';
import { backupBeforeImport } from '../backup/automatic.ts';
import { headerWords, saveHeaderWords } from './header-words.ts';
import { cancelImport, enterStage, importProgress, runImportJob } from './jobs.ts';
import { prepareImport } from './preview.ts';
import { blankTemplate } from './template.ts';
import { decodeUpload } from './upload.ts';
import { exportUnitSheets } from './unit-sheets/export.ts';
import { commitReturnedSheets, previewReturnedSheets } from './unit-sheets/returned.ts';

export const importHandlers: GroupHandlers<typeof importChannels> = {
  // A jobId names the call so the window can ask its progress and cancel it (jobs.ts).
  'import:preview': (core, { file, batchId, mappings, headerRows, jobId }) =>
    runImportJob(jobId, async () => (await prepareImport(core, file.name, decodeUpload(file), batchId, mappings, { headerRows, allowUnlocated: true })).preview),
  'import:commit': (core, { file, batchId, mappings, headerRows, jobId, newUnits, unitMap, applyUpdates, defaultUnitId }) =>
    runImportJob(jobId, async () => {
      const prepared = await prepareImport(core, file.name, decodeUpload(file), batchId, mappings, { headerRows });
      await backupBeforeImport(core); // 导入前 backup: the file was read, the ledger is about to change
      // The last point where a cancel stops it: the writing is one transaction.
      enterStage('写入台账', 0, prepared.parsed.findings.length);
      return commitImport(core, prepared, { batchId, newUnits, unitMap, applyUpdates, defaultUnitId });
    }),
  'import:progress': async (_core, { jobId }) => importProgress(jobId),
  'import:cancel': async (_core, { jobId }) => cancelImport(jobId),
  'import:template': () => blankTemplate(),
  'import:header-words': (core) => headerWords(core),
  'import:header-words:save': (core, { extra }) => saveHeaderWords(core, extra),
  'unitSheets:export': (core, { unitIds, singleFile, dueDate }) => exportUnitSheets(core, { unitIds, singleFile, dueDate }),
  'unitSheets:preview': (core, { files }) => previewReturnedSheets(core, files.map((f) => ({ name: f.name, bytes: decodeUpload(f) }))),
  'unitSheets:commit': (core, { files, measureIds }) => commitReturnedSheets(core, files.map((f) => ({ name: f.name, bytes: decodeUpload(f) })), measureIds),
};
