import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../shared/core/context.ts';
import { searchBody } from '../../shared/core/search/search-index.ts';
import { seededRng } from '../../shared/domain/seeded-random.ts';
import { CORPUS } from '../fixtures/import/corpus/index.ts';
import { call } from '../support/core.ts';
import { dropTestDatabase, freshTestDatabase, onPostgres } from '../support/postgres.ts';

/**
 * Issue 12: searching the ledger on the office's PostgreSQL server finds the same measures as on the
 * single-PC SQLite file. One realistic Chinese ledger — the findings and measures of the import
 * corpus (published ledger shapes), the 示例数据, and findings with the mixed text clerks type
 * (2025年, APP / app, PM2.5, 〔2025〕, full-width brackets and letters) — is written through the same
 * channels into a SQLite core and a PostgreSQL core; then many 1- to 4-character Chinese terms and
 * mixed terms are searched on both. Both must also agree with the plain meaning of search: every
 * typed word occurs, case-insensitively, in the finding's text, its batch's 文号 and party, or its
 * measures' words, units and people.
 */

const TODAY = '2026-06-15';
const SEED = 20261125;

if (!onPostgres()) console.log('[search-parity] skipped: RECTIFY_TEST_DATABASE_URL is not set — comparing search on SQLite and PostgreSQL needs a PostgreSQL server.');

/** Findings with what clerks type besides Chinese words: years, codes, latin in either case, punctuation. */
const MIXED: { category: string; text: string; measures: [string, string, string | null][] }[] = [
  { category: '信息化建设方面', text: '“互联网+扶贫”APP平台数据更新不及时，2025年以来有37户信息未录入', measures: [['对App后台数据开展全面核查，2025年12月底前完成补录', '县乡村振兴局', '张伟'], ['建立APP数据更新周报（试行）制度', '县大数据中心', null]] },
  { category: '生态环境方面', text: '部分乡镇PM2.5监测点位运行不正常；Wi-Fi回传中断', measures: [['更换PM2.5监测设备，恢复Wi-Fi回传', '县生态环境局', 'Li Ming'], ['将监测数据接入“智慧环保”平台（二期）', '县生态环境局', null]] },
  { category: '资金使用方面', text: '县财政〔2025〕12号文件规定的资金50%未按期拨付', measures: [['按〔2025〕12号文件要求，30日内拨付剩余50%资金', '县财政局', '王芳']] },
  { category: '作风建设方面', text: 'ＡＢＣ类帮扶对象走访记录不全（第Ⅱ类问题）', measures: [['对ＡＢＣ类对象逐户补走访，建立台账_2025版', '县委组织部', 'abc小组']] },
  { category: '产业扶贫方面', text: '光伏电站收益分配方案未公示，群众知晓率低于60%', measures: [['制定《光伏收益分配办法》并在村务公开栏公示', '县发展改革局', '赵磊'], ['每季度通报收益分配情况', '县乡村振兴局', null]] },
  { category: '教育扶贫方面', text: '个别学校"控辍保学"台账与学籍系统数据不一致', measures: [["比对学籍系统与台账，核实'疑似辍学'学生名单", '县教育局', '刘洋']] },
];

/** Terms that are not drawn from the data: edge cases of the two search engines. */
const FIXED_TERMS = [
  '资金', '整改', '低保', '台账', '帮扶', '扶贫资金', '资金拨付', '民主监督', '责任单位', '整改措施',
  '2025年', '2025', '〔2025〕', 'APP', 'app', 'App', 'aPp', 'PM2.5', 'pm2.5', 'Wi-Fi', 'wi-fi', 'wi', 'li ming', 'Li',
  '（', '）', '（试行）', '“', '”', '、', '，', '。', '；', '《', '〔', '50%', '%', '_', '_2025', '"', "'", '+', '互联网+',
  'ＡＢＣ', 'ａｂｃ', 'abc', 'Ⅱ', '第Ⅱ类',
  '资', '金', '县', '局', '1', '5',
  '资金 台账', '县财政局 王芳', '扶贫 2025', '不存在的词语', '火星', 'zzz',
];

/** Words of the synthetic ledgers (sample/synthetic.ts), drawn with a fixed seed into more findings. */
const SUBJECTS = ['扶贫资金', '产业项目', '小额信贷', '危房改造', '饮水安全', '控辍保学', '医疗救助', '就业帮扶', '集体经济', '帮扶干部', '易地搬迁安置点', '村级道路', '光伏电站', '消费扶贫', '技能培训', '低保审核'];
const PROBLEMS = ['拨付滞后，资金闲置', '监管不到位，台账不完整', '同质化严重，带贫效果不明显', '政策宣传不到位，群众知晓率低', '动态监测不及时', '后续管护机制不健全', '公示公开不规范', '考核流于形式', '进度缓慢，未按期完工', '底数不清，信息录入有误'];
const ACTIONS = ['全面排查', '建立台账并按月通报', '开展专项督查', '完善管理制度', '约谈相关责任人', '组织专题培训', '建立长效机制', '逐户核实整改'];
const PLACES = ['青山县', '白水县', '龙泉区', '安宁县'];
const DEPTS = ['乡村振兴局', '财政局', '农业农村局', '教育局', '卫生健康局', '民政局'];
const PEOPLE = ['李明', '王芳', '张强', '刘洋', '陈静', '杨帆', '赵磊', '黄敏'];
const GENERATED = 80;

interface Ledger {
  /** measure key (batch 文号 | finding 序号 | measure 序号) → the finding's search text, lower-cased. */
  bodies: Map<string, string>;
}

/** The same ledger, written through the channels a clerk uses. */
async function writeLedger(core: Core): Promise<void> {
  await call(core, 'sample:load', {});
  const org = (await call(core, 'orgs:list', {})).find((o) => o.party === '民盟')!;
  // A unit the ledger already knows by name or alias (示例数据's 县财政局) is chosen, as the form does.
  const units = new Map<string, number>();
  for (const u of await call(core, 'units:list', {})) for (const name of [u.name, ...u.aliases]) units.set(name, u.id);
  const unitId = async (name: string) => {
    if (!units.has(name)) units.set(name, (await call(core, 'units:save', { name, aliases: [] })).id);
    return units.get(name)!;
  };
  let n = 0;
  for (const c of CORPUS) {
    const findings = c.expect.findings.filter((f) => f.measures?.length && f.measures.every((m) => m.leadUnit));
    if (!findings.length) continue;
    const batch = await call(core, 'batches:save', { organizationId: org.id, area: '脱贫攻坚', docNumber: `民盟县委〔2025〕${++n}号`, receivedDate: '2025-03-01', topic: c.shape.slice(0, 100) });
    for (const [i, f] of findings.entries()) {
      const measures = [];
      for (const m of f.measures!) {
        const kind = m.deadline?.kind;
        const deadline =
          kind === 'date' && m.deadline!.date
            ? { kind: 'date' as const, date: m.deadline!.date, text: null }
            : { kind: (kind === 'immediate' || kind === 'standing' ? kind : 'none') as 'immediate' | 'standing' | 'none', date: null, text: null };
        measures.push({ text: m.text, leadUnitId: await unitId(m.leadUnit!), coUnitIds: await Promise.all((m.coUnits ?? []).map(unitId)), leader: m.leader ?? null, person: m.person ?? null, deadline });
      }
      await call(core, 'findings:create', { batchId: batch.id, seq: String(i + 1), category: f.category ?? null, text: f.text, suggestion: f.suggestion ?? null, measures });
    }
  }
  const rand = seededRng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const generated = await call(core, 'batches:save', { organizationId: org.id, area: '脱贫攻坚', docNumber: '民盟市委〔2026〕3号', receivedDate: '2026-01-10', topic: '脱贫攻坚专项民主监督反馈意见' });
  for (let i = 1; i <= GENERATED; i++) {
    const subject = pick(SUBJECTS);
    const measures = [];
    for (let m = 0, count = 1 + Math.floor(rand() * 3); m < count; m++) {
      const lead = await unitId(pick(PLACES) + pick(DEPTS));
      const co = rand() < 0.4 ? [await unitId(pick(PLACES) + pick(DEPTS))].filter((u) => u !== lead) : [];
      measures.push({ text: `针对${subject}问题，${pick(ACTIONS)}，${2025 + Math.floor(rand() * 2)}年${1 + Math.floor(rand() * 12)}月底前完成`, leadUnitId: lead, coUnitIds: co, leader: `${pick(PEOPLE)}（副县长）`, person: pick(PEOPLE), deadline: { kind: 'date' as const, date: '2026-09-30', text: null } });
    }
    await call(core, 'findings:create', { batchId: generated.id, seq: String(i), category: '扶贫领域', text: `${pick(PLACES)}部分乡镇${subject}${pick(PROBLEMS)}`, suggestion: rand() < 0.5 ? `建议${pick(ACTIONS)}` : null, measures });
  }
  const batch = await call(core, 'batches:save', { organizationId: org.id, area: '信息化', docNumber: 'XX县委统战部〔2025〕APP-1号', receivedDate: '2025-09-01', topic: '专项监督反馈意见（Wi-Fi、APP）' });
  for (const [i, f] of MIXED.entries()) {
    const measures = [];
    for (const [text, unit, person] of f.measures) measures.push({ text, leadUnitId: await unitId(unit), coUnitIds: [], leader: null, person, deadline: { kind: 'date' as const, date: '2026-12-31', text: null } });
    await call(core, 'findings:create', { batchId: batch.id, seq: String(i + 1), category: f.category, text: f.text, measures });
  }
}

/** Every measure's key and its finding's search text, as the ledger stands (read back, not remembered). */
async function ledgerOf(core: Core): Promise<Ledger> {
  const findings = await core.db
    .selectFrom('findings as f')
    .innerJoin('batches as b', 'b.id', 'f.batch_id')
    .innerJoin('organizations as o', 'o.id', 'b.organization_id')
    .select(['f.id', 'f.seq', 'f.text', 'f.suggestion', 'b.doc_number', 'o.name as org'])
    .execute();
  const measures = await core.db
    .selectFrom('measures as m')
    .innerJoin('units as u', 'u.id', 'm.lead_unit_id')
    .select(['m.id', 'm.finding_id', 'm.seq', 'm.text', 'u.name as unit', 'm.leader', 'm.person'])
    .orderBy('m.finding_id')
    .orderBy('m.seq')
    .execute();
  const co = await core.db.selectFrom('measure_co_units as c').innerJoin('units as u', 'u.id', 'c.unit_id').select(['c.measure_id', 'u.name']).execute();
  const bodies = new Map<string, string>();
  for (const f of findings) {
    const ms = measures.filter((m) => m.finding_id === f.id);
    const body = searchBody({
      text: f.text,
      suggestion: f.suggestion,
      docNumber: f.doc_number,
      organizationName: f.org,
      measures: ms.map((m) => ({ text: m.text, leadUnitName: m.unit, coUnitNames: co.filter((c) => c.measure_id === m.id).map((c) => c.name), leader: m.leader, person: m.person })),
    }).toLowerCase();
    for (const m of ms) bodies.set(`${f.doc_number}|${f.seq}|${m.seq}`, body);
  }
  return { bodies };
}

/** The measures the ledger page lists for a search, every page of them, as keys. */
async function search(core: Core, q: string): Promise<string[]> {
  const keys: string[] = [];
  const docs = new Map((await call(core, 'batches:list', {})).map((b) => [b.id, b.docNumber]));
  for (let page = 1; ; page++) {
    const r = await call(core, 'ledger:query', { filter: { q }, page, pageSize: 500 });
    keys.push(...r.rows.map((row) => `${docs.get(row.batchId)}|${row.findingSeq}|${row.measureSeq}`));
    if (page * 500 >= r.total) break;
  }
  return keys.sort();
}

/** The terms a clerk might type, drawn from the ledger's own words: 1–4 characters long. */
function drawnTerms(ledger: Ledger): string[] {
  const rand = seededRng(SEED);
  const texts = [...new Set(ledger.bodies.values())].flatMap((b) => b.split('\n'));
  const out = new Set<string>();
  for (const len of [1, 2, 2, 2, 3, 4, 4, 4]) {
    for (let i = 0; i < 40; i++) {
      const chars = Array.from(texts[Math.floor(rand() * texts.length)]);
      if (chars.length < len) continue;
      const at = Math.floor(rand() * (chars.length - len + 1));
      const term = chars.slice(at, at + len).join('');
      if (!/\s/.test(term)) out.add(term);
    }
  }
  return [...out];
}

describe.skipIf(!onPostgres())('search finds the same measures on SQLite and on PostgreSQL', () => {
  const dirs: string[] = [];
  let sqlite: Core;
  let postgres: Core;
  let url = '';
  let ledger: Ledger;

  beforeAll(async () => {
    const clock = () => new Date(`${TODAY}T12:00:00`);
    const dir = (name: string) => {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), `rectify-parity-${name}-`));
      dirs.push(d);
      return d;
    };
    sqlite = await openCore({ dataDir: dir('sqlite'), databaseUrl: null, clock, mode: 'test' });
    url = await freshTestDatabase();
    postgres = await openCore({ dataDir: dir('pg'), databaseUrl: url, clock, mode: 'test' });
    await call(postgres, 'auth:first-admin', { username: 'admin', displayName: '管理员', password: 'admin-secret' });
    expect([sqlite.dialect, postgres.dialect]).toEqual(['sqlite', 'postgres']);
    await writeLedger(sqlite);
    await writeLedger(postgres);
    ledger = await ledgerOf(sqlite);
  }, 300_000);

  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
    if (url) await dropTestDatabase(url);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('holds the same ledger on both', async () => {
    const other = await ledgerOf(postgres);
    expect(ledger.bodies.size).toBeGreaterThan(300);
    expect([...other.bodies].sort()).toEqual([...ledger.bodies].sort());
  });

  it('returns the same measures for 1- to 4-character Chinese terms, mixed latin, digits and punctuation', async () => {
    const terms = [...FIXED_TERMS, ...drawnTerms(ledger)];
    const byLength = (n: number) => terms.filter((t) => Array.from(t).length === n).length;
    console.log(`[search-parity] ${terms.length} terms (1 char: ${byLength(1)}, 2: ${byLength(2)}, 3: ${byLength(3)}, 4: ${byLength(4)}, longer: ${terms.filter((t) => Array.from(t).length > 4).length}) over ${ledger.bodies.size} measures`);
    expect(byLength(2)).toBeGreaterThan(40);
    expect(byLength(4)).toBeGreaterThan(40);
    const mismatches: string[] = [];
    let found = 0;
    for (const q of terms) {
      const words = q.toLowerCase().split(/\s+/).filter(Boolean);
      const expected = [...ledger.bodies].filter(([, body]) => words.every((w) => body.includes(w))).map(([k]) => k).sort();
      const [onSqlite, onPostgres] = [await search(sqlite, q), await search(postgres, q)];
      if (expected.length) found++;
      const diff = (a: string[], b: string[]) => a.filter((k) => !b.includes(k)).slice(0, 3).join('，');
      if (onSqlite.join() !== expected.join()) mismatches.push(`SQLite “${q}”: ${onSqlite.length} found, ${expected.length} expected; extra ${diff(onSqlite, expected)}; missing ${diff(expected, onSqlite)}`);
      if (onPostgres.join() !== expected.join()) mismatches.push(`PostgreSQL “${q}”: ${onPostgres.length} found, ${expected.length} expected; extra ${diff(onPostgres, expected)}; missing ${diff(expected, onPostgres)}`);
    }
    // Most terms find something, so the comparison is not one of empty lists.
    expect(found).toBeGreaterThan(terms.length * 0.8);
    expect(mismatches).toEqual([]);
  }, 300_000);
});

/**
 * Known deviation, on the SQLite side: its 1–2 letter index (FTS5 unicode61) drops diacritics, so
 * “e” also finds “Café”, and its LIKE path (a 1–2 character term with punctuation) folds only ASCII
 * capitals, so “ä-” misses “Ä-”; PostgreSQL finds exactly the rows holding the term. Chinese has no
 * case or diacritics, so no Chinese term differs. Marked `fails` until the SQLite index is rebuilt
 * with `remove_diacritics 0` and folded text (see the issue-12 report); then this passes and the
 * marker must go.
 */
describe.skipIf(!onPostgres())('accented and non-ASCII capital latin letters (known SQLite deviation)', () => {
  it.fails('“e”, “ä”, “ä-” find the same findings on both', async () => {
    console.log('[search-parity] expected to fail until SQLite search folds like PostgreSQL: accented latin letters');
    const clock = () => new Date(`${TODAY}T12:00:00`);
    const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-parity-latin-')));
    const url = await freshTestDatabase();
    const cores = [await openCore({ dataDir: dirs[0], databaseUrl: null, clock, mode: 'test' }), await openCore({ dataDir: dirs[1], databaseUrl: url, clock, mode: 'test' })];
    try {
      await call(cores[1], 'auth:first-admin', { username: 'admin', displayName: '管理员', password: 'admin-secret' });
      const found: string[][] = [];
      for (const core of cores) {
        const org = (await call(core, 'orgs:list', {}))[0];
        const unit = await call(core, 'units:save', { name: '县文化旅游局', aliases: [] });
        const batch = await call(core, 'batches:save', { organizationId: org.id, area: '乡村旅游', docNumber: 'D1', receivedDate: '2025-01-01', topic: '乡村旅游' });
        for (const [i, text] of ['Café咖啡馆扶贫项目未运营', 'ÄTNA-Ä-型设备闲置', '民宿项目进度滞后'].entries()) {
          await call(core, 'findings:create', { batchId: batch.id, seq: String(i + 1), text, measures: [{ text: '开展核查', leadUnitId: unit.id, deadline: { kind: 'none' } }] });
        }
        const rows = [];
        for (const q of ['e', 'ä', 'ä-']) rows.push(`${q}:${(await call(core, 'ledger:query', { filter: { q } })).rows.map((r) => r.findingSeq).sort().join(',')}`);
        found.push(rows);
      }
      console.log(`[search-parity] SQLite ${found[0].join(' ')} · PostgreSQL ${found[1].join(' ')}`);
      // What the term means: e → none of them (no plain e), ä → 2, ä- → 2.
      expect(found[1]).toEqual(['e:', 'ä:2', 'ä-:2']);
      expect(found[0]).toEqual(found[1]);
    } finally {
      for (const core of cores) await core.close();
      await dropTestDatabase(url);
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
