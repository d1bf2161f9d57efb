import { sql } from 'kysely';
import { AppError } from '../../errors.ts';
import type { Actor, Core } from '../context.ts';
import type { Db } from '../db/open.ts';
import { getSettings } from './settings.ts';

/**
 * Office mode (shared PostgreSQL ledger): only a signed-in 管理员 or 文员 writes. Checked here, in
 * the one door every write goes through, so a 领导 account is refused by the core and not only by
 * a hidden button. The single-PC ledger has no accounts: its one clerk may write.
 */
export function assertMayWrite(core: Core): void {
  if (!core.databaseUrl) return;
  if (!core.user) throw new AppError('unauthenticated', '请先登录：共享台账的每一次修改都要记下是谁做的。');
  if (core.user.role === 'leader') {
    throw new AppError('forbidden', `“${core.user.displayName}”是领导账号，只能查看和导出，不能修改台账。如需修改，请联系文员或管理员。`);
  }
}

/** Who the audit log names: the signed-in clerk on a shared ledger, else the 操作人 of 设置. */
export async function operatorName(core: Core): Promise<string> {
  if (core.user) return core.user.displayName;
  return (await getSettings(core.db)).operator;
}

/**
 * Every write a clerk starts is one transaction that names its operator. Files written alongside
 * (evidence) are registered with `onRollback` so a failed write leaves nothing behind.
 * The transaction begins with BEGIN IMMEDIATE (db/driver.ts): it waits its turn behind another
 * program's write instead of failing halfway with "database is locked".
 */
export async function withWrite<T>(core: Core, fn: (trx: Db, actor: Actor, onRollback: (undo: () => void) => void) => Promise<T>): Promise<T> {
  assertMayWrite(core);
  const actor: Actor = { operator: await operatorName(core), today: core.today(), at: core.now().toISOString() };
  const undo: (() => void)[] = [];
  const after: (() => void)[] = [];
  try {
    const result = await core.db.transaction().execute(async (trx) => {
      commitHooks.set(trx, after);
      // PostgreSQL: writers take turns, as SQLite's BEGIN IMMEDIATE makes them (numbering a notice,
      // a 序号, a unit name checked then inserted stay race-free), and each write bumps the
      // revision other clerks' screens watch.
      if (core.dialect === 'postgres') {
        await sql`SELECT pg_advisory_xact_lock(7130219)`.execute(trx);
        await sql`UPDATE ledger_revision SET n = n + 1 WHERE id = 1`.execute(trx);
      }
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
