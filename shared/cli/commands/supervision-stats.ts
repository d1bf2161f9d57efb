import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import { ACTIVITY_KIND_LABEL } from '../../contract/supervision.ts';
import { supervisionStats, statsJson } from '../../core/supervision/stats.ts';

/** `supervision-stats --year YYYY [--json]`: the year's 监督统计 and the 年度工作总结 paragraph. */
export const supervisionStatsCommand: CliCommand = {
  summary: '民主监督年度统计（监督活动、人次、监督员、观察窗口、满意度）和年度总结段落',
  usage: 'supervision-stats --year YYYY [--json] [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { year: { type: 'string' }, json: { type: 'boolean' } });
    const year = Number(values.year);
    if (!values.year || !Number.isInteger(year) || year < 2000 || year > 2100) {
      console.error('请用 --year 指定年度（2000 到 2100 之间的四位数字），例如 --year 2026');
      return 2;
    }
    const stats = await withCore(values['data-dir'], (core) => supervisionStats(core.db, year));
    if (values.json) {
      console.log(JSON.stringify(statsJson(stats, ACTIVITY_KIND_LABEL)));
      return 0;
    }
    const j = statsJson(stats, ACTIVITY_KIND_LABEL);
    console.log(`${year}年民主监督统计`);
    console.log(`监督活动：${Object.entries(j.activities).map(([k, n]) => `${k} ${n}`).join('，')}`);
    console.log(`参与人次 ${j.participants}，报告或意见 ${j.reports} 篇次，监督员 ${j.supervisors} 名`);
    console.log(`观察窗口：县级 ${j.windows.county}，乡镇级 ${j.windows.township}，村级 ${j.windows.village}；观察户数 ${j.households}`);
    console.log(`反馈批次 ${j.batches}，反馈问题 ${j.findings}；满意度：满意 ${j.satisfaction.satisfied}，基本满意 ${j.satisfaction.basically}，不满意 ${j.satisfaction.unsatisfied}`);
    console.log(`\n${stats.paragraph}`);
    return 0;
  },
};
