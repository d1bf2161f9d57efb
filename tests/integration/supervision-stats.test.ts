import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_KIND_LABEL, type SupervisionStatsDto } from '../../shared/contract/supervision.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { basicSetup, call, tempCore } from '../support/core.ts';
import { rawSql } from '../support/raw-sql.ts';

/**
 * Issue 11, 监督统计: on a seeded ledger (real SQLite), every number of the 年度工作总结 paragraph, of
 * the table and of `supervision-stats --json` equals a count written here in plain SQL, apart from
 * the code under test. The Excel and Word files are read back.
 */

let core: Awaited<ReturnType<typeof tempCore>>;
let year: number;
let stats: SupervisionStatsDto;
const one = (q: string, ...params: unknown[]) => Number(rawSql(core).prepare(q).pluck().get(...params) ?? 0);

beforeAll(async () => {
  core = await tempCore('2026-06-15');
  await seedSynthetic(core, { findings: 1500, seed: 7 });
  // The year with the most batches: "the year of its data".
  year = Number(rawSql(core).prepare(`SELECT substr(received_date, 1, 4) FROM batches GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).pluck().get());
  stats = await call(core, 'supervisionStats:get', { year });
});
afterAll(async () => core.cleanup());

function independent(y: number) {
  const from = `${y}-01-01`;
  const to = `${y}-12-31`;
  const kinds = Object.fromEntries(
    Object.keys(ACTIVITY_KIND_LABEL).map((k) => [k, one('SELECT count(*) FROM supervision_activities WHERE kind = ? AND activity_date >= ? AND activity_date <= ?', k, from, to)]),
  );
  const supervision = `kind IN ('special','inspection','research','unannounced','forum','appraisal')`;
  return {
    kinds,
    participants: one(`SELECT sum(participants) FROM supervision_activities WHERE ${supervision} AND activity_date >= ? AND activity_date <= ?`, from, to),
    reports: one(`SELECT count(*) FROM supervision_activities WHERE ${supervision} AND (report_title IS NOT NULL OR batch_id IS NOT NULL) AND activity_date >= ? AND activity_date <= ?`, from, to),
    supervisors: one(
      `SELECT count(*) FROM supervisors WHERE appointed_date <= ? AND NOT (status = 'dismissed' AND left_date < ?) AND NOT (status = 'expired' AND term_end < ?)`,
      to, from, from,
    ),
    windows: ['county', 'township', 'village'].map((l) => one('SELECT count(*) FROM observation_windows WHERE level = ? AND established_date <= ?', l, to)),
    households: one('SELECT sum(households) FROM observation_windows WHERE established_date <= ?', to),
    batches: one('SELECT count(*) FROM batches WHERE received_date >= ? AND received_date <= ?', from, to),
    findings: one('SELECT count(*) FROM findings f JOIN batches b ON b.id = f.batch_id WHERE b.received_date >= ? AND b.received_date <= ?', from, to),
    closed: one(`SELECT count(*) FROM findings f JOIN batches b ON b.id = f.batch_id WHERE f.status = 'closed' AND b.received_date >= ? AND b.received_date <= ?`, from, to),
    grades: ['satisfied', 'basically', 'unsatisfied'].map((g) =>
      one('SELECT count(*) FROM satisfaction_ratings WHERE finding_id IS NULL AND grade = ? AND rating_date >= ? AND rating_date <= ?', g, from, to),
    ),
  };
}

/** The number right after a phrase of the paragraph ("组织专项监督35次" → 35), or null when the clause is left out. */
function numberAfter(paragraph: string, phrase: string): number | null {
  const m = new RegExp(`${phrase}(\\d+)`).exec(paragraph);
  return m ? Number(m[1]) : null;
}

describe('the 年度工作总结 paragraph of a seeded year', () => {
  it('has realistic registers to count', () => {
    const x = independent(year);
    expect(x.kinds.special).toBeGreaterThanOrEqual(28);
    expect(x.participants).toBeGreaterThan(100);
    expect(x.supervisors).toBeGreaterThan(40);
    expect(x.windows).toEqual([2, 2, 9]);
    expect(x.grades[0] + x.grades[1] + x.grades[2]).toBeGreaterThan(0);
  });

  it('states the same numbers as independent SQL counts', () => {
    const x = independent(year);
    const p = stats.paragraph;
    expect(p.startsWith(`${year}年，我部协助各民主党派开展民主监督，组织专项监督${x.kinds.special}次`)).toBe(true);
    for (const [kind, word] of [['inspection', '视察'], ['research', '调研'], ['unannounced', '暗访'], ['forum', '座谈'], ['appraisal', '评议']] as const) {
      expect(numberAfter(p, `[、，]${word}`)).toBe(x.kinds[kind] || null);
    }
    expect(numberAfter(p, '参与监督')).toBe(x.participants);
    expect(numberAfter(p, '提出监督报告或意见共计')).toBe(x.reports);
    expect(numberAfter(p, '拟制监督方案')).toBe(x.kinds.plan || null);
    expect(numberAfter(p, '陪同调研')).toBe(x.kinds.accompany || null);
    expect(numberAfter(p, '提供资料')).toBe(x.kinds.materials || null);
    expect(numberAfter(p, '邀请参加会议和检查')).toBe(x.kinds.invitation || null);
    const named = (numberAfter(p, '特邀监督员') ?? 0) + (numberAfter(p, '扶贫调查员') ?? 0);
    expect(named).toBe(x.supervisors);
    expect(p).toContain(`县级观察窗口${x.windows[0]}个、乡镇级${x.windows[1]}个、村级${x.windows[2]}个，观察贫困户${x.households}个`);
    expect(p).toContain(`全年收到反馈意见${x.batches}批、反馈问题${x.findings}个，完成整改${x.closed}个，完成率${((x.closed / x.findings) * 100).toFixed(2)}%`);
    expect(numberAfter(p, '满意')).toBe(x.grades[0] || null);
    expect(numberAfter(p, '基本满意')).toBe(x.grades[1] || null);
    expect(numberAfter(p, '不满意')).toBe(x.grades[2] || null);
  });

  it('per-party rows add up to the total', () => {
    const sum = (f: (r: SupervisionStatsDto['total']) => number) => stats.rows.reduce((n, r) => n + f(r), 0);
    expect(sum((r) => r.participants)).toBe(stats.total.participants);
    expect(sum((r) => r.activities.special)).toBe(stats.total.activities.special);
    expect(sum((r) => r.findings)).toBe(stats.total.findings);
    expect(sum((r) => r.households)).toBe(stats.total.households);
  });

  it('leaves out clauses whose count is zero, and says so when a year has nothing', async () => {
    const empty = await call(core, 'supervisionStats:get', { year: 2001 });
    expect(empty.paragraph).toBe('2001年暂无民主监督工作记录。');
    const fresh = await tempCore('2026-06-15');
    try {
      const { org } = await basicSetup(fresh);
      await call(fresh, 'activities:save', { kind: 'special', date: '2026-03-01', organizationId: org.id, participants: 0 });
      const s = await call(fresh, 'supervisionStats:get', { year: 2026 });
      expect(s.paragraph).toBe('2026年，我部协助各民主党派开展民主监督，组织专项监督1次。全年收到反馈意见1批。');
    } finally {
      await fresh.cleanup();
    }
  });
});

describe('exports', () => {
  it('the Excel table: title, two header rows, a row per party and the total, A4 landscape fitted to width', async () => {
    const f = await call(core, 'supervisionStats:xlsx', { year });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(f.base64, 'base64') as never);
    const ws = wb.getWorksheet('监督统计')!;
    expect(String(ws.getCell('A1').value)).toContain(`${year}年民主监督工作统计表`);
    expect(ws.getCell('B2').value).toBe('监督活动（次）');
    expect(ws.getCell('B3').value).toBe('专项监督');
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    const totalRow = ws.getRow(4 + stats.rows.length);
    expect(totalRow.getCell(1).value).toBe('合计');
    expect(totalRow.getCell(2).value).toBe(independent(year).kinds.special);
    expect(totalRow.getCell(8).value).toBe(independent(year).participants);
  });

  it('the Word paragraph under a GB/T title', async () => {
    const f = await call(core, 'supervisionStats:docx', { year });
    const zip = XLSX.CFB.read(Buffer.from(f.base64, 'base64'), { type: 'buffer' });
    const xml = Buffer.from(XLSX.CFB.find(zip, '/word/document.xml')!.content as Uint8Array).toString('utf8');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(`${year}年协助各民主党派开展民主监督工作情况`);
    expect(text).toContain(stats.paragraph);
  });
});

describe('npm run cli -- supervision-stats --json', () => {
  it('prints exactly the documented shape, with the same numbers', async () => {
    const main = core;
    const other = await tempCore('2026-06-15');
    core = other;
    let x: ReturnType<typeof independent>;
    try {
      await seedSynthetic(core, { findings: 400, seed: 11 });
      x = independent(year);
    } finally {
      await other.close();
      core = main;
    }
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', path.resolve('shared/cli/main.ts'), 'supervision-stats', '--year', String(year), '--json', '--data-dir', other.dataDir], {
        encoding: 'utf8',
      });
      const lines = out.trim().split('\n');
      expect(lines).toHaveLength(1);
      const json = JSON.parse(lines[0]);
      expect(Object.keys(json)).toEqual(['year', 'activities', 'participants', 'reports', 'supervisors', 'windows', 'households', 'batches', 'findings', 'satisfaction']);
      expect(Object.keys(json.activities)).toEqual(Object.values(ACTIVITY_KIND_LABEL));
      expect(Object.keys(json.windows)).toEqual(['county', 'township', 'village']);
      expect(Object.keys(json.satisfaction)).toEqual(['satisfied', 'basically', 'unsatisfied']);
      expect(json).toEqual({
        year,
        activities: Object.fromEntries(Object.entries(ACTIVITY_KIND_LABEL).map(([k, label]) => [label, x.kinds[k]])),
        participants: x.participants,
        reports: x.reports,
        supervisors: x.supervisors,
        windows: { county: x.windows[0], township: x.windows[1], village: x.windows[2] },
        households: x.households,
        batches: x.batches,
        findings: x.findings,
        satisfaction: { satisfied: x.grades[0], basically: x.grades[1], unsatisfied: x.grades[2] },
      });
    } finally {
      fs.rmSync(other.dataDir, { recursive: true, force: true });
    }
  });
});
