import type { BatchDto } from '../../contract/ledger-types.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { findingsOfBatches, reindexFindings, unindexFindings } from '../search/search-index.ts';
import { removeEvidenceFilesOf } from './evidence.ts';
import { recordsDb } from './record-schema.ts';
import { field, quoted, refuseIfStale } from './stale.ts';
import { audit } from './write.ts';

/** 反馈批次: one feedback document from a supervising organisation. */

export interface BatchInput {
  id?: number;
  organizationId: number;
  area: string;
  docNumber: string | null;
  receivedDate: string;
  topic: string;
  mode: string | null;
  note: string | null;
  /** The version the clerk's screen showed (edits only); an edit of an older copy is refused. */
  version?: number;
}

/** How a batch is named in lists and filters: 民盟市委〔2026〕3号 · 脱贫攻坚. */
export function batchLabel(b: { organizationName: string; docNumber: string | null; topic: string }): string {
  return `${b.organizationName}${b.docNumber ? ` ${b.docNumber}` : ''} · ${b.topic}`;
}

function baseQuery(db: Db) {
  return recordsDb(db)
    .selectFrom('batches as b')
    .innerJoin('organizations as o', 'o.id', 'b.organization_id')
    .select((eb) => [
      'b.id',
      'b.organization_id',
      'o.name as organization_name',
      'o.party',
      'b.area',
      'b.doc_number',
      'b.received_date',
      'b.topic',
      'b.mode',
      'b.note',
      'b.is_sample',
      'b.version',
      eb.selectFrom('findings as f').whereRef('f.batch_id', '=', 'b.id').select((e) => e.fn.countAll<number>().as('n')).as('finding_count'),
      eb
        .selectFrom('measures as m')
        .innerJoin('findings as f', 'f.id', 'm.finding_id')
        .whereRef('f.batch_id', '=', 'b.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('measure_count'),
      eb
        .selectFrom('measures as m')
        .innerJoin('findings as f', 'f.id', 'm.finding_id')
        .whereRef('f.batch_id', '=', 'b.id')
        .where('m.status', '=', 'closed')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('closed_count'),
    ]);
}

type BatchRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toDto(r: BatchRow): BatchDto {
  return {
    id: r.id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    party: r.party,
    area: r.area,
    docNumber: r.doc_number,
    receivedDate: r.received_date,
    topic: r.topic,
    mode: r.mode,
    note: r.note,
    isSample: r.is_sample === 1,
    findingCount: Number(r.finding_count ?? 0),
    measureCount: Number(r.measure_count ?? 0),
    closedCount: Number(r.closed_count ?? 0),
    version: r.version,
  };
}

export async function listBatches(db: Db): Promise<BatchDto[]> {
  const rows = await baseQuery(db).orderBy('b.received_date', 'desc').orderBy('b.id', 'desc').execute();
  return rows.map(toDto);
}

export async function getBatch(db: Db, id: number): Promise<BatchDto> {
  const row = await baseQuery(db).where('b.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', '找不到该反馈批次，可能已被删除');
  return toDto(row);
}

export async function saveBatch(trx: Db, actor: Actor, input: BatchInput, opts: { isSample?: boolean } = {}): Promise<number> {
  const org = await trx.selectFrom('organizations').select('id').where('id', '=', input.organizationId).executeTakeFirst();
  if (!org) throw new AppError('invalid_input', '所选监督主体不存在，请重新选择');
  const values = {
    organization_id: input.organizationId,
    area: input.area,
    doc_number: input.docNumber,
    received_date: input.receivedDate,
    topic: input.topic,
    mode: input.mode,
    note: input.note,
    updated_at: actor.at,
  };
  if (input.id) {
    const id = input.id;
    const before = await recordsDb(trx).selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new AppError('not_found', '找不到该反馈批次，可能已被删除');
    await refuseIfStale(trx, { entity: 'batch', noun: '反馈批次', id, seen: input.version, current: before, fields: await batchFields(trx), fresh: () => getBatch(trx, id) });
    await recordsDb(trx).updateTable('batches').set({ ...values, version: before.version + 1 }).where('id', '=', input.id).execute();
    await audit(trx, actor, { action: 'update', entity: 'batch', entityId: input.id, before, after: values });
    // Its findings are found by the 文号 and the organisation's name: reindex them when either changed.
    if (before.doc_number !== values.doc_number || before.organization_id !== values.organization_id) {
      await reindexFindings(trx, await findingsOfBatches(trx, { batchId: id }));
    }
    return input.id;
  }
  const row = await trx
    .insertInto('batches')
    .values({ ...values, is_sample: opts.isSample ? 1 : 0, created_at: actor.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(trx, actor, { action: 'create', entity: 'batch', entityId: row.id, after: values });
  return row.id;
}

async function batchFields(trx: Db) {
  const orgs = new Map((await trx.selectFrom('organizations').select(['id', 'name']).execute()).map((o) => [o.id, o.name]));
  return [
    field('监督主体', 'organization_id', (v) => orgs.get(v as number) ?? '（空）'),
    field('监督领域', 'area'),
    field('文号', 'doc_number'),
    field('收文日期', 'received_date'),
    field('主题', 'topic'),
    field('监督方式', 'mode'),
    field('备注', 'note', quoted),
  ];
}

export async function deleteBatch(trx: Db, actor: Actor, id: number, dataDir: string): Promise<void> {
  const before = await trx.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('not_found', '找不到该反馈批次，可能已被删除');
  const findingIds = (await trx.selectFrom('findings').select('id').where('batch_id', '=', id).execute()).map((f) => f.id);
  await removeEvidenceFilesOf(trx, dataDir, { findingIds });
  await unindexFindings(trx, findingIds);
  await trx.deleteFrom('batches').where('id', '=', id).execute();
  await audit(trx, actor, { action: 'delete', entity: 'batch', entityId: id, before, after: { findingsRemoved: findingIds.length } });
}
