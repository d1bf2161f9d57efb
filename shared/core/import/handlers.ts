import type { importChannels } from '../../contract/import.ts';
import type { GroupHandlers } from '../group.ts';
import { commitImport } from './commit.ts';
import { headerWords, saveHeaderWords } from './header-words.ts';
import { prepareImport } from './preview.ts';
import { decodeUpload } from './upload.ts';
import { exportUnitSheets } from './unit-sheets/export.ts';
import { commitReturnedSheets, previewReturnedSheets } from './unit-sheets/returned.ts';

export const importHandlers: GroupHandlers<typeof importChannels> = {
  'import:preview': async (core, { file, batchId, mappings }) => (await prepareImport(core, file.name, decodeUpload(file), batchId, mappings)).preview,
  'import:commit': async (core, { file, batchId, mappings, newUnits, unitMap, applyUpdates }) => {
    const prepared = await prepareImport(core, file.name, decodeUpload(file), batchId, mappings);
    return commitImport(core, prepared, { batchId, newUnits, unitMap, applyUpdates });
  },
  'import:header-words': (core) => headerWords(core),
  'import:header-words:save': (core, { extra }) => saveHeaderWords(core, extra),
  'unitSheets:export': (core, { unitIds, singleFile }) => exportUnitSheets(core, { unitIds, singleFile }),
  'unitSheets:preview': (core, { files }) => previewReturnedSheets(core, files.map((f) => ({ name: f.name, bytes: decodeUpload(f) }))),
  'unitSheets:commit': (core, { files, measureIds }) => commitReturnedSheets(core, files.map((f) => ({ name: f.name, bytes: decodeUpload(f) })), measureIds),
};
