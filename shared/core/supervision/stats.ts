import { sql } from 'kysely';
import {
  ACTIVITY_KINDS, BRIEFING_KINDS, SATISFACTION_GRADES, SUPERVISION_KINDS, SUPERVISOR_KINDS, WINDOW_LEVELS,
  type SupervisionStatsDto, type SupervisionStatsRow,
} from '../../contract/supervision.ts';
import type { Db } from '../db/open.ts';
import { yearBounds } from './common.ts';
import { supervisionParagraph } from './paragraph.ts';

/**
 * 监督统计 of one year, per party and in total. What counts in a year:
 * - activities, 人次, reports: activities dated in the year; 人次 and reports (an activity with a
 *   report or a linked batch) count the party's supervision kinds only, not the 统战部's support actions;
 * - supervisors: in office at some time in the year (appointed by its end, not gone before its start);
 * - windows and households: windows established by the year's end;
 * - briefings: dated in the year; batches and findings: batches received in the year, a finding
 *   complete when 已销号; satisfaction: grades dated in the year.
 */

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function emptyRow(organizationId: number | null, organizationName: string): SupervisionStatsRow {
  return {
    organizationId,
    organizationName,
    activities: zeros(ACTIVITY_KINDS),
    participants: 0,
    reports: 0,
    supervisors: zeros(SUPERVISOR_KINDS),
    windows: zeros(WINDOW_LEVELS),
    households: 0,
    briefings: zeros(BRIEFING_KINDS),
    batches: 0,
    findings: 0,
    closedFindings: 0,
    completionRate: null,
    satisfaction: zeros(SATISFACTION_GRADES),
    findingSatisfaction: zeros(SATISFACTION_GRADES),
  };
}

const isKey = <K extends string>(keys: readonly K[], v: string): v is K => (keys as readonly string[]).includes(v);

export async function supervisionStats(db: Db, year: number): Promise<SupervisionStatsDto> {
  const { from, to } = yearBounds(year);
  const supervisionKinds = sql.join([...SUPERVISION_KINDS]);
  const [activities, supervisors, windows, briefings, batches, ratings, orgs] = await Promise.all([
    sql<{ org: number; kind: string; n: number; people: number; reports: number }>`
      SELECT organization_id AS org, kind, count(*) AS n,
        sum(CASE WHEN kind IN (${supervisionKinds}) THEN participants ELSE 0 END) AS people,
        sum(CASE WHEN kind IN (${supervisionKinds}) AND (report_title IS NOT NULL OR batch_id IS NOT NULL) THEN 1 ELSE 0 END) AS reports
      FROM supervision_activities WHERE activity_date BETWEEN ${from} AND ${to}
      GROUP BY organization_id, kind`.execute(db),
    sql<{ org: number; kind: string; n: number }>`
      SELECT organization_id AS org, kind, count(*) AS n FROM supervisors
      WHERE appointed_date <= ${to}
        AND coalesce(left_date, CASE WHEN status = 'serving' THEN NULL ELSE term_end END, '9999-12-31') >= ${from}
      GROUP BY organization_id, kind`.execute(db),
    sql<{ org: number; level: string; n: number; households: number }>`
      SELECT organization_id AS org, level, count(*) AS n, sum(households) AS households FROM observation_windows
      WHERE established_date <= ${to} GROUP BY organization_id, level`.execute(db),
    sql<{ org: number; kind: string; n: number }>`
      SELECT organization_id AS org, kind, count(*) AS n FROM supervision_briefings
      WHERE briefing_date BETWEEN ${from} AND ${to} GROUP BY organization_id, kind`.execute(db),
    sql<{ org: number; batches: number; findings: number; closed: number }>`
      SELECT b.organization_id AS org, count(DISTINCT b.id) AS batches, count(f.id) AS findings,
        sum(CASE WHEN f.status = 'closed' THEN 1 ELSE 0 END) AS closed
      FROM batches b LEFT JOIN findings f ON f.batch_id = b.id
      WHERE b.received_date BETWEEN ${from} AND ${to} GROUP BY b.organization_id`.execute(db),
    sql<{ org: number; grade: string; per_finding: number; n: number }>`
      SELECT b.organization_id AS org, s.grade, s.finding_id IS NOT NULL AS per_finding, count(*) AS n
      FROM satisfaction_ratings s JOIN batches b ON b.id = s.batch_id
      WHERE s.rating_date BETWEEN ${from} AND ${to} GROUP BY b.organization_id, s.grade, per_finding`.execute(db),
    db.selectFrom('organizations').select(['id', 'name']).orderBy('id').execute(),
  ]);

  const byOrg = new Map<number, SupervisionStatsRow>();
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const rowOf = (org: number) => byOrg.get(org) ?? (byOrg.set(org, emptyRow(org, names.get(org) ?? `监督主体${org}`)), byOrg.get(org)!);

  for (const a of activities.rows) {
    const r = rowOf(a.org);
    if (isKey(ACTIVITY_KINDS, a.kind)) r.activities[a.kind] += Number(a.n);
    r.participants += Number(a.people ?? 0);
    r.reports += Number(a.reports ?? 0);
  }
  for (const s of supervisors.rows) if (isKey(SUPERVISOR_KINDS, s.kind)) rowOf(s.org).supervisors[s.kind] += Number(s.n);
  for (const w of windows.rows) {
    const r = rowOf(w.org);
    if (isKey(WINDOW_LEVELS, w.level)) r.windows[w.level] += Number(w.n);
    r.households += Number(w.households ?? 0);
  }
  for (const b of briefings.rows) if (isKey(BRIEFING_KINDS, b.kind)) rowOf(b.org).briefings[b.kind] += Number(b.n);
  for (const b of batches.rows) {
    const r = rowOf(b.org);
    r.batches += Number(b.batches);
    r.findings += Number(b.findings);
    r.closedFindings += Number(b.closed ?? 0);
  }
  for (const s of ratings.rows) {
    if (!isKey(SATISFACTION_GRADES, s.grade)) continue;
    (Number(s.per_finding) ? rowOf(s.org).findingSatisfaction : rowOf(s.org).satisfaction)[s.grade] += Number(s.n);
  }

  const rows = [...byOrg.values()].sort((a, b) => (a.organizationId ?? 0) - (b.organizationId ?? 0));
  const total = emptyRow(null, '合计');
  for (const r of rows) addInto(total, r);
  for (const r of [...rows, total]) r.completionRate = r.findings ? r.closedFindings / r.findings : null;
  return { year, rows, total, paragraph: supervisionParagraph(year, total) };
}

function addInto(total: SupervisionStatsRow, r: SupervisionStatsRow): void {
  const add = <K extends string>(t: Record<K, number>, s: Record<K, number>) => {
    for (const k of Object.keys(s) as K[]) t[k] += s[k];
  };
  add(total.activities, r.activities);
  add(total.supervisors, r.supervisors);
  add(total.windows, r.windows);
  add(total.briefings, r.briefings);
  add(total.satisfaction, r.satisfaction);
  add(total.findingSatisfaction, r.findingSatisfaction);
  total.participants += r.participants;
  total.reports += r.reports;
  total.households += r.households;
  total.batches += r.batches;
  total.findings += r.findings;
  total.closedFindings += r.closedFindings;
}

/** The CLI's `supervision-stats --json` shape (README, CLI section). Activity keys are the Chinese kind names. */
export function statsJson(s: SupervisionStatsDto, kindLabel: Record<string, string>) {
  const t = s.total;
  return {
    year: s.year,
    activities: Object.fromEntries(ACTIVITY_KINDS.map((k) => [kindLabel[k], t.activities[k]])),
    participants: t.participants,
    reports: t.reports,
    supervisors: t.supervisors.supervisor + t.supervisors.investigator,
    windows: { county: t.windows.county, township: t.windows.township, village: t.windows.village },
    households: t.households,
    batches: t.batches,
    findings: t.findings,
    satisfaction: { satisfied: t.satisfaction.satisfied, basically: t.satisfaction.basically, unsatisfied: t.satisfaction.unsatisfied },
  };
}
