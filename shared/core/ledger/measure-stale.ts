import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { MEASURE_STATUS_LABEL, type MeasureStatus } from '../../domain/vocabulary.ts';
import { getMeasureDetail } from './finding-detail.ts';
import { getSettings, thresholdsOf } from './settings.ts';
import { EMPTY, brief, field, quoted, refuseIfStale, type WatchedField } from './stale.ts';

/** A stale edit or step of a measure: refused with what changed, in the clerk's words. */

export function deadlineWords(r: Record<string, unknown>): string {
  const date = (r.deadline_date as string | null) ?? null;
  switch (r.deadline_kind) {
    case 'standing':
      return '长期坚持';
    case 'immediate':
      return date ? `立行立改（${date}）` : '立行立改';
    case 'date':
      return date ?? EMPTY;
    default:
      return brief(r.deadline_text) === EMPTY ? '未定' : brief(r.deadline_text);
  }
}

async function measureFields(trx: Db): Promise<WatchedField[]> {
  const units = new Map((await trx.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
  return [
    field('整改措施', 'text', quoted),
    field('牵头单位', 'lead_unit_id', (v) => units.get(v as number) ?? EMPTY),
    field('责任领导', 'leader'),
    field('责任人', 'person'),
    { label: '整改时限', keys: ['deadline_kind', 'deadline_date', 'deadline_text'], show: deadlineWords },
    field('状态', 'status', (v) => MEASURE_STATUS_LABEL[v as MeasureStatus] ?? brief(v)),
    field('整改结果', 'result_text', quoted),
    field('最近进展日期', 'last_progress_date'),
  ];
}

export async function refuseStaleMeasure(
  trx: Db,
  actor: Actor,
  current: Record<string, unknown> & { id: number; version: number },
  seen: number | undefined,
): Promise<void> {
  if (seen === undefined || seen === current.version) return;
  await refuseIfStale(trx, {
    entity: 'measure',
    noun: '措施',
    id: current.id,
    seen,
    current,
    fields: await measureFields(trx),
    fresh: async () => getMeasureDetail(trx, current.id, actor.today, thresholdsOf(await getSettings(trx))),
  });
}
