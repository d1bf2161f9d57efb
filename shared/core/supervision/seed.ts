import { seededRng } from '../../domain/seeded-random.ts';
import type { Db } from '../db/open.ts';
import { insertRows } from '../ledger/rows-insert.ts';
import { addDays } from '../../domain/dates.ts';
import { SUPERVISION_KINDS, SUPPORT_KINDS, type ActivityKind } from '../../contract/supervision.ts';

/**
 * Realistic supervision registers for `seed` (synthetic ledgers): for every year the seeded batches
 * fall in, the activities the published reports count (30-odd 专项监督, 200-odd 人次), briefings and
 * grades of about two batches in three; once, the 特邀监督员 / 扶贫调查员 (45), the observation
 * windows (县级2、乡镇级2、村级9, about 300 households) and each party's 对口监督关系.
 * Written inside the synthetic ledger's transaction through the bulk writer, on SQLite or
 * PostgreSQL; deterministic for a seed.
 */

const COUNTIES = ['青山县', '白水县', '龙泉区', '安宁县'];
const TOWNS = ['城关镇', '新桥镇', '石门乡', '清溪镇', '云台乡', '三河镇', '柳林乡', '马鞍镇'];
const VILLAGES = ['红岩村', '桃源村', '高坪村', '双河村', '金竹村', '白果村', '黄桷村', '回龙村', '团结村', '新华村', '梨花村'];
const SURNAMES = ['李', '王', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['建华', '秀英', '志强', '丽娟', '国平', '海燕', '文斌', '晓梅', '德明', '玉兰', '新民', '春燕', '永刚', '红梅', '立新'];
const WORK_UNITS = ['县人民医院', '县第一中学', '县农业农村局', '县律师事务所', '县会计师事务所', '县职业中学', '县文化馆', '县妇幼保健院', '县科技局', '县农商银行'];
const TOPICS = ['产业扶贫项目', '扶贫资金使用', '易地扶贫搬迁', '教育扶贫政策落实', '健康扶贫', '小额信贷', '农村饮水安全', '危房改造', '驻村帮扶工作'];
const REPORT_KINDS = ['调研报告', '监督报告', '意见建议'];

const rng = seededRng;

export interface SupervisionSeedResult {
  activities: number;
  supervisors: number;
  windows: number;
  briefings: number;
  ratings: number;
  relations: number;
}

const ACTIVITY_COUNTS: Record<ActivityKind, [number, number]> = {
  special: [28, 36], inspection: [3, 6], research: [5, 10], unannounced: [2, 5], forum: [2, 5], appraisal: [1, 3],
  plan: [2, 4], accompany: [5, 9], materials: [5, 9], invitation: [3, 6],
};

export async function seedSupervisionRegisters(trx: Db, opts: { today: string; now: string; seed?: number }): Promise<SupervisionSeedResult> {
  const rand = rng((opts.seed ?? 20261125) ^ 0x5a5a);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const between = ([lo, hi]: [number, number]) => lo + Math.floor(rand() * (hi - lo + 1));
  const { now, today } = opts;
  const result: SupervisionSeedResult = { activities: 0, supervisors: 0, windows: 0, briefings: 0, ratings: 0, relations: 0 };

  const orgs = await trx.selectFrom('organizations').select(['id', 'name']).orderBy('id').execute();
  const batches = (
    await trx.selectFrom('batches').select(['id', 'organization_id', 'received_date', 'area']).orderBy('received_date').orderBy('id').execute()
  ).map((b) => ({ id: b.id, org: b.organization_id, date: b.received_date, area: b.area }));
  if (!orgs.length || !batches.length) return result;
  const years = [...new Set(batches.map((b) => Number(b.date.slice(0, 4))))].sort();
  const dayIn = (year: number) => {
    const d = addDays(`${year}-01-01`, Math.floor(rand() * 365));
    return d > today ? addDays(today, -Math.floor(rand() * 30)) : d;
  };
  const findingsOf = async (batchId: number) =>
    (await trx.selectFrom('findings').select('id').where('batch_id', '=', batchId).orderBy('sort_order').limit(3).execute()).map((f) => f.id);

  const relations: object[] = [];
  const supervisors: object[] = [];
  const windows: object[] = [];
  const activities: object[] = [];
  const briefings: object[] = [];
  const ratings: object[] = [];

  const first = years[0];
  const parties = orgs.slice(0, Math.min(orgs.length, 6));
  parties.forEach((o, i) => {
    const county = COUNTIES[i % COUNTIES.length];
    relations.push({
      organization_id: o.id, area: `${county}脱贫攻坚`, since_date: `${first}-0${1 + (i % 6)}-15`, plan_title: `${o.name}对口${county}开展脱贫攻坚民主监督工作实施方案`,
      plan_doc_number: `统战〔${first}〕${10 + i}号`, focus_areas: ['扶贫政策落实', '资金使用', '脱贫效果', '群众满意度'].slice(0, 2 + (i % 3)).join('、'), note: null, created_at: now, updated_at: now,
    });
    result.relations++;
  });

  // 45 appointed at the start, a few dismissed along the way.
  for (let i = 0; i < 45; i++) {
    const kind = i < 30 ? 'supervisor' : 'investigator';
    const appointed = `${first}-03-${String(1 + (i % 20)).padStart(2, '0')}`;
    const dismissed = i % 17 === 16;
    const name = pick(SURNAMES) + pick(GIVEN);
    const organizationId = pick(parties).id;
    const workUnit = pick(WORK_UNITS);
    supervisors.push({
      kind, name, organization_id: organizationId, work_unit: workUnit, appointed_date: appointed, term_years: 5, term_end: addDays(`${first + 5}-03-01`, -1),
      phone: `13${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`, status: dismissed ? 'dismissed' : 'serving', left_date: dismissed ? addDays(appointed, 400) : null,
      note: null, created_at: now, updated_at: now,
    });
    result.supervisors++;
  }

  const levels: [string, number][] = [['county', 2], ['township', 2], ['village', 9]];
  for (const [level, n] of levels) {
    for (let i = 0; i < n; i++) {
      const county = COUNTIES[i % COUNTIES.length];
      const place = level === 'county' ? county : level === 'township' ? `${county}${TOWNS[i]}` : `${county}${pick(TOWNS)}${VILLAGES[i]}`;
      const households = level === 'county' ? 40 + Math.floor(rand() * 10) : level === 'township' ? 25 + Math.floor(rand() * 10) : 18 + Math.floor(rand() * 10);
      const organizationId = pick(parties).id;
      windows.push({
        level, place, organization_id: organizationId, households, established_date: `${first}-04-${String(10 + i).padStart(2, '0')}`,
        reports: `${first}年：观察户反映${pick(TOPICS)}落实情况总体较好，个别户反映帮扶措施针对性不强。`, note: null, created_at: now, updated_at: now,
      });
      result.windows++;
    }
  }

  for (const year of years) {
    const ofYear = batches.filter((b) => b.date.startsWith(String(year)));
    for (const kind of [...SUPERVISION_KINDS, ...SUPPORT_KINDS]) {
      const n = between(ACTIVITY_COUNTS[kind]);
      for (let i = 0; i < n; i++) {
        const supervision = (SUPERVISION_KINDS as readonly string[]).includes(kind);
        const org = pick(parties);
        const topic = pick(TOPICS);
        const own = ofYear.filter((b) => b.org === org.id);
        const reported = supervision && rand() < 0.35;
        const batch = reported && own.length && rand() < 0.6 ? pick(own).id : null;
        const people = supervision ? 2 + Math.floor(rand() * 5) : 1 + Math.floor(rand() * 3);
        const date = dayIn(year);
        const place = `${pick(COUNTIES)}${pick(TOWNS)}`;
        const names = Array.from({ length: Math.min(people, 4) }, () => pick(SURNAMES) + pick(GIVEN)).join('、') + (people > 4 ? '等' : '');
        activities.push({
          kind, activity_date: date, place, organization_id: org.id, participants: people, participant_names: names,
          report_title: reported ? `关于${topic}情况的${pick(REPORT_KINDS)}` : null, batch_id: batch, note: null, created_at: now, updated_at: now,
        });
        result.activities++;
      }
    }
    const briefingKinds = ['meeting', 'forum', 'document', 'invitation'];
    for (let i = 0, n = between([4, 8]); i < n; i++) {
      const kind = briefingKinds[i % 4];
      const title = kind === 'meeting' ? `${year}年脱贫攻坚工作情况通报会` : kind === 'forum' ? '民主监督工作座谈会' : kind === 'document' ? `送达《${year}年脱贫攻坚工作要点》` : '邀请参加脱贫攻坚成效考核';
      const date = dayIn(year);
      briefings.push({ kind, briefing_date: date, organization_id: pick(parties).id, title, note: null, created_at: now, updated_at: now });
      result.briefings++;
    }
    for (const b of ofYear) {
      if (rand() > 0.65) continue;
      const date = addDays(b.date, 60 + Math.floor(rand() * 60));
      if (date > today) continue;
      const r = rand();
      ratings.push({ batch_id: b.id, finding_id: null, grade: r < 0.7 ? 'satisfied' : r < 0.95 ? 'basically' : 'unsatisfied', rating_date: date, note: '据党派对反馈函的回复', created_at: now, updated_at: now });
      result.ratings++;
      if (rand() < 0.2) {
        for (const f of await findingsOf(b.id)) {
          ratings.push({ batch_id: b.id, finding_id: f, grade: rand() < 0.8 ? 'satisfied' : 'basically', rating_date: date, note: null, created_at: now, updated_at: now });
          result.ratings++;
        }
      }
    }
  }
  await insertRows(trx, 'supervision_relations', relations);
  await insertRows(trx, 'supervisors', supervisors);
  await insertRows(trx, 'observation_windows', windows);
  await insertRows(trx, 'supervision_activities', activities);
  await insertRows(trx, 'supervision_briefings', briefings);
  await insertRows(trx, 'satisfaction_ratings', ratings, { skipDuplicates: true });
  return result;
}
