import type { Settings } from '../../contract/ledger-types.ts';
import { DEFAULT_LONG_TERM_PERIOD_DAYS, DEFAULT_SIGNAL_LEVELS, DEFAULT_THRESHOLDS, type SignalThresholds } from '../../domain/signal.ts';
import { DEFAULT_ASSESSMENT_WEIGHTS } from '../../contract/assessment.ts';
import type { CompiledQuery } from 'kysely';
import type { Db } from '../db/open.ts';

export const DEFAULT_SETTINGS: Settings = {
  operator: '管理员',
  officeName: '',
  dueSoonDays: DEFAULT_THRESHOLDS.dueSoonDays,
  stagnantDays: DEFAULT_THRESHOLDS.stagnantDays,
  immediateDays: 30,
  contactName: '',
  contactPhone: '',
  replyDays: 10,
  rankUnits: false,
  signalLevels: DEFAULT_SIGNAL_LEVELS,
  longTermPeriodDays: DEFAULT_LONG_TERM_PERIOD_DAYS,
  snapshotAuto: 'monthly',
  assessmentWeights: DEFAULT_ASSESSMENT_WEIGHTS,
};

const KEY = 'app';

const settingsRead = new WeakMap<Db, CompiledQuery<{ value: string }>>();

/** Read on nearly every request (the signal thresholds): its statement is compiled once per database. */
export async function getSettings(db: Db): Promise<Settings> {
  let read = settingsRead.get(db);
  if (!read) settingsRead.set(db, (read = db.selectFrom('settings').select('value').where('key', '=', KEY).compile()));
  const row = (await db.executeQuery(read)).rows[0];
  return { ...DEFAULT_SETTINGS, ...(row ? (JSON.parse(row.value) as Partial<Settings>) : {}) };
}

export async function saveSettings(trx: Db, settings: Settings): Promise<void> {
  const value = JSON.stringify(settings);
  await trx
    .insertInto('settings')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export function thresholdsOf(s: Settings): SignalThresholds {
  return { dueSoonDays: s.dueSoonDays, stagnantDays: s.stagnantDays, longTermPeriodDays: s.longTermPeriodDays };
}

/** A JSON value under its own key (import mappings, chosen export columns …). */
export async function getSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export async function putSetting(trx: Db, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await trx
    .insertInto('settings')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

export async function databaseId(db: Db): Promise<string> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', 'database_id').executeTakeFirstOrThrow();
  return row.value;
}
