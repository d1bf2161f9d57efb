import type { Db } from '../db/open.ts';
import { normalizeUnitName } from '../ledger/units.ts';

/** Every unit by its name and aliases (normalised as the ledger does), for matching written names. */
export interface UnitDirectory {
  find(name: string): { id: number; name: string; via: 'name' | 'alias' } | null;
  nameOf(id: number): string | undefined;
}

export async function loadUnitDirectory(db: Db): Promise<UnitDirectory> {
  const units = await db.selectFrom('units').select(['id', 'name']).execute();
  const aliases = await db.selectFrom('unit_aliases').select(['unit_id', 'alias']).execute();
  const byKey = new Map<string, { id: number; name: string; via: 'name' | 'alias' }>();
  const names = new Map<number, string>();
  for (const u of units) {
    names.set(u.id, u.name);
    byKey.set(normalizeUnitName(u.name), { id: u.id, name: u.name, via: 'name' });
  }
  for (const a of aliases) {
    const key = normalizeUnitName(a.alias);
    if (!byKey.has(key)) byKey.set(key, { id: a.unit_id, name: names.get(a.unit_id) ?? a.alias, via: 'alias' });
  }
  return {
    find: (name) => byKey.get(normalizeUnitName(name)) ?? null,
    nameOf: (id) => names.get(id),
  };
}
