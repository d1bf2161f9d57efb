import type { reportChannels } from '../../contract/reports.ts';
import type { GroupHandlers } from '../group.ts';
import { writeArchive } from '../backup/archive.ts';
import { docxFile } from '../reports/files.ts';
import { createAllNotices, createNotice, getNotice, listNotices, previewNotices, renderNotice } from '../reports/notices.ts';

type NoticeChannels = 'notice:create' | 'notice:preview' | 'notice:create-all' | 'notice:list' | 'notice:reprint';

/** The notice channels (issue 10, chasing); registered with the report channels they belong to. */
export const noticeHandlers: Pick<GroupHandlers<typeof reportChannels>, NoticeChannels> = {
  'notice:create': async (core, input) => {
    const created = await createNotice(core, input);
    const { fileName, bytes } = await renderNotice(core, created.id);
    return { notice: await getNotice(core, created.id), file: docxFile(fileName, bytes) };
  },

  'notice:preview': async (core, input) => previewNotices(core, input),

  // One transaction for every unit; then one Word file per unit, in one .zip (each is sent on its own).
  'notice:create-all': async (core, input) => {
    const created = await createAllNotices(core, input);
    const files = [];
    for (const n of created) {
      const { fileName, bytes } = await renderNotice(core, n.id);
      files.push({ name: fileName, data: bytes });
    }
    const first = created[0].doc_number;
    const last = created[created.length - 1].doc_number;
    const zip = writeArchive(files, core.now());
    return {
      notices: await Promise.all(created.map((n) => getNotice(core, n.id))),
      file: { fileName: `逾期事项通知_${core.today()}_${created.length}个单位（${first}${created.length > 1 ? `至${last}` : ''}）.zip`.replace(/[\\/:*?"<>|]/g, '_'), base64: zip.toString('base64'), mime: 'application/zip' },
    };
  },

  'notice:list': async (core, input) => listNotices(core, input),

  'notice:reprint': async (core, { id }) => {
    const { fileName, bytes } = await renderNotice(core, id);
    return docxFile(fileName, bytes);
  },
};
