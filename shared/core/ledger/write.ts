import type { Actor, Core } from '../context.ts';
import type { Db } from '../db/open.ts';
import { getSettings } from './settings.ts';

/**
 * Every write a clerk starts is one transaction that names its operator. Files written alongside
 * (evidence) are registered with `onRollback` so a failed write leaves nothing behind.
 * The transaction begins with BEGIN IMMEDIATE (db/driver.ts): it waits its turn behind another
 * program's write instead of failing halfway with "database is locked".
 */
export async function withWrite<T>(core: Core, fn: (trx: Db, actor: Actor, onRollback: (undo: () => void) => void) => Promise<T>): Promise<T> {
  const settings = await getSettings(core.db);
  const actor: Actor = { operator: settings.operator, today: core.today(), at: core.now().toISOString() };
  const undo: (() => void)[] = [];
  const after: (() => void)[] = [];
  try {
    const result = await core.db.transaction().execute((trx) => {
      commitHooks.set(trx, after);
      return fn(trx, actor, (u) => undo.push(u));
    });
    for (const a of after) {
      try {
        a();
      } catch {
        /* best effort: the data is committed; a leftover file is harmless */
      }
    }
    return result;
  } catch (err) {
    for (const u of undo.reverse()) {
      try {
        u();
      } catch {
        /* best effort: a leftover file is harmless, a lost error is not */
      }
    }
    throw err;
  }
}

const commitHooks = new WeakMap<Db, (() => void)[]>();

/**
 * Run a side effect (deleting a file) only once the transaction has committed, so that a write
 * that fails leaves the disk as it was. Outside withWrite it runs at once.
 */
export function afterCommit(trx: Db, effect: () => void): void {
  const hooks = commitHooks.get(trx);
  if (hooks) hooks.push(effect);
  else effect();
}

export interface AuditEntry {
  action: 'create' | 'update' | 'delete' | 'transition' | 'progress' | 'evidence' | 'merge' | 'import' | 'sample' | string;
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
}

export async function audit(trx: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: actor.at,
      operator: actor.operator,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}
