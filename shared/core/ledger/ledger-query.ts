import { dialectOf } from '../db/dialect.ts';
import type { LedgerFilter, LedgerQuery } from '../../contract/ledger.ts';
import type { LedgerPage, LedgerRow } from '../../contract/ledger-types.ts';
import { deadlineSignal, type SignalThresholds } from '../../domain/signal.ts';
import { sql, type Compilable } from 'kysely';
import type { Db } from '../db/open.ts';
import { batchLabel } from './batches.ts';
import { matchesSearch } from '../search/search-index.ts';
import { deadlineKey, isPeriodMissing, signalDates, signalIn, signalRank, URGENCY_RUNS, type SignalDates } from './signal-sql.ts';
import { isStagnant } from '../dashboard/work-sql.ts';

/**
 * The ledger: one row per measure with its finding, batch and units. Filtering, sorting and
 * paging happen in the database; the signal of each row comes from the one signal function.
 */

/**
 * The filter, on `measures` alone: finding-level conditions are `finding_id IN (…)` subqueries,
 * so counting never joins and the page can be read straight off an index in sort order.
 */
function filtered(db: Db, f: LedgerFilter, d: SignalDates) {
  let q = db.selectFrom('measures as m');
  if (f.batchId) {
    const batchId = f.batchId;
    q = q.where('m.finding_id', 'in', (eb) => eb.selectFrom('findings').select('id').where('batch_id', '=', batchId));
  }
  if (f.organizationId) {
    const orgId = f.organizationId;
    q = q.where('m.finding_id', 'in', (eb) =>
      eb.selectFrom('findings as f2').innerJoin('batches as b2', 'b2.id', 'f2.batch_id').select('f2.id').where('b2.organization_id', '=', orgId),
    );
  }
  if (f.category) {
    const category = f.category;
    q = q.where('m.finding_id', 'in', (eb) => eb.selectFrom('findings').select('id').where('category', '=', category));
  }
  if (f.q) q = q.where(matchesSearch(f.q, dialectOf(db)));
  if (f.repeat) q = q.where(sql<boolean>`m.finding_id IN (SELECT finding_id FROM finding_repeats)`);
  if (f.unitId) {
    const unitId = f.unitId;
    q = q.where((eb) =>
      eb.or([eb('m.lead_unit_id', '=', unitId), eb('m.id', 'in', eb.selectFrom('measure_co_units').select('measure_id').where('unit_id', '=', unitId))]),
    );
  }
  if (f.leadUnitId) q = q.where('m.lead_unit_id', '=', f.leadUnitId);
  if (f.stagnant) q = q.where((eb) => isStagnant(eb, d));
  if (f.periodMissing) q = q.where((eb) => isPeriodMissing(eb, d));
  if (f.statuses?.length) q = q.where('m.status', 'in', f.statuses);
  if (f.signals?.length && f.signals.length < 3) {
    const signals = f.signals;
    q = q.where((eb) => signalIn(eb, d, signals));
  }
  if (f.deadlineFrom) q = q.where(deadlineKey, '>=', f.deadlineFrom);
  if (f.deadlineTo) q = q.where(deadlineKey, '<=', f.deadlineTo);
  return q;
}

/** One statement that yields the ids of a page. */
export type PageIdsQuery = Compilable<{ id: number }> & { execute(): Promise<{ id: number }[]> };

/**
 * 逾期优先: red by days overdue (its deadline, earliest first), then yellow, then the rest, each
 * in deadline order. On the whole ledger, or one cut only by status or deadline, that is one
 * statement of three runs, each reading off the deadline index no more rows than end the page,
 * merged in run order: a first page costs a few dozen index entries however large the ledger.
 * A filter by unit, batch, organisation, category, words or signal leaves few rows: those are
 * sorted by rank as they are (and one signal alone is plain deadline order).
 */
function overdueFirstIdsQuery(db: Db, query: LedgerQuery, d: SignalDates): PageIdsQuery {
  const f = query.filter;
  const offset = (query.page - 1) * query.pageSize;
  const bySignal = !!f.signals?.length && f.signals.length < 3;
  if (bySignal || f.unitId || f.batchId || f.organizationId || f.category || f.q) {
    let q = filtered(db, f, d).select('m.id');
    if (f.signals?.length !== 1) q = q.orderBy((eb) => signalRank(eb, d));
    return q.orderBy(deadlineKey).orderBy('m.finding_id').orderBy('m.seq').limit(query.pageSize).offset(offset);
  }
  const run = (rank: number) =>
    db
      .selectFrom(
        filtered(db, f, d)
          .where((eb) => URGENCY_RUNS[rank](eb, d))
          .select(['m.id', sql<number>`${sql.lit(rank)}`.as('run'), deadlineKey.as('deadline_key'), 'm.finding_id', 'm.seq'])
          .orderBy(deadlineKey)
          .orderBy('m.finding_id')
          .orderBy('m.seq')
          .limit(offset + query.pageSize)
          .as(`run${rank}`),
      )
      .selectAll();
  return run(0)
    .unionAll(run(1))
    .unionAll(run(2))
    .unionAll(run(3))
    .orderBy('run')
    .orderBy('deadline_key')
    .orderBy('finding_id')
    .orderBy('seq')
    .limit(query.pageSize)
    .offset(offset);
}

/** Step 1: the ids of one page, in the asked order (ties broken by the feedback's own order). */
export function ledgerPageIdsQuery(db: Db, query: LedgerQuery, d: SignalDates): PageIdsQuery {
  if (query.sort === 'overdue') return overdueFirstIdsQuery(db, query, d);
  const dir = query.order;
  let q = filtered(db, query.filter, d).select('m.id');
  switch (query.sort) {
    case 'deadline':
      q = q.orderBy(deadlineKey, dir);
      break;
    case 'status':
      q = q.orderBy('m.status', dir);
      break;
    case 'unit':
      q = q.orderBy((eb) => eb.selectFrom('units as u').select('u.name').whereRef('u.id', '=', 'm.lead_unit_id'), dir);
      break;
    case 'updated':
      q = q.orderBy('m.updated_at', dir);
      break;
    case 'signal':
      q = q.orderBy((eb) => signalRank(eb, d), dir);
      break;
    case 'default':
      break;
  }
  return q.orderBy('m.finding_id', dir).orderBy('m.seq', dir).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
}

/**
 * Step 2: what the ledger shows of those measures, in one statement: latest progress and the
 * evidence count as correlated subqueries, co-operating units as extra joined rows (folded in
 * code), so a page costs three statements in all — round trips matter in the shared mode.
 */
export function ledgerRowsQuery(db: Db, ids: number[]) {
  return db
    .selectFrom('measures as m')
    .innerJoin('findings as f', 'f.id', 'm.finding_id')
    .innerJoin('batches as b', 'b.id', 'f.batch_id')
    .innerJoin('organizations as o', 'o.id', 'b.organization_id')
    .innerJoin('units as u', 'u.id', 'm.lead_unit_id')
    .leftJoin('measure_co_units as c', 'c.measure_id', 'm.id')
    .leftJoin('units as cu', 'cu.id', 'c.unit_id')
    .select((eb) => [
      'm.id as measure_id', 'm.finding_id', 'f.batch_id', 'f.seq as finding_seq', 'm.seq as measure_seq', 'f.category',
      'f.text as finding_text', 'm.text as measure_text', 'o.name as organization_name', 'b.doc_number', 'b.topic',
      'm.lead_unit_id', 'u.name as lead_unit_name', 'm.leader', 'm.person', 'm.deadline_kind', 'm.deadline_date',
      'm.deadline_text', 'm.status', 'f.status as finding_status', 'm.last_progress_date', 'm.closed_date', 'm.assigned_date',
      'cu.name as co_unit_name',
      eb
        .selectFrom('progress_entries as p')
        .select('p.text')
        .whereRef('p.measure_id', '=', 'm.id')
        .orderBy('p.entry_date', 'desc')
        .orderBy('p.id', 'desc')
        .limit(1)
        .as('last_progress_text'),
      eb.selectFrom('evidence_files as e').select((e2) => e2.fn.countAll<number>().as('n')).whereRef('e.measure_id', '=', 'm.id').as('evidence_count'),
    ])
    .where('m.id', 'in', ids.length ? ids : [-1])
    .orderBy('m.id')
    .orderBy('cu.name');
}

type RowsCompiled = ReturnType<ReturnType<typeof ledgerRowsQuery>['compile']>;
const rowsCompiled = new WeakMap<Db, Map<number, RowsCompiled>>();

/**
 * The page's rows statement, compiled once per page length: only its ids change from page to page
 * (they are its last parameters), and building and compiling this nine-table query each time
 * cost about as much as running it.
 */
function pageRowsQuery(db: Db, ids: number[]): RowsCompiled {
  let byLength = rowsCompiled.get(db);
  if (!byLength) rowsCompiled.set(db, (byLength = new Map()));
  const cached = byLength.get(ids.length);
  if (cached) return { ...cached, parameters: [...cached.parameters.slice(0, cached.parameters.length - ids.length), ...ids] };
  const compiled = ledgerRowsQuery(db, ids).compile();
  const tail = compiled.parameters.slice(compiled.parameters.length - ids.length);
  // Kept only when the ids are indeed the last parameters (they are: the WHERE comes last).
  if (ids.length && tail.every((p, i) => p === ids[i])) byLength.set(ids.length, compiled);
  return compiled;
}

export function ledgerCountQuery(db: Db, filter: LedgerFilter, d: SignalDates) {
  return filtered(db, filter, d).select((eb) => eb.fn.countAll<number>().as('n'));
}

const pageCompiled = new WeakMap<Db, Map<string, { ids: CompiledOf<PageIdsQuery>; count: CompiledOf<ReturnType<typeof ledgerCountQuery>> }>>();
type CompiledOf<Q extends Compilable> = ReturnType<Q['compile']>;

/**
 * The ids and count statements of one view (its filter, sort and page, and the signal dates of
 * the day), compiled once: a clerk pages back and forth and the 工作台 opens the same views again.
 * A few dozen views are kept per database; more start the list over.
 */
function pageQueries(db: Db, query: LedgerQuery, d: SignalDates) {
  let views = pageCompiled.get(db);
  if (!views) pageCompiled.set(db, (views = new Map()));
  const key = JSON.stringify([query, d]);
  let compiled = views.get(key);
  if (!compiled) {
    if (views.size >= 64) views.clear();
    compiled = { ids: ledgerPageIdsQuery(db, query, d).compile(), count: ledgerCountQuery(db, query.filter, d).compile() };
    views.set(key, compiled);
  }
  return compiled;
}

export async function queryLedger(db: Db, query: LedgerQuery, today: string, t: SignalThresholds): Promise<LedgerPage> {
  const d = signalDates(today, t, dialectOf(db));
  const compiled = pageQueries(db, query, d);
  const idRows = (await db.executeQuery(compiled.ids)).rows;
  const count = (await db.executeQuery(compiled.count)).rows[0];
  const ids = idRows.map((r) => r.id);
  const byId = new Map<number, LedgerRow>();
  for (const r of (await db.executeQuery(pageRowsQuery(db, ids))).rows) {
    const seen = byId.get(r.measure_id);
    if (seen) {
      if (r.co_unit_name) seen.coUnitNames.push(r.co_unit_name);
      continue;
    }
    const s = deadlineSignal(
      { status: r.status, deadlineKind: r.deadline_kind, deadlineDate: r.deadline_date, lastProgressDate: r.last_progress_date, assignedDate: r.assigned_date, closedDate: r.closed_date },
      today,
      t,
    );
    byId.set(r.measure_id, {
      measureId: r.measure_id,
      findingId: r.finding_id,
      batchId: r.batch_id,
      findingSeq: r.finding_seq,
      measureSeq: r.measure_seq,
      category: r.category,
      findingText: r.finding_text,
      measureText: r.measure_text,
      organizationName: r.organization_name,
      batchLabel: batchLabel({ organizationName: r.organization_name, docNumber: r.doc_number, topic: r.topic }),
      batchTitle: `${r.doc_number ? `${r.doc_number} · ` : ''}${r.topic}`,
      leadUnitId: r.lead_unit_id,
      leadUnitName: r.lead_unit_name,
      coUnitNames: r.co_unit_name ? [r.co_unit_name] : [],
      leader: r.leader,
      person: r.person,
      deadlineKind: r.deadline_kind,
      deadlineDate: r.deadline_date,
      deadlineText: r.deadline_text,
      status: r.status,
      findingStatus: r.finding_status,
      lastProgressDate: r.last_progress_date,
      lastProgressText: r.last_progress_text ?? null,
      closedDate: r.closed_date,
      evidenceCount: Number(r.evidence_count ?? 0),
      signal: s.signal,
      signalReason: s.reason,
      overdueDays: s.overdueDays,
      stagnantDays: s.stagnantDays,
    });
  }
  return { rows: ids.map((id) => byId.get(id)!), total: Number(count?.n ?? 0), page: query.page, pageSize: query.pageSize };
}
