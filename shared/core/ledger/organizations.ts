import type { OrganizationDto } from '../../contract/ledger-types.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { findingsOfBatches, reindexFindings } from '../search/search-index.ts';
import { ORG_LEVELS, PARTIES } from '../../domain/vocabulary.ts';
import { FIRST_SEEDED_NAMES, presetOrganizations, type OfficeLevel } from '../../domain/org-names.ts';
import { getSetting, putSetting } from './settings.ts';
import { audit } from './write.ts';
import { assertOrganizationUnused } from '../supervision/common.ts';

/** 监督主体: the editable dictionary of supervising organisations. */

export async function listOrganizations(db: Db): Promise<OrganizationDto[]> {
  const rows = await db
    .selectFrom('organizations as o')
    .select((eb) => [
      'o.id',
      'o.name',
      'o.party',
      'o.level',
      eb.selectFrom('batches as b').whereRef('b.organization_id', '=', 'o.id').select((e) => e.fn.countAll<number>().as('n')).as('batch_count'),
    ])
    .orderBy('o.id')
    .execute();
  // In the order offices list the parties (民革 … 台盟, 工商联, 无党派人士), whenever each was added.
  const rank = (list: readonly string[], v: string) => (list.includes(v) ? list.indexOf(v) : list.length);
  return rows
    .map((r) => ({ id: r.id, name: r.name, party: r.party, level: r.level, batchCount: Number(r.batch_count ?? 0) }))
    .sort((a, b) => rank(PARTIES, a.party) - rank(PARTIES, b.party) || rank(ORG_LEVELS, a.level) - rank(ORG_LEVELS, b.level) || a.id - b.id);
}

export async function saveOrganization(trx: Db, actor: Actor, input: { id?: number; name: string; party: string; level: string }): Promise<number> {
  const clash = await trx.selectFrom('organizations').select('id').where('name', '=', input.name).executeTakeFirst();
  if (clash && clash.id !== input.id) throw new AppError('conflict', `监督主体“${input.name}”已存在`);
  if (input.id) {
    const before = await trx.selectFrom('organizations').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!before) throw new AppError('not_found', '找不到该监督主体，可能已被删除');
    await trx.updateTable('organizations').set({ name: input.name, party: input.party, level: input.level }).where('id', '=', input.id).execute();
    // Findings are found by their organisation's name: a rename reindexes its batches' findings.
    if (before.name !== input.name) await reindexFindings(trx, await findingsOfBatches(trx, { organizationId: input.id }));
    await audit(trx, actor, { action: 'update', entity: 'organization', entityId: input.id, before, after: input });
    return input.id;
  }
  const row = await trx
    .insertInto('organizations')
    .values({ name: input.name, party: input.party, level: input.level, created_at: actor.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(trx, actor, { action: 'create', entity: 'organization', entityId: row.id, after: input });
  return row.id;
}

export async function deleteOrganization(trx: Db, actor: Actor, id: number): Promise<void> {
  const before = await trx.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('not_found', '找不到该监督主体，可能已被删除');
  const used = await trx.selectFrom('batches').select((eb) => eb.fn.countAll<number>().as('n')).where('organization_id', '=', id).executeTakeFirstOrThrow();
  if (Number(used.n) > 0) throw new AppError('conflict', `“${before.name}”下还有 ${used.n} 个反馈批次，不能删除`);
  await assertOrganizationUnused(trx, id, before.name);
  await trx.deleteFrom('organizations').where('id', '=', id).execute();
  await audit(trx, actor, { action: 'delete', entity: 'organization', entityId: id, before });
}

const PRESETS_KEY = 'org-presets';
/** Where the office is, as its first run said: the import's unit matching strips this place too. */
export const OFFICE_PLACE_KEY = 'office-place';

/**
 * Replace the presets no batch uses with names for the office's level and place (民建青山县委 …).
 * Organisations a batch uses, and those the clerk created, stay as they are.
 */
export async function seedOrganizationsForLevel(trx: Db, actor: Actor, input: { level: OfficeLevel; place: string }): Promise<void> {
  const wanted = presetOrganizations(input.level, input.place);
  const presets = new Set((await getSetting<string[]>(trx, PRESETS_KEY)) ?? FIRST_SEEDED_NAMES);
  const current = await listOrganizations(trx);
  const wantedNames = new Set(wanted.map((w) => w.name));
  const removed: string[] = [];
  for (const o of current) {
    if (o.batchCount === 0 && presets.has(o.name) && !wantedNames.has(o.name)) {
      await trx.deleteFrom('organizations').where('id', '=', o.id).execute();
      removed.push(o.name);
    }
  }
  const added: string[] = [];
  for (const w of wanted) {
    const have = current.find((o) => o.name === w.name);
    if (!have) {
      await trx.insertInto('organizations').values({ ...w, created_at: actor.at }).execute();
      added.push(w.name);
    } else if (have.batchCount === 0 && (have.level !== w.level || have.party !== w.party)) {
      await trx.updateTable('organizations').set({ party: w.party, level: w.level }).where('id', '=', have.id).execute();
    }
  }
  await putSetting(trx, PRESETS_KEY, [...wantedNames]);
  await putSetting(trx, OFFICE_PLACE_KEY, { level: input.level, place: input.place });
  await audit(trx, actor, { action: 'seed', entity: 'organization', entityId: null, after: { level: input.level, place: input.place, added, removed } });
}
