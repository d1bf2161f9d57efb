import { sql } from 'kysely';
import { BULK_MAX, type BulkChanges, type BulkItem, type BulkPreview, type BulkResult } from '../../contract/bulk.ts';
import type { LedgerFilter } from '../../contract/ledger.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { ledgerCountQuery, ledgerPageIdsQuery } from '../ledger/ledger-query.ts';
import { refuseStaleMeasure } from '../ledger/measure-stale.ts';
import { transitionMeasure } from '../ledger/measures.ts';
import { getSettings, thresholdsOf } from '../ledger/settings.ts';
import { signalDates } from '../ledger/signal-sql.ts';
import { reindexFindings } from '../search/search-index.ts';
import { checkChanges, loadRows, planRows, previewRow, problemsMessage, rowLabel, rowNumber, summarize, type MeasureRow } from './plan.ts';
import { dialectOf } from '../db/dialect.ts';

/**
 * 批量修改: many measures' 牵头单位, 责任领导, 责任人, 整改时限 or status in one step. The preview
 * says what will change and carries each row's version; applying is one transaction that refuses
 * everything when one row is stale or breaks a workflow rule, and audits each measure (before and
 * after) under one bulk marker entry.
 */

const PREVIEW_ROWS = 200;

/** The measures of a selection: the ticked ids, or exactly what the ledger shows for a filter. */
export async function selectedIds(db: Db, selection: { measureIds: number[] } | { filter: LedgerFilter }, today: string): Promise<number[]> {
  if ('measureIds' in selection) return [...new Set(selection.measureIds)];
  const t = thresholdsOf(await getSettings(db));
  const d = signalDates(today, t, dialectOf(db));
  const count = Number((await ledgerCountQuery(db, selection.filter, d).executeTakeFirst())?.n ?? 0);
  if (count > BULK_MAX) throw new AppError('invalid_input', `符合筛选条件的措施有 ${count} 项，一次最多批量修改 ${BULK_MAX} 项，请缩小筛选范围`);
  const rows = await ledgerPageIdsQuery(db, { filter: selection.filter, sort: 'default', order: 'asc', page: 1, pageSize: BULK_MAX }, d).execute();
  return rows.map((r) => r.id);
}

export async function previewBulk(db: Db, ids: number[], changes: BulkChanges, today: string): Promise<BulkPreview> {
  if (!ids.length) throw new AppError('invalid_input', '没有符合条件的措施可修改');
  const unitName = await checkChanges(db, changes, today);
  const rows = await loadRows(db, ids);
  if (rows.length < ids.length) throw new AppError('not_found', `所选措施中有 ${ids.length - rows.length} 项已被删除，请刷新台账后重新选择`);
  const { immediateDays } = await getSettings(db);
  const plan = planRows(rows, changes, unitName, today, immediateDays);
  const summary = summarize(plan.rows);
  const unchanged = rows.length - plan.rows.length;
  const headline = plan.rows.length
    ? `将修改 ${plan.rows.length} 项：${summary.join('；')}${unchanged ? `（另有 ${unchanged} 项已是新值，不变）` : ''}`
    : `所选 ${rows.length} 项已是新值，没有要修改的内容`;
  return {
    total: rows.length,
    changing: plan.rows.length,
    headline,
    summary,
    items: rows.map((r) => ({ id: r.id, version: r.version })),
    rows: plan.rows.slice(0, PREVIEW_ROWS).map(previewRow),
    problems: plan.problems,
  };
}

async function refuseStale(trx: Db, actor: Actor, rows: MeasureRow[], items: BulkItem[]): Promise<void> {
  const seen = new Map(items.map((i) => [i.id, i.version]));
  const stale = rows.filter((r) => seen.get(r.id) !== r.version);
  if (!stale.length) return;
  const first = stale[0];
  let what = '';
  try {
    await refuseStaleMeasure(trx, actor, first, seen.get(first.id));
  } catch (e) {
    what = e instanceof AppError ? (/已被他人修改(（[^）]*）)?/.exec(e.message)?.[1] ?? '') : '';
  }
  const others = stale.length > 1 ? `，另有 ${stale.length - 1} 项（${stale.slice(1, 6).map(rowNumber).join('、')}${stale.length > 6 ? ' 等' : ''}）也已被修改` : '';
  throw new AppError('stale', `${rowLabel(first)}在预览之后已被他人修改${what}${others}。本次批量修改未保存任何一项，请重新预览后再确认。`, {
    measureIds: stale.map((r) => r.id),
  });
}

export async function applyBulk(
  trx: Db,
  actor: Actor,
  dataDir: string,
  items: BulkItem[],
  changes: BulkChanges,
  onRollback: (undo: () => void) => void,
): Promise<BulkResult> {
  const ids = [...new Set(items.map((i) => i.id))];
  const unitName = await checkChanges(trx, changes, actor.today);
  const rows = await loadRows(trx, ids);
  if (rows.length < ids.length) throw new AppError('stale', `所选措施中有 ${ids.length - rows.length} 项在预览之后已被删除。本次批量修改未保存任何一项，请重新预览后再确认。`);
  await refuseStale(trx, actor, rows, items);
  const { immediateDays } = await getSettings(trx);
  const plan = planRows(rows, changes, unitName, actor.today, immediateDays);
  if (plan.problems.length) throw new AppError('invalid_transition', problemsMessage(plan.problems), { measureIds: plan.problems.map((p) => p.measureId) });
  if (!plan.rows.length) throw new AppError('invalid_input', '所选措施已是新值，没有要修改的内容');

  const summary = summarize(plan.rows);
  const marker = await trx
    .insertInto('audit_log')
    .values({
      at: actor.at,
      operator: actor.operator,
      action: 'bulk',
      entity: 'measures',
      entity_id: null,
      before_json: null,
      after_json: JSON.stringify({ count: plan.rows.length, changes, summary, measureIds: plan.rows.map((p) => p.row.id) }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // Rows getting the same new values are updated together; each still gets its own audit entry.
  const reindex = new Set<number>();
  const groups = new Map<string, number[]>();
  const audits: { at: string; operator: string; action: string; entity: string; entity_id: number; before_json: string; after_json: string }[] = [];
  for (const p of plan.rows) {
    if (!Object.keys(p.set).length) continue;
    const key = JSON.stringify(p.set);
    groups.set(key, [...(groups.get(key) ?? []), p.row.id]);
    const { finding_seq, doc_number, topic, organization_name, lead_unit_name, ...before } = p.row;
    audits.push({
      at: actor.at,
      operator: actor.operator,
      action: 'update',
      entity: 'measure',
      entity_id: p.row.id,
      before_json: JSON.stringify(before),
      after_json: JSON.stringify({ ...p.set, bulkAuditId: marker.id, changes: p.changes }),
    });
    if ('lead_unit_id' in p.set || 'leader' in p.set || 'person' in p.set) reindex.add(p.row.finding_id);
  }
  for (const [key, ids] of groups) {
    const set = JSON.parse(key) as Record<string, unknown>;
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      await trx.updateTable('measures').set({ ...set, version: sql<number>`version + 1`, updated_at: actor.at }).where('id', 'in', part).execute();
      if (set.lead_unit_id !== undefined) await trx.deleteFrom('measure_co_units').where('measure_id', 'in', part).where('unit_id', '=', set.lead_unit_id as number).execute();
    }
  }
  for (let i = 0; i < audits.length; i += 100) await trx.insertInto('audit_log').values(audits.slice(i, i + 100)).execute();
  if (changes.transition) {
    const t = changes.transition;
    for (const p of plan.rows) {
      if (!p.transition) continue;
      const version = p.row.version + (Object.keys(p.set).length ? 1 : 0);
      await transitionMeasure(
        trx,
        actor,
        dataDir,
        { id: p.row.id, action: t.action, date: t.date, resultText: t.resultText, verifiedBy: t.verifiedBy, reason: t.reason, newDeadline: t.newDeadline, files: [], version },
        onRollback,
      );
    }
  }
  if (reindex.size) await reindexFindings(trx, [...reindex]);
  return { changed: plan.rows.length, bulkAuditId: marker.id, message: `已批量修改 ${plan.rows.length} 项措施：${summary.join('；')}` };
}
