import { sql } from 'kysely';
import { seededRng } from '../../domain/seeded-random.ts';
import { addDays } from '../../domain/dates.ts';
import type { DeadlineKind, MeasureStatus } from '../../domain/vocabulary.ts';
import type { Core } from '../context.ts';
import type { Db } from '../db/open.ts';
import { getSettings } from '../ledger/settings.ts';
import { writeFindings, type NewFinding, type NewMeasure } from '../ledger/rows-write.ts';
import { audit, withWrite } from '../ledger/write.ts';
import { seedSupervisionRegisters } from '../supervision/seed.ts';

/**
 * Realistic synthetic ledgers for tests and benchmarks (`npm run cli -- seed --findings N`).
 * A developer tool, on SQLite or the office's PostgreSQL alike: one transaction, rows built by the
 * same builders as a clerk's entries and written in chunks by the bulk writer (ledger/rows-write.ts),
 * because 100,000 findings must load in a practical time. Deterministic for a given seed.
 */

const COUNTY = ['青山县', '白水县', '龙泉区', '安宁县'];
const DEPTS = ['乡村振兴局', '财政局', '农业农村局', '教育局', '卫生健康局', '人力资源和社会保障局', '住房和城乡建设局', '交通运输局', '水利局', '民政局'];
const CATEGORIES = ['产业扶贫方面', '扶贫资金使用方面', '教育扶贫方面', '健康扶贫方面', '易地扶贫搬迁方面', '基础设施建设方面', '作风建设方面', '群众满意度方面'];
const SUBJECTS = ['扶贫资金', '产业项目', '小额信贷', '危房改造', '饮水安全', '控辍保学', '医疗救助', '就业帮扶', '集体经济', '帮扶干部', '易地搬迁安置点', '村级道路', '光伏电站', '消费扶贫', '技能培训', '低保审核', '驻村工作队', '农村电网', '特色种植', '乡村旅游'];
const PROBLEMS = ['拨付滞后，资金闲置', '监管不到位，台账不完整', '同质化严重，带贫效果不明显', '政策宣传不到位，群众知晓率低', '动态监测不及时', '后续管护机制不健全', '公示公开不规范', '考核流于形式', '进度缓慢，未按期完工', '底数不清，信息录入有误', '验收把关不严', '群众参与度不高'];
const ACTIONS = ['全面排查', '建立台账并按月通报', '开展专项督查', '完善管理制度', '约谈相关责任人', '组织专题培训', '建立长效机制', '逐户核实整改'];
const PEOPLE = ['李明', '王芳', '张强', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周杰', '吴霞'];

const rng = seededRng;

export interface SeedResult {
  batches: number;
  findings: number;
  measures: number;
  progress: number;
  units: number;
}

/** Findings held in memory before they are written: bounds memory on a 100,000-finding seed. */
const FLUSH_AT = 4_000;

export async function seedSynthetic(core: Core, opts: { findings: number; seed?: number }): Promise<SeedResult> {
  const rand = rng(opts.seed ?? 20261121);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const { immediateDays } = await getSettings(core.db);

  const result = await withWrite(core, async (trx, actor) => {
    const { today, at: now } = actor;
    const ctx = { operator: actor.operator, at: now, immediateDays };
    const result: SeedResult = { batches: 0, findings: 0, measures: 0, progress: 0, units: 0 };
    const orgs = await trx.selectFrom('organizations').select(['id', 'name']).orderBy('id').execute();
    const orgIds = orgs.map((o) => o.id);
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));

    const unitIds: number[] = [];
    const unitName = new Map<number, string>();
    for (const county of COUNTY) {
      for (const dept of DEPTS) {
        const name = county + dept;
        await trx
          .insertInto('units')
          .values({ name, contact_person: pick(PEOPLE), contact_phone: `0838-62${String(Math.floor(rand() * 100000)).padStart(5, '0')}`, created_at: now })
          .onConflict((oc) => oc.doNothing())
          .execute();
        const id = (await trx.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
        const alias = county.slice(0, 2) + dept.replace('人力资源和社会保障局', '人社局').replace('住房和城乡建设局', '住建局');
        await trx.insertInto('unit_aliases').values({ unit_id: id, alias }).onConflict((oc) => oc.doNothing()).execute();
        unitIds.push(id);
        unitName.set(id, name);
      }
    }
    result.units = unitIds.length;

    let pending: NewFinding[] = [];
    const flush = async () => {
      const written = await writeFindings(trx, pending, ctx);
      result.findings += written.findingIds.length;
      result.measures += written.measures;
      result.progress += written.progress;
      pending = [];
    };
    const perBatch = 80;
    const batchCount = Math.max(1, Math.ceil(opts.findings / perBatch));
    let remaining = opts.findings;
    for (let b = 0; b < batchCount; b++) {
      const received = addDays(today, -Math.floor(rand() * 1000) - 30);
      const year = received.slice(0, 4);
      const county = pick(COUNTY);
      const orgId = pick(orgIds);
      const docNumber = `统战〔${year}〕${b + 1}号`;
      const batchId = (
        await trx
          .insertInto('batches')
          .values({
            organization_id: orgId, area: `${county}脱贫攻坚`, doc_number: docNumber, received_date: received,
            topic: `${county}脱贫攻坚民主监督反馈意见（第${b + 1}批）`, mode: pick(['专项监督', '视察监督', '调研', '暗访']), created_at: now, updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      result.batches++;
      const n = Math.min(perBatch, remaining);
      remaining -= n;
      for (let i = 1; i <= n; i++) {
        const category = pick(CATEGORIES);
        const subject = pick(SUBJECTS);
        const text = `${county}部分乡镇${subject}${pick(PROBLEMS)}。`;
        const suggestion = `建议${pick(ACTIONS)}，加强${subject}管理。`;
        const measureCount = 1 + Math.floor(rand() * 4);
        const measures: NewMeasure[] = [];
        for (let s = 1; s <= measureCount; s++) {
          const r = rand();
          const kind: DeadlineKind = r < 0.8 ? 'date' : r < 0.9 ? 'immediate' : 'standing';
          // 立行立改 gets the office's default span from its 交办 day, as a clerk's entry does (rows.ts).
          const deadline = kind === 'date' ? addDays(received, 30 + Math.floor(rand() * 400)) : kind === 'immediate' ? addDays(received, immediateDays) : null;
          // Like real ledgers: most items past their deadline are closed, a few are late.
          const x = rand();
          const past = deadline !== null && deadline < today;
          let status: MeasureStatus =
            kind === 'standing'
              ? x < 0.7 ? 'standing' : 'in_progress'
              : past
                ? x < 0.8 ? 'closed' : x < 0.85 ? 'standing' : x < 0.9 ? 'pending' : x < 0.98 ? 'in_progress' : 'not_started'
                : x < 0.2 ? 'closed' : x < 0.75 ? 'in_progress' : x < 0.9 ? 'not_started' : 'pending';
          if (status === 'standing' && kind !== 'standing' && rand() < 0.5) status = 'closed';
          const mtext = `${pick(ACTIONS)}${subject}问题，${pick(ACTIONS)}。`;
          const progressCount = status === 'not_started' ? 0 : 1 + Math.floor(rand() * 3);
          let last: string | null = null;
          const progressDates: string[] = [];
          for (let p = 0; p < progressCount; p++) {
            const d = addDays(received, 10 + Math.floor(rand() * Math.max(1, Math.min(900, daysSince(received, today) - 10))));
            const day = d > today ? today : d;
            progressDates.push(day);
            if (!last || day > last) last = day;
          }
          const done = status === 'closed' || status === 'pending';
          const lead = pick(unitIds);
          const person = pick(PEOPLE);
          const co = rand() < 0.3 ? pick(unitIds.filter((u) => u !== lead)) : null;
          measures.push({
            entry: {
              text: mtext, leadUnitId: lead, leader: '分管副县长', person,
              deadline: { kind, date: kind === 'date' ? deadline : null, text: null },
              status, assignedDate: received, lastProgressDate: last,
              resultText: done ? '已按要求完成整改。' : null,
              requestedDate: done ? last ?? received : null,
              verifiedBy: status === 'closed' ? '统战部 赵敏' : null,
              closedDate: status === 'closed' ? (last ?? addDays(received, 60)) : null,
            },
            coUnitIds: co ? [co] : [],
            progress: progressDates.map((date) => ({ date, text: `${pick(ACTIONS)}，已完成阶段性工作。` })),
            // A synthetic ledger carries no workflow history; its figures come from the measures' own columns.
            steps: [],
            search: { text: mtext, leadUnitName: unitName.get(lead), coUnitNames: co ? [unitName.get(co)!] : [], leader: '分管副县长', person },
          });
        }
        pending.push({
          batchId,
          fields: { seq: String(i), sortOrder: i, category, text, suggestion, target: null, note: null },
          measures,
          search: { text, suggestion, docNumber, organizationName: orgName.get(orgId) },
        });
      }
      if (pending.length >= FLUSH_AT) await flush();
    }
    await flush();
    await audit(trx, actor, { action: 'seed', entity: 'sample', entityId: null, after: result });
    await seedSupervisionRegisters(trx, { today, now, seed: opts.seed }); // issue 11: activities, supervisors, windows, satisfaction
    await signReports(trx);
    return result;
  });
  // A bulk load changes the data's shape: give the planner fresh statistics.
  await sql`ANALYZE`.execute(core.db);
  return result;
}

/** Reports go out signed (issue 9): a synthetic ledger gets a synthetic office when none is set. */
async function signReports(trx: Db): Promise<void> {
  const officeName = '中共青山市委统战部';
  const row = await trx.selectFrom('settings').select('value').where('key', '=', 'app').executeTakeFirst();
  if (!row) {
    await trx.insertInto('settings').values({ key: 'app', value: JSON.stringify({ officeName }) }).execute();
    return;
  }
  const value = JSON.parse(row.value) as Record<string, unknown>;
  if (typeof value.officeName === 'string' && value.officeName !== '') return;
  await trx.updateTable('settings').set({ value: JSON.stringify({ ...value, officeName }) }).where('key', '=', 'app').execute();
}

function daysSince(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
