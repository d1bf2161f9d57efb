import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import { getSettings, thresholdsOf } from '../../core/ledger/settings.ts';
import { dashboardFigures } from '../../core/dashboard/figures.ts';
import { assessmentTable } from '../../core/assessment/table.ts';
import { isIsoDate } from '../../domain/dates.ts';
import { sinceSnapshot } from './snapshot.ts';
import { MEASURE_STATUS_LABEL, SIGNAL_LABEL, type MeasureStatus, type Signal } from '../../domain/vocabulary.ts';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

/**
 * `stats`: the same figures as the 分析 page (one core function for both): by status and signal,
 * completion and on-time rates, per lead unit, party, batch and category.
 */
export const statsCommand: CliCommand = {
  summary: '台账统计：按状态、预警、责任单位、党派、批次、类别（与“分析”页相同）',
  usage: 'stats [--json] [--today YYYY-MM-DD] [--since-snapshot ID] [--data-dir D]（--json 另含本年单位考核 assessment）',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { json: { type: 'boolean' }, today: { type: 'string' }, 'since-snapshot': { type: 'string' } });
    if (values.today !== undefined && !isIsoDate(values.today)) {
      console.error('--today 应为 年-月-日，例如 2026-06-30');
      return 2;
    }
    const stats = await withCore(values['data-dir'], async (core) => {
      const settings = await getSettings(core.db);
      const figures = await dashboardFigures(core.db, values.today ?? core.today(), thresholdsOf(settings), { rankUnits: !!settings.rankUnits });
      // 较上期 (d2): the snapshot against the ledger on the same day, with the measures behind each number.
      const since = values['since-snapshot'] === undefined ? {} : { sinceSnapshot: await sinceSnapshot(core, values['since-snapshot'], values.today ?? core.today()) };
      // 单位考核 rows of this year up to the day (the 单位考核 page's default period).
      const assessment = await assessmentTable(core.db, {}, values.today ?? core.today());
      return { ...figures, ...since, assessment };
    });
    if (values.json) {
      console.log(JSON.stringify(stats));
      return 0;
    }
    console.log(`统计日期 ${stats.today}：反馈问题 ${stats.findings} 个，整改措施 ${stats.measures} 项`);
    console.log(`按状态：${Object.entries(stats.byStatus).map(([s, n]) => `${MEASURE_STATUS_LABEL[s as MeasureStatus]} ${n}`).join('，')}`);
    console.log(`按预警：${Object.entries(stats.bySignal).map(([s, n]) => `${SIGNAL_LABEL[s as Signal]} ${n}`).join('，')}`);
    console.log(`完成率 ${pct(stats.completion.rate)}（已销号 ${stats.completion.closed} / 措施 ${stats.completion.measures}）`);
    console.log(`按期完成率 ${pct(stats.onTime.rate)}（按期销号 ${stats.onTime.onTime} / 有时限的已销号与已逾期 ${stats.onTime.counted}）`);
    console.log(stats.ranked ? '责任单位（按完成率排序）：' : '责任单位：');
    for (const u of stats.byUnit) console.log(`  ${u.unit}：措施 ${u.measures}，已销号 ${u.closed}，逾期 ${u.overdue}，临期/停滞 ${u.yellow}`);
    if ('sinceSnapshot' in stats && stats.sinceSnapshot) console.log(`${stats.sinceSnapshot.sentence}（上期快照 ${stats.sinceSnapshot.from.takenOn}）`);
    return 0;
  },
};
