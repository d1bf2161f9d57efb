import type { Core } from '../context.ts';
import type { Db } from '../db/open.ts';
import { getSetting, putSetting } from '../ledger/settings.ts';
import type { ParseOptions } from './parse.ts';
import type { ColumnRole, LedgerField, ParsedImport } from './types.ts';

/**
 * What the office has taught the importer: extra header words (settings 'import.synonyms') and the
 * column mappings clerks chose, remembered per header signature ('import.mapping.<signature>').
 */
const MAPPING_PREFIX = 'import.mapping.';

export async function importOptions(
  core: Core,
  chosen: Record<string, Record<string, ColumnRole>>,
): Promise<{ options: ParseOptions; remembered: Set<string> }> {
  const synonyms = await getSetting<Partial<Record<LedgerField, string[]>>>(core.db, 'import.synonyms');
  const rows = await core.db.selectFrom('settings').select(['key', 'value']).where('key', 'like', `${MAPPING_PREFIX}%`).execute();
  const mappings: Record<string, Record<string, ColumnRole>> = Object.create(null);
  const remembered = new Set<string>();
  for (const row of rows) {
    const signature = row.key.slice(MAPPING_PREFIX.length);
    mappings[signature] = JSON.parse(row.value) as Record<string, ColumnRole>;
    remembered.add(signature);
  }
  for (const [signature, mapping] of Object.entries(chosen)) {
    mappings[signature] = mapping;
    remembered.delete(signature);
  }
  return { options: { synonyms, mappings, defaultYear: Number(core.today().slice(0, 4)) }, remembered };
}

/** Remember each sheet's mapping as the clerk left it, for the next file with the same header. */
export async function rememberMappings(trx: Db, parsed: ParsedImport): Promise<void> {
  for (const sheet of parsed.sheets) {
    const mapping: Record<string, ColumnRole> = {};
    for (const c of sheet.columns) mapping[c.letter] = c.role;
    await putSetting(trx, `${MAPPING_PREFIX}${sheet.signature}`, mapping);
  }
}
