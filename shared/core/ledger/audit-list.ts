import type { AuditEntryDto } from '../../contract/ledger-types.ts';
import type { Db } from '../db/open.ts';
import { auditWords } from './audit-words.ts';

export async function listAudit(db: Db, input: { entity?: string; entityId?: number; limit: number }): Promise<AuditEntryDto[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(input.limit);
  if (input.entity) q = q.where('entity', '=', input.entity);
  if (input.entityId) q = q.where('entity_id', '=', input.entityId);
  const rows = (await q.execute()).map((r) => ({
    id: r.id,
    at: r.at,
    operator: r.operator,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before_json ? JSON.parse(r.before_json) : null,
    after: r.after_json ? JSON.parse(r.after_json) : null,
  }));
  const words = await auditWords(db, rows);
  return rows.map((r, i) => ({ ...r, words: words[i] }));
}
