import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import type { FileOut } from '../../contract/common.ts';
import type { NoticeDto } from '../../contract/reports.ts';
import { NOTICE_LEVEL_LABEL } from '../../contract/reports.ts';
import { callChannel, writeOut } from './report-io.ts';

export const noticeCommand: CliCommand = {
  summary: '催办：为逾期或停滞的措施、或一个单位的逾期事项发出提醒函/督办通知单/告诫函（Word），给所有有逾期事项的单位各发一份，或重印、列出已发通知',
  usage:
    'notice --measure ID | --unit ID [--late-only] | --all  --out 文件 [--level reminder|supervise|warning] [--reply-by 日期]  |  notice --reprint 通知ID --out 文件.docx  |  notice --list [--unit ID]  [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, {
      measure: { type: 'string' },
      unit: { type: 'string' },
      'late-only': { type: 'boolean' },
      all: { type: 'boolean' },
      out: { type: 'string' },
      level: { type: 'string' },
      'reply-by': { type: 'string' },
      reprint: { type: 'string' },
      list: { type: 'boolean' },
    });
    return withCore(values['data-dir'], async (core) => {
      if (values.list) {
        const notices = (await callChannel(core, 'notice:list', { limit: 1000, ...(values.unit ? { unitId: Number(values.unit) } : {}) })) as NoticeDto[];
        if (notices.length === 0) console.log('尚未发出催办通知');
        for (const n of notices) console.log(`${n.id}\t${n.docNumber}\t${NOTICE_LEVEL_LABEL[n.level]}\t${n.issuedDate}\t${n.unitName}\t${n.items.map((i) => i.number).join('、')}\t${n.reason}`);
        return 0;
      }
      if (values.reprint) {
        const file = (await callChannel(core, 'notice:reprint', { id: Number(values.reprint) })) as FileOut;
        console.log(`已重印：${writeOut(file, values.out)}`);
        return 0;
      }
      if (values.all) {
        const { notices, file } = (await callChannel(core, 'notice:create-all', { level: values.level as never, replyBy: values['reply-by'] })) as { notices: NoticeDto[]; file: FileOut };
        for (const n of notices) console.log(`已发出 ${n.docNumber}（${NOTICE_LEVEL_LABEL[n.level]}）→ ${n.unitName}：${n.items.map((i) => i.number).join('、')}`);
        console.log(`共 ${notices.length} 个单位：${writeOut(file, values.out)}`);
        return 0;
      }
      if (!values.measure && !values.unit) {
        console.error(`用法：${this.usage}`);
        return 2;
      }
      const { notice, file } = (await callChannel(core, 'notice:create', {
        ...(values.measure ? { measureId: Number(values.measure) } : {}),
        ...(values.unit ? { unitId: Number(values.unit), lateOnly: Boolean(values['late-only']) } : {}),
        level: values.level as never,
        replyBy: values['reply-by'],
      })) as { notice: NoticeDto; file: FileOut };
      console.log(`已发出 ${notice.docNumber}（${NOTICE_LEVEL_LABEL[notice.level]}，${notice.reason}）→ ${notice.unitName}：${writeOut(file, values.out)}`);
      return 0;
    });
  },
};
