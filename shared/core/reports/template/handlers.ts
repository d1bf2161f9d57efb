import type { reportTemplateChannels } from '../../../contract/report-template.ts';
import type { GroupHandlers } from '../../group.ts';
import { getSettings, thresholdsOf } from '../../ledger/settings.ts';
import { binderPreview } from '../binder/build.ts';
import { docxFile } from '../files.ts';
import { checkTemplate } from './check.ts';
import { buildOfficeFile, planOfficeFile } from './office-files.ts';
import { sampleTemplate } from './sample.ts';
import { readSavedTemplate, removeTemplate, saveTemplate, templateInfo } from './store.ts';

const bytesOf = (file: { base64: string }) => Buffer.from(file.base64, 'base64');

export const reportTemplateHandlers: GroupHandlers<typeof reportTemplateChannels> = {
  'template:info': async (core) => templateInfo(core.db),

  'template:check': async (core, { file }) => {
    if (file) return checkTemplate(bytesOf(file), file.name);
    const saved = await readSavedTemplate(core.db, core.dataDir);
    return checkTemplate(saved.bytes, saved.fileName);
  },

  'template:save': async (core, { file }) => {
    const bytes = bytesOf(file);
    const check = checkTemplate(bytes, file.name);
    // A template with problems is not kept: the office's working template stays as it was.
    if (!check.ok) return { saved: false, check, template: await templateInfo(core.db) };
    const names = [...new Set(check.tags.map((t) => t.name))];
    return { saved: true, check, template: await saveTemplate(core, file.name, bytes, names) };
  },

  'template:remove': async (core) => removeTemplate(core),

  'template:sample': async () => docxFile('整改情况报告-示例模板.docx', await sampleTemplate()),

  'report:template': async (core, input) => {
    const built = await buildOfficeFile(core, await planOfficeFile(core, { kind: 'report:template', input }));
    return docxFile(built.fileName, built.bytes);
  },

  'binder:preview': async (core, { filter }) =>
    binderPreview(core, { filter, dataDir: core.dataDir, thresholds: thresholdsOf(await getSettings(core.db)) }),
};
