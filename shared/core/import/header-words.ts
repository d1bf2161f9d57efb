import type { HeaderWords } from '../../contract/import.ts';
import type { Core } from '../context.ts';
import { getSetting, putSetting } from '../ledger/settings.ts';
import { audit, withWrite } from '../ledger/write.ts';
import { DEFAULT_SYNONYMS, normalizeHeader } from './synonyms.ts';
import type { LedgerField } from './types.ts';

/** The office's own header words, kept in settings beside the built-in table (which stays code). */
const KEY = 'import.synonyms';

export async function headerWords(core: Core): Promise<HeaderWords> {
  return { defaults: DEFAULT_SYNONYMS, extra: (await getSetting<Partial<Record<LedgerField, string[]>>>(core.db, KEY)) ?? {} };
}

export async function saveHeaderWords(core: Core, extra: Partial<Record<LedgerField, string[]>>): Promise<HeaderWords> {
  const clean: Partial<Record<LedgerField, string[]>> = {};
  for (const [field, words] of Object.entries(extra) as [LedgerField, string[]][]) {
    const list = [...new Set(words.map(normalizeHeader).filter(Boolean))];
    if (list.length) clean[field] = list;
  }
  await withWrite(core, async (trx, actor) => {
    const before = await getSetting(trx, KEY);
    await putSetting(trx, KEY, clean);
    await audit(trx, actor, { action: 'update', entity: 'settings', entityId: null, before: { [KEY]: before ?? null }, after: { [KEY]: clean } });
  });
  return headerWords(core);
}
