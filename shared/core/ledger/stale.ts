import type { StaleChange, StaleDetails } from '../../contract/ledger-types.ts';
import { AppError } from '../../errors.ts';
import type { Db } from '../db/open.ts';

/**
 * A save made on an old copy of a record (another window, another clerk) is refused, never merged
 * silently. The refusal says in words what changed since the clerk's copy, and carries the fresh
 * record so the screen can reload it and put the clerk's own edits back on top.
 *
 * What the clerk's copy looked like is read from the audit log: every write that bumps a version
 * records the row as it was before (with its version), so the first such record at the clerk's
 * version holds the old values (a field a later write changed is in that later write's "before").
 */

/** A field a clerk would recognise, shown from a raw row (snake_case columns). */
export interface WatchedField {
  label: string;
  /** The columns it is made of. */
  keys: string[];
  show: (row: Record<string, unknown>) => string;
}

type Row = Record<string, unknown>;

export const EMPTY = '（空）';

/** A short form of a long text, enough to recognise which one it is. */
export function brief(v: unknown): string {
  if (v === null || v === undefined || v === '') return EMPTY;
  const s = String(v).replace(/\s+/g, ' ').trim();
  return s.length > 20 ? `${s.slice(0, 18)}…` : s;
}

/** A long text in quotes, so its own punctuation does not run into the arrow. */
export const quoted = (v: unknown): string => (brief(v) === EMPTY ? EMPTY : `“${brief(v)}”`);

export const field = (label: string, key: string, show: (v: unknown) => string = brief): WatchedField => ({ label, keys: [key], show: (r) => show(r[key]) });

async function rowAtVersion(trx: Db, entity: string, id: number, version: number, keys: string[]): Promise<Row | null> {
  const rows = await trx
    .selectFrom('audit_log')
    .select('before_json')
    .where('entity', '=', entity)
    .where('entity_id', '=', id)
    .where('before_json', 'is not', null)
    .orderBy('id')
    .execute();
  const befores = rows.map((r) => JSON.parse(r.before_json!) as unknown).filter((b): b is Row => !!b && typeof b === 'object' && !Array.isArray(b));
  const start = befores.findIndex((b) => b.version === version);
  if (start < 0) return null;
  const old: Row = {};
  for (const b of befores.slice(start)) for (const k of keys) if (!(k in old) && k in b) old[k] = b[k];
  return old;
}

/** The changes between the clerk's version and the record now, in the clerk's words. */
export async function changesSince(trx: Db, entity: string, id: number, seen: number, current: Row, fields: WatchedField[]): Promise<StaleChange[]> {
  const keys = [...new Set(fields.flatMap((f) => f.keys))];
  const old = await rowAtVersion(trx, entity, id, seen, keys);
  if (!old) return [];
  const then: Row = { ...current, ...old };
  return fields
    .map((f) => ({ label: f.label, old: f.show(then), new: f.show(current) }))
    .filter((c) => c.old !== c.new);
}

/**
 * Refuse a write made on version `seen` when the record is now at another version. `seen` left out
 * (a caller with no screen: import, CLI) skips the check.
 */
export async function refuseIfStale<F>(
  trx: Db,
  o: { entity: string; noun: string; id: number; seen: number | undefined; current: Row & { version: number }; fields: WatchedField[]; fresh: () => Promise<F> },
): Promise<void> {
  if (o.seen === undefined || o.seen === o.current.version) return;
  const changes = await changesSince(trx, o.entity, o.id, o.seen, o.current, o.fields);
  const what = changes.length ? `（${changes.map((c) => `${c.label}：${c.old} → ${c.new}`).join('；')}）` : '';
  const last = await trx.selectFrom('audit_log').select(['operator', 'at']).where('entity', '=', o.entity).where('entity_id', '=', o.id).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const details: StaleDetails<F> = { entity: o.entity, id: o.id, version: o.current.version, changes, fresh: await o.fresh(), ...(last ? { savedBy: last.operator, savedAt: last.at } : {}) };
  throw new AppError('stale', `该${o.noun}已被他人修改${what}，您的修改未保存。请查看最新内容后重新提交。`, details as unknown as Record<string, unknown>);
}
