import { sql } from 'kysely';
import type { Db } from '../db/open.ts';
import { similarDb } from './schema.ts';
import { bigramCode, bigramsOf } from './text.ts';

/**
 * Keeping the inverted bigram index in step with the findings. Triggers (migration 0009) list every
 * finding added, edited or deleted in `similar_pending`; this brings those up to date — in the
 * caller's transaction — before the index is read. Plain SQL only (INSERT … ON CONFLICT works on
 * SQLite and PostgreSQL alike).
 */

const CHUNK = 2000;
const ROWS_PER_INSERT = 4000;

export async function hasPendingSimilar(db: Db): Promise<boolean> {
  return !!(await similarDb(db).selectFrom('similar_pending').select('finding_id').limit(1).executeTakeFirst());
}

/** Index every pending finding; returns how many were brought up to date. */
export async function syncSimilarIndex(db: Db): Promise<number> {
  const sdb = similarDb(db);
  let done = 0;
  for (;;) {
    const ids = (await sdb.selectFrom('similar_pending').select('finding_id').orderBy('finding_id').limit(CHUNK).execute()).map((r) => r.finding_id);
    if (!ids.length) return done;
    const old = new Map(
      (await sdb.selectFrom('similar_signatures').select(['finding_id', 'bigrams']).where('finding_id', 'in', ids).execute()).map((r) => [
        r.finding_id,
        r.bigrams ? r.bigrams.split(' ').map(Number) : [],
      ]),
    );
    const texts = new Map((await sdb.selectFrom('findings').select(['id', 'text']).where('id', 'in', ids).execute()).map((r) => [r.id, r.text]));
    const adds: { bigram: number; finding_id: number }[] = [];
    const df = new Map<number, number>();
    const signatures: { finding_id: number; bigrams: string }[] = [];
    for (const id of ids) {
      const before = new Set(old.get(id) ?? []);
      const text = texts.get(id);
      const now = new Set(text === undefined ? [] : bigramsOf(text).map(bigramCode));
      const removed = [...before].filter((c) => !now.has(c));
      for (const c of now) if (!before.has(c)) adds.push({ bigram: c, finding_id: id });
      for (const c of removed) df.set(c, (df.get(c) ?? 0) - 1);
      for (const c of now) if (!before.has(c)) df.set(c, (df.get(c) ?? 0) + 1);
      for (let i = 0; i < removed.length; i += 500) {
        await sdb.deleteFrom('similar_postings').where('finding_id', '=', id).where('bigram', 'in', removed.slice(i, i + 500)).execute();
      }
      if (text === undefined) await sdb.deleteFrom('similar_signatures').where('finding_id', '=', id).execute();
      else signatures.push({ finding_id: id, bigrams: [...now].join(' ') });
    }
    for (let i = 0; i < adds.length; i += ROWS_PER_INSERT) {
      await sdb.insertInto('similar_postings').values(adds.slice(i, i + ROWS_PER_INSERT)).execute();
    }
    const deltas = [...df].filter(([, n]) => n !== 0).map(([bigram, n]) => ({ bigram, n }));
    for (let i = 0; i < deltas.length; i += ROWS_PER_INSERT) {
      await sdb
        .insertInto('similar_df')
        .values(deltas.slice(i, i + ROWS_PER_INSERT))
        .onConflict((oc) => oc.column('bigram').doUpdateSet({ n: sql`similar_df.n + excluded.n` }))
        .execute();
    }
    for (let i = 0; i < signatures.length; i += ROWS_PER_INSERT) {
      await sdb
        .insertInto('similar_signatures')
        .values(signatures.slice(i, i + ROWS_PER_INSERT))
        .onConflict((oc) => oc.column('finding_id').doUpdateSet({ bigrams: (eb) => eb.ref('excluded.bigrams') }))
        .execute();
    }
    await sdb.deleteFrom('similar_pending').where('finding_id', 'in', ids).execute();
    done += ids.length;
  }
}
