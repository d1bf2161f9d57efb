import { sql, type Kysely } from 'kysely';
import { syncSimilarIndex } from '../../similar/index-store.ts';
import type { Db } from '../open.ts';
import type { Dialect } from '../dialect.ts';

/**
 * Frozen once released. Issue 11, similar findings across rounds: an inverted index of each
 * finding's character bigrams (plain tables, so PostgreSQL can hold the same), the bigrams' counts,
 * and the confirmed 再次反馈 links. Triggers note every finding whose text is added, changed or
 * deleted; the index catches up on those before it is read. Only the tables of 0001–0005 are
 * assumed.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  // A bigram is two code points in one number (up to 2^42): SQLite's INTEGER holds it, PostgreSQL needs BIGINT.
  const big = dialect === 'sqlite' ? sql`INTEGER` : sql`BIGINT`;
  await sql`CREATE TABLE similar_postings (bigram ${big} NOT NULL, finding_id INTEGER NOT NULL, PRIMARY KEY (bigram, finding_id))`.execute(db);
  await sql`CREATE TABLE similar_signatures (finding_id INTEGER PRIMARY KEY, bigrams TEXT NOT NULL)`.execute(db);
  await sql`CREATE TABLE similar_df (bigram ${big} PRIMARY KEY, n INTEGER NOT NULL)`.execute(db);
  await sql`CREATE TABLE similar_pending (finding_id INTEGER PRIMARY KEY)`.execute(db);
  await sql`
    CREATE TABLE finding_repeats (
      finding_id INTEGER NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
      earlier_finding_id INTEGER NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
      similarity ${dialect === 'sqlite' ? sql`REAL` : sql`DOUBLE PRECISION`},
      confirmed_at TEXT NOT NULL,
      operator TEXT NOT NULL,
      PRIMARY KEY (finding_id, earlier_finding_id)
    )`.execute(db);
  await sql`CREATE INDEX finding_repeats_earlier ON finding_repeats (earlier_finding_id)`.execute(db);
  if (dialect === 'sqlite') {
    await sql`CREATE TRIGGER similar_finding_added AFTER INSERT ON findings BEGIN INSERT OR IGNORE INTO similar_pending (finding_id) VALUES (NEW.id); END`.execute(db);
    await sql`
      CREATE TRIGGER similar_finding_text AFTER UPDATE OF text ON findings WHEN NEW.text IS NOT OLD.text
      BEGIN INSERT OR IGNORE INTO similar_pending (finding_id) VALUES (NEW.id); END`.execute(db);
    await sql`CREATE TRIGGER similar_finding_deleted AFTER DELETE ON findings BEGIN INSERT OR IGNORE INTO similar_pending (finding_id) VALUES (OLD.id); END`.execute(db);
  } else {
    // The same three notes in PL/pgSQL (the write path also reindexes; these keep any other writer honest).
    await sql`
      CREATE FUNCTION similar_note_finding() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          INSERT INTO similar_pending (finding_id) VALUES (OLD.id) ON CONFLICT DO NOTHING;
          RETURN OLD;
        END IF;
        IF TG_OP = 'INSERT' OR NEW.text IS DISTINCT FROM OLD.text THEN
          INSERT INTO similar_pending (finding_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
        END IF;
        RETURN NEW;
      END $$`.execute(db);
    await sql`CREATE TRIGGER similar_finding_added AFTER INSERT ON findings FOR EACH ROW EXECUTE FUNCTION similar_note_finding()`.execute(db);
    await sql`CREATE TRIGGER similar_finding_text AFTER UPDATE OF text ON findings FOR EACH ROW EXECUTE FUNCTION similar_note_finding()`.execute(db);
    await sql`CREATE TRIGGER similar_finding_deleted AFTER DELETE ON findings FOR EACH ROW EXECUTE FUNCTION similar_note_finding()`.execute(db);
  }
  await sql`INSERT INTO similar_pending (finding_id) SELECT id FROM findings`.execute(db);
  await syncSimilarIndex(db as Db);
}
