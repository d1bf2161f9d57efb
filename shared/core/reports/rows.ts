import { sql } from 'kysely';
import type { LedgerFilter } from '../../contract/ledger.ts';
import { deadlineSignal, type SignalThresholds } from '../../domain/signal.ts';
import type { ReportReader } from './reader.ts';
import type { Db } from '../db/open.ts';
import { ledgerCountQuery } from '../ledger/ledger-query.ts';
import { signalDates } from '../ledger/signal-sql.ts';
import type { ReportRow } from './model.ts';
import { dialectOf, idList } from '../db/dialect.ts';

/**
 * Every measure a report covers, in ledger order (batch, finding, measure), with the same filter
 * object the ledger page uses, so "export what the ledger shows" means the same rows.
 */
export async function loadReportRows(core: ReportReader, filter: LedgerFilter, thresholds: SignalThresholds, opts: RowOptions = {}): Promise<ReportRow[]> {
  return loadRows(core, await filteredMeasureIds(core.db, filter, thresholds, core.today()), thresholds, opts);
}

export interface RowOptions {
  /** false: leave out the latest progress text, evidence count and co-units (figures only need the rest). */
  details?: boolean;
}

/** The rows of the given measures (a notice's measure, a batch's letter), in ledger order. */
export async function loadRows(core: ReportReader, ids: readonly number[] | 'all', thresholds: SignalThresholds, { details = true }: RowOptions = {}): Promise<ReportRow[]> {
  const raw = await core.db
    .selectFrom('measures as m')
    .innerJoin('findings as f', 'f.id', 'm.finding_id')
    .innerJoin('batches as b', 'b.id', 'f.batch_id')
    .innerJoin('organizations as o', 'o.id', 'b.organization_id')
    .innerJoin('units as u', 'u.id', 'm.lead_unit_id')
    .select([
      'm.id as measureId', 'f.id as findingId', 'b.id as batchId', 'o.id as organizationId',
      'o.party', 'o.name as organizationName', 'b.topic as batchTopic', 'b.doc_number as batchDocNumber',
      'b.received_date as batchReceivedDate', 'b.area as batchArea', 'f.seq as findingSeq', 'f.category', 'f.text as findingText',
      'f.suggestion', 'f.target', 'f.note as findingNote', 'f.status as findingStatus', 'm.seq as measureSeq',
      'm.text as measureText', 'm.lead_unit_id as leadUnitId', 'u.name as leadUnitName', 'm.leader', 'm.person',
      'm.deadline_kind as deadlineKind', 'm.deadline_date as deadlineDate', 'm.deadline_text as deadlineText',
      'm.status', 'm.assigned_date as assignedDate', 'm.last_progress_date as lastProgressDate',
      'm.result_text as resultText', 'm.closed_date as closedDate',
      details
        ? sql<string | null>`(SELECT p.text FROM progress_entries p WHERE p.measure_id = m.id ORDER BY p.entry_date DESC, p.id DESC LIMIT 1)`.as('lastProgressText')
        : sql<string | null>`NULL`.as('lastProgressText'),
      details ? sql<number>`(SELECT count(*) FROM evidence_files e WHERE e.measure_id = m.id)`.as('evidenceCount') : sql<number>`0`.as('evidenceCount'),
    ])
    .$if(ids !== 'all', (q) => q.where('m.id', 'in', idList(dialectOf(core.db), ids as readonly number[])))
    // The ledger's default order: batch, the feedback's own order, the checklist's order.
    .orderBy('f.batch_id').orderBy('f.sort_order').orderBy('m.seq').orderBy('m.id')
    .execute();

  const coUnits = details ? await coUnitNames(core.db, ids) : new Map<number, string[]>();
  const today = core.today();
  const rows: ReportRow[] = raw.map((r) => ({
    ...r,
    batchLabel: [r.organizationName, r.batchDocNumber ?? r.batchTopic].filter(Boolean).join(' '),
    coUnitNames: coUnits.get(r.measureId) ?? [],
    evidenceCount: Number(r.evidenceCount),
    signal: deadlineSignal(r, today, thresholds),
  }));
  return rows;
}

async function coUnitNames(db: Db, ids: readonly number[] | 'all'): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom('measure_co_units as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.measure_id', 'u.name'])
    .$if(ids !== 'all', (q) => q.where('c.measure_id', 'in', idList(dialectOf(db), ids as readonly number[])))
    .orderBy('c.measure_id').orderBy('u.id')
    .execute();
  const map = new Map<number, string[]>();
  for (const r of rows) {
    const list = map.get(r.measure_id);
    if (list) list.push(r.name);
    else map.set(r.measure_id, [r.name]);
  }
  return map;
}

/**
 * The measures the ledger's own filter selects ('all' when it selects everything): the ledger's
 * query with its count swapped for the ids, so an export can never disagree with the screen.
 */
async function filteredMeasureIds(db: Db, f: LedgerFilter, thresholds: SignalThresholds, today: string): Promise<number[] | 'all'> {
  const narrowing = Object.values(f).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== ''));
  if (!narrowing) return 'all';
  const rows = await ledgerCountQuery(db, f, signalDates(today, thresholds, dialectOf(db))).clearSelect().select('m.id').execute();
  return rows.map((r) => r.id);
}
