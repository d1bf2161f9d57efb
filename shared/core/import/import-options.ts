import type { Core } from '../context.ts';
import type { Db } from '../db/open.ts';
import { getSetting, putSetting } from '../ledger/settings.ts';
import type { ParseOptions } from './parse.ts';
import type { ColumnRole, LedgerField, ParsedImport } from './types.ts';

/**
 * What the office has taught the importer: extra header words (settings 'import.synonyms'), the
 * column mappings clerks chose, remembered per header signature ('import.mapping.<signature>'), and
 * header rows pointed at by hand. The ledger's unit names are evidence for reading unit columns.
 */
const MAPPING_PREFIX = 'import.mapping.';
/** Header rows a clerk pointed at by hand, by the row's own signature ('import.header.<signature>'). */
const HEADER_PREFIX = 'import.header.';

export async function importOptions(
  core: Core,
  chosen: Record<string, Record<string, ColumnRole>>,
  headerRows: Record<string, number> = {},
): Promise<{ options: ParseOptions; remembered: Set<string> }> {
  const synonyms = await getSetting<Partial<Record<LedgerField, string[]>>>(core.db, 'import.synonyms');
  const headers = await core.db.selectFrom('settings').select('key').where('key', 'like', `${HEADER_PREFIX}%`).execute();
  const units = await core.db.selectFrom('units').select('name').execute();
  const aliases = await core.db.selectFrom('unit_aliases').select('alias').execute();
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
  return {
    options: {
      synonyms,
      mappings,
      headerRows,
      rememberedHeaders: headers.map((h) => h.key.slice(HEADER_PREFIX.length)),
      knownUnits: [...units.map((u) => u.name), ...aliases.map((a) => a.alias)],
      defaultYear: Number(core.today().slice(0, 4)),
    },
    remembered,
  };
}

/** Remember each sheet's mapping as the clerk left it, for the next file with the same header. */
export async function rememberMappings(trx: Db, parsed: ParsedImport): Promise<void> {
  for (const sheet of parsed.sheets) {
    const mapping: Record<string, ColumnRole> = {};
    for (const c of sheet.columns) mapping[c.letter] = c.role;
    await putSetting(trx, `${MAPPING_PREFIX}${sheet.signature}`, mapping);
    if (sheet.headerChosen) await putSetting(trx, `${HEADER_PREFIX}${sheet.rowSignature}`, { sheet: sheet.name, row: sheet.headerRows[0] });
  }
}
