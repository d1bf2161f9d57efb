import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import { getSettings, thresholdsOf } from '../../core/ledger/settings.ts';
import { getStats } from '../../core/ledger/stats.ts';
import { MEASURE_STATUS_LABEL, SIGNAL_LABEL, type MeasureStatus, type Signal } from '../../domain/vocabulary.ts';

export const statsCommand: CliCommand = {
  summary: '台账统计：按状态、预警、责任单位',
  usage: 'stats [--json] [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { json: { type: 'boolean' } });
    const stats = await withCore(values['data-dir'], async (core) => getStats(core.db, core.today(), thresholdsOf(await getSettings(core.db))));
    if (values.json) {
      console.log(JSON.stringify(stats));
      return 0;
    }
    console.log(`反馈问题 ${stats.findings} 个，整改措施 ${stats.measures} 项`);
    console.log(`按状态：${Object.entries(stats.byStatus).map(([s, n]) => `${MEASURE_STATUS_LABEL[s as MeasureStatus]} ${n}`).join('，')}`);
    console.log(`按预警：${Object.entries(stats.bySignal).map(([s, n]) => `${SIGNAL_LABEL[s as Signal]} ${n}`).join('，')}`);
    for (const u of stats.byUnit) console.log(`  ${u.unit}：措施 ${u.measures}，已销号 ${u.closed}，逾期 ${u.overdue}`);
    return 0;
  },
};
