import { seededRng } from '../../domain/seeded-random.ts';
import { addDays } from '../../domain/dates.ts';
import { findingStatusOf } from '../../domain/workflow.ts';
import type { DeadlineKind, MeasureStatus } from '../../domain/vocabulary.ts';
import type { Core } from '../context.ts';
import { bigramBody } from '../search/tokens.ts';
import { searchBody, type SearchMeasure } from '../search/search-index.ts';
import { getSettings } from '../ledger/settings.ts';
import { seedSupervisionRegisters } from '../supervision/seed.ts';

/**
 * Realistic synthetic ledgers for tests and benchmarks (`npm run cli -- seed --findings N`).
 * A developer tool: it writes through raw prepared statements on the SQLite connection in one
 * transaction, because 100,000 findings must load in seconds. Deterministic for a given seed.
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

export async function seedSynthetic(core: Core, opts: { findings: number; seed?: number }): Promise<SeedResult> {
  const rand = rng(opts.seed ?? 20261121);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const today = core.today();
  const now = core.now().toISOString();
  const { operator, immediateDays } = await getSettings(core.db);
  const db = core.sqlite;

  const insUnit = db.prepare('INSERT OR IGNORE INTO units (name, contact_person, contact_phone, created_at) VALUES (?, ?, ?, ?)');
  const insAlias = db.prepare('INSERT OR IGNORE INTO unit_aliases (unit_id, alias) VALUES (?, ?)');
  const unitIdOf = db.prepare('SELECT id FROM units WHERE name = ?').pluck();
  const insBatch = db.prepare(
    'INSERT INTO batches (organization_id, area, doc_number, received_date, topic, mode, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insFinding = db.prepare(
    'INSERT INTO findings (batch_id, seq, sort_order, category, text, suggestion, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insMeasure = db.prepare(
    `INSERT INTO measures (finding_id, seq, text, lead_unit_id, leader, person, deadline_kind, deadline_date, deadline_text, status,
      assigned_date, last_progress_date, result_text, requested_date, verified_by, closed_date, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insCo = db.prepare('INSERT OR IGNORE INTO measure_co_units (measure_id, unit_id) VALUES (?, ?)');
  const insProgress = db.prepare('INSERT INTO progress_entries (measure_id, entry_date, text, operator, created_at) VALUES (?, ?, ?, ?, ?)');
  const insTri = db.prepare('INSERT INTO search_trigram (rowid, body) VALUES (?, ?)');
  const insBi = db.prepare('INSERT INTO search_bigram (rowid, body) VALUES (?, ?)');
  const orgs = db.prepare('SELECT id, name FROM organizations ORDER BY id').all() as { id: number; name: string }[];
  const orgIds = orgs.map((o) => o.id);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));

  const result: SeedResult = { batches: 0, findings: 0, measures: 0, progress: 0, units: 0 };
  db.transaction(() => {
    const unitIds: number[] = [];
    const unitName = new Map<number, string>();
    for (const county of COUNTY) {
      for (const dept of DEPTS) {
        const name = county + dept;
        insUnit.run(name, pick(PEOPLE), `0838-62${String(Math.floor(rand() * 100000)).padStart(5, '0')}`, now);
        const id = unitIdOf.get(name) as number;
        insAlias.run(id, county.slice(0, 2) + dept.replace('人力资源和社会保障局', '人社局').replace('住房和城乡建设局', '住建局'));
        unitIds.push(id);
        unitName.set(id, name);
      }
    }
    result.units = unitIds.length;

    const perBatch = 80;
    const batchCount = Math.max(1, Math.ceil(opts.findings / perBatch));
    let remaining = opts.findings;
    for (let b = 0; b < batchCount; b++) {
      const received = addDays(today, -Math.floor(rand() * 1000) - 30);
      const year = received.slice(0, 4);
      const county = pick(COUNTY);
      const orgId = pick(orgIds);
      const docNumber = `统战〔${year}〕${b + 1}号`;
      const batchId = Number(
        insBatch.run(orgId, `${county}脱贫攻坚`, docNumber, received, `${county}脱贫攻坚民主监督反馈意见（第${b + 1}批）`, pick(['专项监督', '视察监督', '调研', '暗访']), now, now)
          .lastInsertRowid,
      );
      result.batches++;
      const n = Math.min(perBatch, remaining);
      remaining -= n;
      for (let i = 1; i <= n; i++) {
        const category = pick(CATEGORIES);
        const subject = pick(SUBJECTS);
        const text = `${county}部分乡镇${subject}${pick(PROBLEMS)}。`;
        const suggestion = `建议${pick(ACTIONS)}，加强${subject}管理。`;
        const measureCount = 1 + Math.floor(rand() * 4);
        const statuses: MeasureStatus[] = [];
        const searchMeasures: SearchMeasure[] = [];
        const findingId = Number(insFinding.run(batchId, String(i), i, category, text, suggestion, 'not_started', now, now).lastInsertRowid);
        for (let s = 1; s <= measureCount; s++) {
          const r = rand();
          const kind: DeadlineKind = r < 0.8 ? 'date' : r < 0.9 ? 'immediate' : 'standing';
          const deadline = kind === 'standing' ? null : addDays(received, kind === 'immediate' ? immediateDays : 30 + Math.floor(rand() * 400));
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
          const closedDate = status === 'closed' ? (last ?? addDays(received, 60)) : null;
          const lead = pick(unitIds);
          const person = pick(PEOPLE);
          const measureId = Number(
            insMeasure.run(
              findingId, s, mtext, lead, '分管副县长', person, kind, deadline, kind === 'date' ? null : kind === 'immediate' ? '立行立改' : '长期坚持', status,
              received, last, status === 'closed' || status === 'pending' ? '已按要求完成整改。' : null,
              status === 'closed' || status === 'pending' ? last ?? received : null, status === 'closed' ? '统战部 赵敏' : null, closedDate, now, now,
            ).lastInsertRowid,
          );
          const co = rand() < 0.3 ? pick(unitIds.filter((u) => u !== lead)) : null;
          if (co) insCo.run(measureId, co);
          for (const d of progressDates) insProgress.run(measureId, d, `${pick(ACTIONS)}，已完成阶段性工作。`, operator, now);
          result.progress += progressDates.length;
          statuses.push(status);
          searchMeasures.push({ text: mtext, leadUnitName: unitName.get(lead), coUnitNames: co ? [unitName.get(co)!] : [], leader: '分管副县长', person });
          result.measures++;
        }
        db.prepare('UPDATE findings SET status = ? WHERE id = ?').run(findingStatusOf(statuses), findingId);
        const body = searchBody({ text, suggestion, docNumber, organizationName: orgName.get(orgId), measures: searchMeasures });
        insTri.run(findingId, body);
        insBi.run(findingId, bigramBody(body));
        result.findings++;
      }
    }
    db.prepare('INSERT INTO audit_log (at, operator, action, entity, entity_id, after_json) VALUES (?, ?, ?, ?, ?, ?)').run(
      now, operator, 'seed', 'sample', null, JSON.stringify(result),
    );
  })();
  seedSupervisionRegisters(db, { today, now, seed: opts.seed }); // issue 11: activities, supervisors, windows, satisfaction
  // Reports go out signed (issue 9): a synthetic ledger gets a synthetic office when none is set.
  db.prepare(`INSERT INTO settings (key, value) VALUES ('app', '{"officeName":"中共青山市委统战部"}') ON CONFLICT (key) DO UPDATE SET value = json_set(value, '$.officeName', '中共青山市委统战部') WHERE coalesce(json_extract(value, '$.officeName'), '') = ''`).run();
  // A bulk load changes the data's shape: give the planner fresh statistics.
  db.exec('ANALYZE');
  return result;
}

function daysSince(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
