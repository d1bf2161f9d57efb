import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import { SNAPSHOT_KIND_LABEL, type SnapshotDelta } from '../../contract/snapshots.ts';
import type { Core } from '../../core/context.ts';
import { compareSnapshots } from '../../core/snapshots/delta.ts';
import { deleteSnapshot, listSnapshots, saveSnapshot } from '../../core/snapshots/take.ts';
import { AppError } from '../../errors.ts';

/** `stats --since-snapshot ID`: the 较上期 figures against today's ledger, with the measures behind them. */
export async function sinceSnapshot(core: Core, id: string | number, today: string = core.today()): Promise<Omit<SnapshotDelta, 'to'>> {
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) throw new AppError('invalid_input', `快照编号应为正整数：${id}`);
  const { to: _to, ...delta } = await compareSnapshots(core.db, n, undefined, today);
  return delta;
}

export const snapshotCommand: CliCommand = {
  summary: '保存快照（供“较上期”对比），或列出、删除快照',
  usage: 'snapshot [--note 说明] | snapshot --list [--json] | snapshot --delete ID [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { note: { type: 'string' }, list: { type: 'boolean' }, delete: { type: 'string' }, json: { type: 'boolean' } });
    return withCore(values['data-dir'], async (core) => {
      if (values.list) {
        const list = await listSnapshots(core.db);
        if (values.json) console.log(JSON.stringify(list));
        else if (!list.length) console.log('还没有快照。');
        else
          for (const s of list)
            console.log(`#${s.id}  ${s.takenOn}  ${SNAPSHOT_KIND_LABEL[s.kind]}  措施 ${s.measures}，已销号 ${s.closed}，逾期 ${s.red}${s.note ? `  ${s.note}` : ''}`);
        return 0;
      }
      if (values.delete !== undefined) {
        const id = Number(values.delete);
        if (!Number.isInteger(id) || id <= 0) throw new AppError('invalid_input', `快照编号应为正整数：${values.delete}`);
        await deleteSnapshot(core, id);
        console.log(`已删除快照 #${id}`);
        return 0;
      }
      const s = await saveSnapshot(core, values.note?.trim() || null);
      if (values.json) console.log(JSON.stringify(s));
      else console.log(`已保存快照 #${s.id}（${s.takenOn}）：措施 ${s.measures} 项，已销号 ${s.closed} 项，逾期 ${s.red} 项`);
      return 0;
    });
  },
};
