import { LEDGER_SORTS } from '../../../shared/contract/ledger.ts';
import { MEASURE_STATUSES, SIGNALS, type MeasureStatus, type Signal } from '../../../shared/domain/vocabulary.ts';
import type { QueryValues } from '../../router.ts';

/** What the ledger shows, as kept in the URL hash ("#/ledger?unit=3&status=pending,closed"). */
export interface LedgerView {
  batchId?: number;
  organizationId?: number;
  unitId?: number;
  /** Only the measures this unit leads (from 分析's per-unit figures). */
  leadUnitId?: number;
  /** 停滞: open with no progress for the office's stagnant days (from the 工作台). */
  stagnant?: boolean;
  /** 长期坚持 whose periodic progress entry is missing (from the 工作台). */
  periodMissing?: boolean;
  statuses: MeasureStatus[];
  signals: Signal[];
  category?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  q?: string;
  /** 再次反馈 only (issue 11). */
  repeat?: boolean;
  sort: (typeof LEDGER_SORTS)[number];
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PAGE_SIZES = [20, 50, 100, 200];

function positive(v: string | null): number | undefined {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function listOf<T extends string>(v: string | null, allowed: readonly T[]): T[] {
  return (v ?? '').split(',').filter((s): s is T => (allowed as readonly string[]).includes(s));
}

/** A hand-edited or stale URL must not break the page: anything unknown is dropped. */
export function viewFromQuery(q: URLSearchParams): LedgerView {
  const sort = q.get('sort');
  const size = positive(q.get('size'));
  return {
    batchId: positive(q.get('batch')),
    organizationId: positive(q.get('org')),
    unitId: positive(q.get('unit')),
    leadUnitId: positive(q.get('lead')),
    stagnant: q.get('stagnant') === '1' || undefined,
    periodMissing: q.get('periodMissing') === '1' || undefined,
    statuses: listOf(q.get('status'), MEASURE_STATUSES),
    signals: listOf(q.get('signal'), SIGNALS),
    category: q.get('category') || undefined,
    deadlineFrom: DATE.test(q.get('from') ?? '') ? q.get('from')! : undefined,
    deadlineTo: DATE.test(q.get('to') ?? '') ? q.get('to')! : undefined,
    q: q.get('q')?.trim() || undefined,
    repeat: q.get('repeat') === '1' || undefined,
    sort: (LEDGER_SORTS as readonly string[]).includes(sort ?? '') ? (sort as LedgerView['sort']) : 'default',
    order: q.get('order') === 'desc' ? 'desc' : 'asc',
    page: positive(q.get('page')) ?? 1,
    pageSize: size && PAGE_SIZES.includes(size) ? size : 20,
  };
}

export function queryOfView(v: LedgerView): QueryValues {
  return {
    batch: v.batchId,
    org: v.organizationId,
    unit: v.unitId,
    lead: v.leadUnitId,
    stagnant: v.stagnant ? 1 : undefined,
    periodMissing: v.periodMissing ? 1 : undefined,
    status: v.statuses,
    signal: v.signals,
    category: v.category,
    from: v.deadlineFrom,
    to: v.deadlineTo,
    q: v.q,
    repeat: v.repeat ? 1 : undefined,
    sort: v.sort === 'default' ? undefined : v.sort,
    order: v.sort === 'default' || v.order === 'asc' ? undefined : v.order,
    page: v.page === 1 ? undefined : v.page,
    size: v.pageSize === 20 ? undefined : v.pageSize,
  };
}

export function ledgerQueryOf(v: LedgerView) {
  return {
    filter: {
      batchId: v.batchId,
      organizationId: v.organizationId,
      unitId: v.unitId,
      leadUnitId: v.leadUnitId,
      stagnant: v.stagnant,
      periodMissing: v.periodMissing,
      statuses: v.statuses.length ? v.statuses : undefined,
      signals: v.signals.length ? v.signals : undefined,
      category: v.category,
      deadlineFrom: v.deadlineFrom,
      deadlineTo: v.deadlineTo,
      q: v.q,
      repeat: v.repeat || undefined,
    },
    sort: v.sort,
    order: v.order,
    page: v.page,
    pageSize: v.pageSize,
  };
}

export const LEDGER_PAGE_SIZES = PAGE_SIZES;

export function hasFilter(v: LedgerView): boolean {
  return !!(v.batchId || v.organizationId || v.unitId || v.leadUnitId || v.stagnant || v.periodMissing || v.statuses.length || v.signals.length || v.category || v.deadlineFrom || v.deadlineTo || v.q || v.repeat);
}
