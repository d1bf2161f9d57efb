import { sql } from 'kysely';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { moveToBin } from '../recycle/bin.ts';
import { audit } from '../ledger/write.ts';
import type { SupervisionEntity } from './entities.ts';

/** What every supervision register shares: the party check, the audit record, deletion to the 回收站. */

export async function organizationName(trx: Db, id: number): Promise<string> {
  const o = await trx.selectFrom('organizations').select('name').where('id', '=', id).executeTakeFirst();
  if (!o) throw new AppError('invalid_input', '所选党派（监督主体）不存在，可能已被删除，请重新选择', { path: 'organizationId' });
  return o.name;
}

/** Audit records hold the record in the clerk's words (kinds and grades as 专项监督 / 满意), with its label as `name`. */
export async function auditSave(trx: Db, actor: Actor, entity: SupervisionEntity, id: number, before: Record<string, unknown> | undefined, after: Record<string, unknown>): Promise<void> {
  await audit(trx, actor, before ? { action: 'update', entity, entityId: id, before, after } : { action: 'create', entity, entityId: id, after });
}

export async function binSupervision(trx: Db, actor: Actor, dataDir: string, entity: SupervisionEntity, id: number): Promise<number> {
  return moveToBin(trx, actor, dataDir, entity, id);
}

/** A year's days as text bounds: dates are 'YYYY-MM-DD' text. */
export const yearBounds = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

export const likeTerm = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function notFound(what: string): AppError {
  return new AppError('not_found', `找不到该${what}，可能已被删除，请刷新`);
}

/** A party the supervision registers still name cannot be deleted: say where it is used. */
export async function assertOrganizationUnused(trx: Db, id: number, name: string): Promise<void> {
  const uses: [string, string][] = [
    ['supervision_relations', '对口监督关系'],
    ['supervision_activities', '监督活动'],
    ['supervisors', '监督员'],
    ['observation_windows', '观察窗口'],
    ['supervision_briefings', '通报记录'],
  ];
  const found: string[] = [];
  for (const [table, noun] of uses) {
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE organization_id = ${id}`.execute(trx);
    const n = Number(r.rows[0]?.n ?? 0);
    if (n) found.push(`${noun} ${n} 条`);
  }
  if (found.length) throw new AppError('conflict', `“${name}”在民主监督登记中还有${found.join('、')}，不能删除`);
}
