import type { Core } from '../../shared/core/context.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { rawSql } from '../support/raw-sql.ts';

/**
 * A small real ledger for the chasing tests: a county's 民盟 feedback with long, realistic findings
 * and measures, led by three units. 县农业农村局 leads five overdue measures (and one on track),
 * 县财政局 two overdue ones, 县教育局 none overdue (one due soon, one closed).
 */

export const FINDINGS = [
  '部分贫困村产业项目选择与市场需求衔接不够紧密，带贫益贫机制不够健全，项目资金使用效益不高，群众参与度和满意度有待提升',
  '扶贫小额信贷“户贷企用”现象仍有存在，部分贷款户对贷款用途、还款方式等政策了解不够，到期贷款续贷展期管理不够规范',
  '易地扶贫搬迁安置点后续扶持措施不够有力，部分搬迁群众就业渠道单一，配套产业发展滞后，“稳得住、能致富”的基础还不牢固',
  '部分村集体经济组织运行不够规范，集体资产底数不清、收益分配不透明，村务监督委员会监督作用发挥不够充分',
  '产业扶贫项目资产确权登记和后续管护机制不健全，部分项目建成后管护主体不明确、管护经费无保障，存在闲置和损毁现象',
];

export const MEASURES = [
  '组织农业农村、商务等部门对全县已实施的村级产业项目逐一开展市场效益评估，对效益不佳的项目制定调整优化方案，建立产业项目市场风险预警机制',
  '会同人民银行县支行、县农商行对全县扶贫小额信贷开展专项清理，逐户核实贷款用途，对“户贷企用”贷款限期整改，规范续贷展期审批程序',
  '制定易地扶贫搬迁后续扶持三年行动方案，在安置点建设扶贫车间和就业服务站，组织搬迁劳动力技能培训，确保有劳动力的搬迁家庭至少一人稳定就业',
  '开展村集体经济组织规范化建设专项行动，全面完成集体资产清产核资和股份量化，建立收益分配公示制度，强化村务监督委员会对集体资产的监督',
  '对全县产业扶贫项目资产逐项确权登记，建立资产管理台账，明确管护主体和管护责任，落实管护经费，对闲置和损毁资产限期盘活修复',
];

export interface ChaseLedger {
  agri: number;
  finance: number;
  education: number;
  /** 县农业农村局's five overdue measures, in ledger order: [finding seq, measure seq, id]. */
  agriLate: { id: number; findingSeq: string; measureSeq: number }[];
  financeLate: number[];
  agriOnTrack: number;
  educationDueSoon: number;
  educationClosed: number;
}

export async function seedChaseLedger(core: Core, today: string): Promise<ChaseLedger> {
  const db = core.db;
  const now = new Date().toISOString();
  const org = await db.selectFrom('organizations').select('id').orderBy('id').executeTakeFirstOrThrow();
  const unit = async (name: string, person: string, phone: string) =>
    (await db.insertInto('units').values({ name, contact_person: person, contact_phone: phone, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  const agri = await unit('县农业农村局', '王建国', '0816-2212345');
  const finance = await unit('县财政局', '李红', '0816-2223456');
  const education = await unit('县教育局', '陈明', '0816-2234567');
  const batch = await db
    .insertInto('batches')
    .values({ organization_id: org.id, area: '脱贫攻坚', doc_number: '民盟县委〔2026〕5号', received_date: addDays(today, -200), topic: '脱贫攻坚民主监督反馈意见', mode: '专项监督', note: null, created_at: now, updated_at: now })
    .returning('id').executeTakeFirstOrThrow();

  let sort = 0;
  const finding = async (seq: string, text: string) =>
    (await db.insertInto('findings').values({ batch_id: batch.id, seq, sort_order: ++sort, category: '产业扶贫', text, suggestion: null, target: null, note: null, status: 'in_progress', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  const measure = async (findingId: number, seq: number, text: string, lead: number, deadline: string, status: 'in_progress' | 'not_started' | 'closed' = 'in_progress') =>
    (await db
      .insertInto('measures')
      .values({
        finding_id: findingId, seq, text, lead_unit_id: lead, leader: '张副县长', person: '刘科长', deadline_kind: 'date', deadline_date: deadline, deadline_text: null,
        status, assigned_date: addDays(today, -180), last_progress_date: addDays(today, -5), result_text: status === 'closed' ? '已完成' : null,
        requested_date: null, verified_by: status === 'closed' ? '赵科长' : null, closed_date: status === 'closed' ? addDays(today, -20) : null, return_reason: null,
        created_at: now, updated_at: now,
      })
      .returning('id').executeTakeFirstOrThrow()).id;

  const agriLate: ChaseLedger['agriLate'] = [];
  const financeLate: number[] = [];
  // Findings 1–5, each with the agriculture bureau's late measure as its second measure ("n-2").
  for (const [i, text] of FINDINGS.entries()) {
    const f = await finding(String(i + 1), text);
    if (i < 2) financeLate.push(await measure(f, 1, `保障资金：${MEASURES[(i + 2) % 5]}`, finance, addDays(today, -40 - i)));
    else await measure(f, 1, '制定整改工作方案并报县委审定', education, addDays(today, 60));
    agriLate.push({ id: await measure(f, 2, MEASURES[i], agri, addDays(today, -(30 + i * 17))), findingSeq: String(i + 1), measureSeq: 2 });
  }
  const f6 = await finding('6', '部分帮扶干部驻村时间不足，帮扶工作存在“走读”现象');
  const agriOnTrack = await measure(f6, 1, '建立驻村工作队员考勤和召回制度，每季度通报驻村情况', agri, addDays(today, 90));
  const educationDueSoon = await measure(f6, 2, '对义务教育阶段控辍保学情况开展一次全面排查', education, addDays(today, 3));
  const educationClosed = await measure(f6, 3, '完善教育资助资金发放台账', education, addDays(today, -30), 'closed');
  return { agri, finance, education, agriLate, financeLate, agriOnTrack, educationDueSoon, educationClosed };
}

/** Every table a notice writes to, counted: a refused notice changes none of them. */
export function writeCounts(core: Core): Record<string, number> {
  const count = (t: string) => rawSql(core).prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  return { notices: count('notices'), notice_measures: count('notice_measures'), status_changes: count('status_changes'), audit_log: count('audit_log') };
}
