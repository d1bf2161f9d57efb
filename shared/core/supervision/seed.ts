import { seededRng } from '../../domain/seeded-random.ts';
import type SQLite from 'better-sqlite3';
import { addDays } from '../../domain/dates.ts';
import { SUPERVISION_KINDS, SUPPORT_KINDS, type ActivityKind } from '../../contract/supervision.ts';

/**
 * Realistic supervision registers for `seed` (synthetic ledgers): for every year the seeded batches
 * fall in, the activities the published reports count (30-odd 专项监督, 200-odd 人次), briefings and
 * grades of about two batches in three; once, the 特邀监督员 / 扶贫调查员 (45), the observation
 * windows (县级2、乡镇级2、村级9, about 300 households) and each party's 对口监督关系.
 * Raw statements in one transaction, like the synthetic ledger itself; deterministic for a seed.
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

export function seedSupervisionRegisters(sqlite: SQLite.Database, opts: { today: string; now: string; seed?: number }): SupervisionSeedResult {
  const rand = rng((opts.seed ?? 20261125) ^ 0x5a5a);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const between = ([lo, hi]: [number, number]) => lo + Math.floor(rand() * (hi - lo + 1));
  const { now, today } = opts;
  const result: SupervisionSeedResult = { activities: 0, supervisors: 0, windows: 0, briefings: 0, ratings: 0, relations: 0 };

  const orgs = sqlite.prepare('SELECT id, name FROM organizations ORDER BY id').all() as { id: number; name: string }[];
  const batches = sqlite.prepare('SELECT id, organization_id AS org, received_date AS date, area FROM batches ORDER BY received_date, id').all() as {
    id: number; org: number; date: string; area: string;
  }[];
  if (!orgs.length || !batches.length) return result;
  const years = [...new Set(batches.map((b) => Number(b.date.slice(0, 4))))].sort();
  const dayIn = (year: number) => {
    const d = addDays(`${year}-01-01`, Math.floor(rand() * 365));
    return d > today ? addDays(today, -Math.floor(rand() * 30)) : d;
  };

  const insActivity = sqlite.prepare(
    `INSERT INTO supervision_activities (kind, activity_date, place, organization_id, participants, participant_names, report_title, batch_id, note, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const insSupervisor = sqlite.prepare(
    `INSERT INTO supervisors (kind, name, organization_id, work_unit, appointed_date, term_years, term_end, phone, status, left_date, note, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 5, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const insWindow = sqlite.prepare(
    `INSERT INTO observation_windows (level, place, organization_id, households, established_date, reports, note, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const insBriefing = sqlite.prepare(
    'INSERT INTO supervision_briefings (kind, briefing_date, organization_id, title, note, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?)',
  );
  const insRating = sqlite.prepare(
    'INSERT OR IGNORE INTO satisfaction_ratings (batch_id, finding_id, grade, rating_date, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insRelation = sqlite.prepare(
    `INSERT INTO supervision_relations (organization_id, area, since_date, plan_title, plan_doc_number, focus_areas, note, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const findingsOf = sqlite.prepare('SELECT id FROM findings WHERE batch_id = ? ORDER BY sort_order LIMIT 3').pluck();

  sqlite.transaction(() => {
    const first = years[0];
    const parties = orgs.slice(0, Math.min(orgs.length, 6));
    parties.forEach((o, i) => {
      const county = COUNTIES[i % COUNTIES.length];
      insRelation.run(o.id, `${county}脱贫攻坚`, `${first}-0${1 + (i % 6)}-15`, `${o.name}对口${county}开展脱贫攻坚民主监督工作实施方案`, `统战〔${first}〕${10 + i}号`,
        ['扶贫政策落实', '资金使用', '脱贫效果', '群众满意度'].slice(0, 2 + (i % 3)).join('、'), now, now);
      result.relations++;
    });

    // 45 appointed at the start, a few dismissed along the way.
    for (let i = 0; i < 45; i++) {
      const kind = i < 30 ? 'supervisor' : 'investigator';
      const appointed = `${first}-03-${String(1 + (i % 20)).padStart(2, '0')}`;
      const dismissed = i % 17 === 16;
      insSupervisor.run(kind, pick(SURNAMES) + pick(GIVEN), pick(parties).id, pick(WORK_UNITS), appointed, addDays(`${first + 5}-03-01`, -1),
        `13${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`, dismissed ? 'dismissed' : 'serving', dismissed ? addDays(appointed, 400) : null, now, now);
      result.supervisors++;
    }

    const levels: [string, number][] = [['county', 2], ['township', 2], ['village', 9]];
    for (const [level, n] of levels) {
      for (let i = 0; i < n; i++) {
        const county = COUNTIES[i % COUNTIES.length];
        const place = level === 'county' ? county : level === 'township' ? `${county}${TOWNS[i]}` : `${county}${pick(TOWNS)}${VILLAGES[i]}`;
        const households = level === 'county' ? 40 + Math.floor(rand() * 10) : level === 'township' ? 25 + Math.floor(rand() * 10) : 18 + Math.floor(rand() * 10);
        insWindow.run(level, place, pick(parties).id, households, `${first}-04-${String(10 + i).padStart(2, '0')}`,
          `${first}年：观察户反映${pick(TOPICS)}落实情况总体较好，个别户反映帮扶措施针对性不强。`, now, now);
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
          insActivity.run(kind, dayIn(year), `${pick(COUNTIES)}${pick(TOWNS)}`, org.id, people,
            Array.from({ length: Math.min(people, 4) }, () => pick(SURNAMES) + pick(GIVEN)).join('、') + (people > 4 ? '等' : ''),
            reported ? `关于${topic}情况的${pick(REPORT_KINDS)}` : null, batch, now, now);
          result.activities++;
        }
      }
      const briefingKinds = ['meeting', 'forum', 'document', 'invitation'];
      for (let i = 0, n = between([4, 8]); i < n; i++) {
        const kind = briefingKinds[i % 4];
        const title = kind === 'meeting' ? `${year}年脱贫攻坚工作情况通报会` : kind === 'forum' ? '民主监督工作座谈会' : kind === 'document' ? `送达《${year}年脱贫攻坚工作要点》` : '邀请参加脱贫攻坚成效考核';
        insBriefing.run(kind, dayIn(year), pick(parties).id, title, now, now);
        result.briefings++;
      }
      for (const b of ofYear) {
        if (rand() > 0.65) continue;
        const date = addDays(b.date, 60 + Math.floor(rand() * 60));
        if (date > today) continue;
        const r = rand();
        insRating.run(b.id, null, r < 0.7 ? 'satisfied' : r < 0.95 ? 'basically' : 'unsatisfied', date, '据党派对反馈函的回复', now, now);
        result.ratings++;
        if (rand() < 0.2) {
          for (const f of findingsOf.all(b.id) as number[]) {
            insRating.run(b.id, f, rand() < 0.8 ? 'satisfied' : 'basically', date, null, now, now);
            result.ratings++;
          }
        }
      }
    }
  })();
  return result;
}
