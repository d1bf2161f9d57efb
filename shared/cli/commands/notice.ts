import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import type { FileOut } from '../../contract/common.ts';
import type { NoticeDto } from '../../contract/reports.ts';
import { NOTICE_LEVEL_LABEL } from '../../contract/reports.ts';
import { callChannel, writeOut } from './report-io.ts';

export const noticeCommand: CliCommand = {
  summary: '为逾期或停滞的措施发出督办通知单（Word），或重印、列出已发通知单',
  usage:
    'notice --measure ID --out 文件.docx [--level reminder|supervise|warning] [--reply-by 日期]  |  notice --reprint 通知单ID --out 文件.docx  |  notice --list  [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, {
      measure: { type: 'string' },
      out: { type: 'string' },
      level: { type: 'string' },
      'reply-by': { type: 'string' },
      reprint: { type: 'string' },
      list: { type: 'boolean' },
    });
    return withCore(values['data-dir'], async (core) => {
      if (values.list) {
        const notices = (await callChannel(core, 'notice:list', { limit: 1000 })) as NoticeDto[];
        if (notices.length === 0) console.log('尚未发出督办通知单');
        for (const n of notices) console.log(`${n.id}\t${n.docNumber}\t${NOTICE_LEVEL_LABEL[n.level]}\t${n.issuedDate}\t${n.unitName}\t${n.reason}`);
        return 0;
      }
      if (values.reprint) {
        const file = (await callChannel(core, 'notice:reprint', { id: Number(values.reprint) })) as FileOut;
        console.log(`已重印：${writeOut(file, values.out)}`);
        return 0;
      }
      if (!values.measure) {
        console.error(`用法：${this.usage}`);
        return 2;
      }
      const { notice, file } = (await callChannel(core, 'notice:create', {
        measureId: Number(values.measure),
        level: values.level as never,
        replyBy: values['reply-by'],
      })) as { notice: NoticeDto; file: FileOut };
      console.log(`已发出 ${notice.docNumber}（${NOTICE_LEVEL_LABEL[notice.level]}，${notice.reason}）：${writeOut(file, values.out)}`);
      return 0;
    });
  },
};
