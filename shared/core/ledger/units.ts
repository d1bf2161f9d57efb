import type { UnitDto } from '../../contract/ledger-types.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { findingsShowingUnit, reindexFindings } from '../search/search-index.ts';
import { audit } from './write.ts';

/** 责任单位 and their aliases. A name or alias identifies exactly one unit. */

export function normalizeUnitName(name: string): string {
  return name.replace(/\s+/g, '').replace(/[（(]/g, '（').replace(/[）)]/g, '）');
}

export async function listUnits(db: Db): Promise<UnitDto[]> {
  const units = await db
    .selectFrom('units as u')
    .select((eb) => [
      'u.id',
      'u.name',
      'u.contact_person',
      'u.contact_phone',
      'u.is_sample',
      eb.selectFrom('measures as m').whereRef('m.lead_unit_id', '=', 'u.id').select((e) => e.fn.countAll<number>().as('n')).as('measure_count'),
      eb.selectFrom('measure_co_units as c').whereRef('c.unit_id', '=', 'u.id').select((e) => e.fn.countAll<number>().as('n')).as('co_measure_count'),
      eb
        .selectFrom('measures as m')
        .whereRef('m.lead_unit_id', '=', 'u.id')
        .where('m.status', 'in', ['not_started', 'in_progress', 'pending'])
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('open_count'),
    ])
    .orderBy('u.name')
    .execute();
  const aliases = await db.selectFrom('unit_aliases').select(['unit_id', 'alias']).orderBy('alias').execute();
  const byUnit = new Map<number, string[]>();
  for (const a of aliases) byUnit.set(a.unit_id, [...(byUnit.get(a.unit_id) ?? []), a.alias]);
  return units.map((u) => ({
    id: u.id,
    name: u.name,
    contactPerson: u.contact_person,
    contactPhone: u.contact_phone,
    aliases: byUnit.get(u.id) ?? [],
    measureCount: Number(u.measure_count ?? 0),
    coMeasureCount: Number(u.co_measure_count ?? 0),
    openCount: Number(u.open_count ?? 0),
    isSample: u.is_sample === 1,
  }));
}

export async function getUnit(db: Db, id: number): Promise<UnitDto> {
  const unit = (await listUnits(db)).find((u) => u.id === id);
  if (!unit) throw new AppError('not_found', '找不到该责任单位，可能已被删除');
  return unit;
}

/** The unit a written name means: its name or one of its aliases (spacing and bracket width ignored). */
export async function findUnitByNameOrAlias(db: Db, name: string): Promise<{ id: number; name: string } | undefined> {
  const key = normalizeUnitName(name);
  if (!key) return undefined;
  const byName = await db.selectFrom('units').select(['id', 'name']).where('name', '=', key).executeTakeFirst();
  if (byName) return byName;
  const byAlias = await db
    .selectFrom('unit_aliases as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['u.id', 'u.name'])
    .where('a.alias', '=', key)
    .executeTakeFirst();
  return byAlias ?? undefined;
}

export interface UnitInput {
  id?: number;
  name: string;
  contactPerson: string | null;
  contactPhone: string | null;
  aliases: string[];
}

export async function saveUnit(trx: Db, actor: Actor, input: UnitInput, opts: { isSample?: boolean } = {}): Promise<number> {
  const name = normalizeUnitName(input.name);
  const aliases = [...new Set(input.aliases.map(normalizeUnitName).filter((a) => a && a !== name))];
  const clash = await findUnitByNameOrAlias(trx, name);
  if (clash && clash.id !== input.id) throw new AppError('conflict', `单位“${name}”已存在（或是“${clash.name}”的别名）`);
  for (const alias of aliases) {
    const owner = await findUnitByNameOrAlias(trx, alias);
    if (owner && owner.id !== input.id) throw new AppError('conflict', `别名“${alias}”已属于单位“${owner.name}”`);
  }
  let id = input.id;
  if (id) {
    const before = await trx.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new AppError('not_found', '找不到该责任单位，可能已被删除');
    await trx.updateTable('units').set({ name, contact_person: input.contactPerson, contact_phone: input.contactPhone }).where('id', '=', id).execute();
    // Findings are found by their units' names: a rename reindexes the findings showing it.
    if (before.name !== name) await reindexFindings(trx, await findingsShowingUnit(trx, id));
    await audit(trx, actor, { action: 'update', entity: 'unit', entityId: id, before, after: { ...input, name, aliases } });
  } else {
    const row = await trx
      .insertInto('units')
      .values({ name, contact_person: input.contactPerson, contact_phone: input.contactPhone, is_sample: opts.isSample ? 1 : 0, created_at: actor.at })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = row.id;
    await audit(trx, actor, { action: 'create', entity: 'unit', entityId: id, after: { ...input, name, aliases } });
  }
  await trx.deleteFrom('unit_aliases').where('unit_id', '=', id).execute();
  if (aliases.length) await trx.insertInto('unit_aliases').values(aliases.map((alias) => ({ unit_id: id!, alias }))).execute();
  return id;
}

export async function deleteUnit(trx: Db, actor: Actor, id: number): Promise<void> {
  const before = await trx.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('not_found', '找不到该责任单位，可能已被删除');
  const used = await trx
    .selectFrom('measures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('lead_unit_id', '=', id)
    .executeTakeFirstOrThrow();
  const coUsed = await trx
    .selectFrom('measure_co_units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', '=', id)
    .executeTakeFirstOrThrow();
  if (Number(used.n) + Number(coUsed.n) > 0) {
    throw new AppError('conflict', `单位“${before.name}”仍负责 ${Number(used.n) + Number(coUsed.n)} 项整改措施，不能删除；如是重复单位，请使用“合并”`);
  }
  await trx.deleteFrom('units').where('id', '=', id).execute();
  await audit(trx, actor, { action: 'delete', entity: 'unit', entityId: id, before });
}

/** Fold a duplicate into another unit: measures move over, the duplicate's names become aliases. */
export async function mergeUnits(trx: Db, actor: Actor, fromId: number, intoId: number): Promise<void> {
  if (fromId === intoId) throw new AppError('invalid_input', '不能把单位合并到它自己');
  const from = await trx.selectFrom('units').selectAll().where('id', '=', fromId).executeTakeFirst();
  const into = await trx.selectFrom('units').selectAll().where('id', '=', intoId).executeTakeFirst();
  if (!from || !into) throw new AppError('not_found', '找不到要合并的单位，可能已被删除');
  const fromAliases = await trx.selectFrom('unit_aliases').select('alias').where('unit_id', '=', fromId).execute();
  const moved = await findingsShowingUnit(trx, fromId);
  await trx.updateTable('measures').set({ lead_unit_id: intoId }).where('lead_unit_id', '=', fromId).execute();
  // A measure that had both as co-units keeps one row.
  await trx
    .deleteFrom('measure_co_units')
    .where('unit_id', '=', fromId)
    .where('measure_id', 'in', (eb) => eb.selectFrom('measure_co_units').select('measure_id').where('unit_id', '=', intoId))
    .execute();
  await trx.updateTable('measure_co_units').set({ unit_id: intoId }).where('unit_id', '=', fromId).execute();
  // A measure whose co-unit is now also its lead drops the co-unit row.
  await trx
    .deleteFrom('measure_co_units')
    .where('unit_id', '=', intoId)
    .where('measure_id', 'in', (eb) => eb.selectFrom('measures').select('id').where('lead_unit_id', '=', intoId))
    .execute();
  // The duplicate's findings now show the other unit's name.
  await reindexFindings(trx, moved);
  await trx.deleteFrom('unit_aliases').where('unit_id', '=', fromId).execute();
  await trx.deleteFrom('units').where('id', '=', fromId).execute();
  const newAliases = [from.name, ...fromAliases.map((a) => a.alias)];
  await trx.insertInto('unit_aliases').values(newAliases.map((alias) => ({ unit_id: intoId, alias }))).execute();
  await audit(trx, actor, { action: 'merge', entity: 'unit', entityId: intoId, before: { from, into }, after: { aliasesAdded: newAliases } });
}
