import type { RecycleEntity } from '../../contract/recycle.ts';
import type { Db } from '../db/open.ts';
import { batchLabel } from '../ledger/batches.ts';
import { activityLabel } from './activities.ts';
import { briefingLabel } from './briefings.ts';
import { SUPERVISION_NOUN, type SupervisionEntity } from './entities.ts';
import { relationLabel } from './relations.ts';
import { SATISFACTION_LABEL, type SatisfactionGrade } from '../../contract/supervision.ts';
import { supervisorLabel } from './supervisors.ts';
import { windowLabel } from './windows.ts';

/** How a supervision record is named in the 回收站 (row as stored, read before it is moved). */
export async function describeSupervision(trx: Db, entity: RecycleEntity, row: Record<string, unknown>): Promise<{ label: string; parent: string | null }> {
  const noun = SUPERVISION_NOUN[entity as SupervisionEntity] ?? entity;
  const org = async () =>
    (await trx.selectFrom('organizations').select('name').where('id', '=', row.organization_id as number).executeTakeFirst())?.name ?? '';
  const s = (k: string) => String(row[k] ?? '');
  switch (entity) {
    case 'supervision_relation':
      return { label: `${noun}：${relationLabel({ organizationName: await org(), area: s('area') })}`, parent: null };
    case 'supervision_activity':
      return { label: `${noun}：${activityLabel({ date: s('activity_date'), kind: s('kind'), organizationName: await org() })}`, parent: null };
    case 'supervisor':
      return { label: `${noun}：${supervisorLabel({ kind: s('kind'), name: s('name'), organizationName: await org() })}`, parent: null };
    case 'observation_window':
      return { label: `${noun}：${windowLabel({ level: s('level'), place: s('place') })}`, parent: await org() };
    case 'supervision_briefing':
      return { label: `${noun}：${briefingLabel({ date: s('briefing_date'), kind: s('kind'), title: s('title') })}`, parent: await org() };
    case 'satisfaction': {
      const b = await trx
        .selectFrom('batches as b')
        .innerJoin('organizations as o', 'o.id', 'b.organization_id')
        .select(['o.name as organizationName', 'b.doc_number as docNumber', 'b.topic'])
        .where('b.id', '=', row.batch_id as number)
        .executeTakeFirst();
      const f = row.finding_id ? await trx.selectFrom('findings').select(['seq', 'text']).where('id', '=', row.finding_id as number).executeTakeFirst() : undefined;
      const grade = SATISFACTION_LABEL[s('grade') as SatisfactionGrade] ?? s('grade');
      return { label: `${noun}：${f ? `反馈问题 ${f.seq} ` : ''}${grade}`, parent: b ? `反馈批次：${batchLabel(b)}` : null };
    }
    default:
      return { label: noun, parent: null };
  }
}
