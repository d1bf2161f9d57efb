import type { CliCommand } from '../args.ts';
import { parseCommandArgs, withCore } from '../args.ts';
import { ACTIVITY_KIND_LABEL, BRIEFING_KIND_LABEL, SATISFACTION_LABEL, SUPERVISOR_KIND_LABEL, SUPERVISOR_STATUS_LABEL, WINDOW_LEVEL_LABEL } from '../../contract/supervision.ts';
import type { Core } from '../../core/context.ts';
import { listActivities } from '../../core/supervision/activities.ts';
import { listBriefings } from '../../core/supervision/briefings.ts';
import { listRelations } from '../../core/supervision/relations.ts';
import { listSatisfaction } from '../../core/supervision/satisfaction.ts';
import { listSupervisors } from '../../core/supervision/supervisors.ts';
import { listWindows } from '../../core/supervision/windows.ts';

/** `supervision-list <登记簿> [--year YYYY] [--json]`: one supervision register, phones never included. */
const REGISTERS: Record<string, (core: Core, year: number | null) => Promise<{ rows: unknown[]; lines: string[] }>> = {
  relations: async (core) => {
    const rows = await listRelations(core.db);
    return { rows, lines: rows.map((r) => `${r.sinceDate}  ${r.organizationName} → ${r.area}  ${r.planTitle ?? ''}`) };
  },
  activities: async (core, year) => {
    const rows = await listActivities(core.db, { year });
    return { rows, lines: rows.map((a) => `${a.date}  ${ACTIVITY_KIND_LABEL[a.kind]}  ${a.organizationName}  ${a.participants}人次  ${a.reportTitle ?? ''}`) };
  },
  supervisors: async (core) => {
    const rows = await listSupervisors(core.db);
    return { rows, lines: rows.map((s) => `${SUPERVISOR_KIND_LABEL[s.kind]}  ${s.name}  ${s.organizationName}  ${s.workUnit ?? ''}  ${s.appointedDate}  ${SUPERVISOR_STATUS_LABEL[s.status]}`) };
  },
  windows: async (core) => {
    const rows = await listWindows(core.db);
    return { rows, lines: rows.map((w) => `${WINDOW_LEVEL_LABEL[w.level]}  ${w.place}  ${w.organizationName}  ${w.households}户  ${w.establishedDate}`) };
  },
  briefings: async (core, year) => {
    const rows = await listBriefings(core.db, { year });
    return { rows, lines: rows.map((b) => `${b.date}  ${BRIEFING_KIND_LABEL[b.kind]}  ${b.organizationName}  ${b.title}`) };
  },
  satisfaction: async (core, year) => {
    const rows = await listSatisfaction(core.db, { year });
    return { rows, lines: rows.map((s) => `${s.date}  ${SATISFACTION_LABEL[s.grade]}  ${s.batchLabel}${s.findingLabel ? `  ${s.findingLabel}` : ''}`) };
  },
};

export const supervisionListCommand: CliCommand = {
  summary: '列出民主监督登记簿：relations 对口监督 / activities 监督活动 / supervisors 特邀监督员 / windows 观察窗口 / briefings 通报 / satisfaction 满意度',
  usage: 'supervision-list <relations|activities|supervisors|windows|briefings|satisfaction> [--year YYYY] [--json] [--data-dir D]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { year: { type: 'string' }, json: { type: 'boolean' } });
    const register = REGISTERS[positionals[0] ?? ''];
    if (!register) {
      console.error(`请指明登记簿：${Object.keys(REGISTERS).join(' / ')}`);
      return 2;
    }
    const year = values.year ? Number(values.year) : null;
    if (year !== null && (!Number.isInteger(year) || year < 2000 || year > 2100)) {
      console.error('--year 应为 2000 到 2100 之间的四位数字');
      return 2;
    }
    const { rows, lines } = await withCore(values['data-dir'], (core) => register(core, year));
    if (values.json) console.log(JSON.stringify(rows));
    else console.log(lines.length ? lines.join('\n') : '（没有记录）');
    return 0;
  },
};
