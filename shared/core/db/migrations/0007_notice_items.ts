import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * Frozen once released. Issue 10, chasing: a notice (提醒 / 督办 / 告诫) is sent to a unit and may
 * list several of its measures, so the measures move to a link table, notice_measures, each row
 * keeping the item as printed (its number "3-2", texts, deadline, days late) so a reprint is the
 * same paper. notices.measure_id becomes a plain, nullable column (no longer a foreign key): a
 * measure moved to the 回收站 takes only its own link rows with it, never a notice other measures
 * share. The office name and 联系人/电话 printed on a notice are kept with it for the same reason.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') return upPostgres(db);
  const seq = await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = 'notices'`.execute(db);

  await sql`CREATE TABLE notices_v7 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    measure_id INTEGER,
    unit_id INTEGER REFERENCES units (id) ON DELETE SET NULL,
    unit_name TEXT NOT NULL,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    doc_number TEXT NOT NULL,
    level TEXT NOT NULL,
    issued_date TEXT NOT NULL,
    reply_by TEXT NOT NULL,
    overdue_days INTEGER NOT NULL,
    stagnant_days INTEGER,
    reason TEXT NOT NULL,
    measure_status TEXT,
    note TEXT,
    operator TEXT NOT NULL,
    created_at TEXT NOT NULL,
    office_name TEXT,
    contact_name TEXT,
    contact_phone TEXT,
    CONSTRAINT notices_year_number UNIQUE (year, number)
  )`.execute(db);
  await sql`INSERT INTO notices_v7 (id, measure_id, unit_id, unit_name, year, number, doc_number, level, issued_date, reply_by,
      overdue_days, stagnant_days, reason, measure_status, note, operator, created_at)
    SELECT id, measure_id, unit_id, unit_name, year, number, doc_number, level, issued_date, reply_by,
      overdue_days, stagnant_days, reason, measure_status, note, operator, created_at FROM notices`.execute(db);

  await createNoticeMeasures(db, 'notices_v7');

  await copyLegacyItems(db);
  await sql`UPDATE notices_v7 SET measure_id = NULL`.execute(db);

  await sql`DROP TABLE notices`.execute(db);
  await sql`ALTER TABLE notices_v7 RENAME TO notices`.execute(db);
  await sql`CREATE INDEX notices_unit ON notices (unit_id)`.execute(db);
  await sql`CREATE INDEX notice_measures_measure ON notice_measures (measure_id)`.execute(db);
  // Ids of notices now in the 回收站 are never given again (restore puts them back as they were).
  const kept = seq.rows[0]?.seq;
  if (kept !== undefined) {
    const now = await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = 'notices'`.execute(db);
    const next = Math.max(kept, now.rows[0]?.seq ?? 0);
    await sql`DELETE FROM sqlite_sequence WHERE name = 'notices'`.execute(db);
    await sql`INSERT INTO sqlite_sequence (name, seq) VALUES ('notices', ${next})`.execute(db);
  }
}

/** The items table, pointing at the notices table as it is named at that moment. */
async function createNoticeMeasures(db: Kysely<any>, notices: 'notices_v7' | 'notices'): Promise<void> {
  await sql`CREATE TABLE notice_measures (
    notice_id INTEGER NOT NULL REFERENCES ${sql.table(notices)} (id) ON DELETE CASCADE,
    measure_id INTEGER NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    item_number TEXT NOT NULL,
    finding_text TEXT NOT NULL,
    measure_text TEXT NOT NULL,
    deadline_words TEXT NOT NULL,
    overdue_days INTEGER NOT NULL,
    stagnant_days INTEGER,
    reason TEXT NOT NULL,
    measure_status TEXT NOT NULL,
    PRIMARY KEY (notice_id, measure_id)
  )`.execute(db);
}

/** Each notice issued so far names one measure: it becomes that notice's only item. */
async function copyLegacyItems(db: Kysely<any>): Promise<void> {
  const legacy = await sql<{
    id: number; measure_id: number; overdue_days: number; stagnant_days: number | null; reason: string; measure_status: string;
    finding_seq: string; measure_seq: number; finding_text: string; measure_text: string;
    deadline_kind: string; deadline_date: string | null; deadline_text: string | null;
  }>`SELECT n.id, n.measure_id, n.overdue_days, n.stagnant_days, n.reason, n.measure_status,
      f.seq AS finding_seq, m.seq AS measure_seq, f.text AS finding_text, m.text AS measure_text,
      m.deadline_kind, m.deadline_date, m.deadline_text
    FROM notices n JOIN measures m ON m.id = n.measure_id JOIN findings f ON f.id = m.finding_id`.execute(db);
  for (const r of legacy.rows) {
    await sql`INSERT INTO notice_measures (notice_id, measure_id, position, item_number, finding_text, measure_text, deadline_words,
        overdue_days, stagnant_days, reason, measure_status)
      VALUES (${r.id}, ${r.measure_id}, 1, ${`${r.finding_seq}-${r.measure_seq}`}, ${r.finding_text}, ${r.measure_text}, ${deadlineWords(r)},
        ${r.overdue_days}, ${r.stagnant_days}, ${r.reason}, ${r.measure_status})`.execute(db);
  }
}

/**
 * PostgreSQL changes the table in place (ALTER TABLE does there what SQLite needs a rebuild
 * for); the identity sequence is untouched, so ids of notices in the 回收站 are never given again.
 */
async function upPostgres(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE notices DROP CONSTRAINT IF EXISTS notices_measure_id_fkey`.execute(db);
  await sql`ALTER TABLE notices ALTER COLUMN measure_id DROP NOT NULL`.execute(db);
  await sql`ALTER TABLE notices ALTER COLUMN measure_status DROP NOT NULL`.execute(db);
  await sql`ALTER TABLE notices ADD COLUMN office_name TEXT`.execute(db);
  await sql`ALTER TABLE notices ADD COLUMN contact_name TEXT`.execute(db);
  await sql`ALTER TABLE notices ADD COLUMN contact_phone TEXT`.execute(db);
  await sql`DROP INDEX IF EXISTS notices_measure`.execute(db);
  await createNoticeMeasures(db, 'notices');
  await copyLegacyItems(db);
  await sql`UPDATE notices SET measure_id = NULL`.execute(db);
  await sql`CREATE INDEX notices_unit ON notices (unit_id)`.execute(db);
  await sql`CREATE INDEX notice_measures_measure ON notice_measures (measure_id)`.execute(db);
}

/** The deadline as the notice printed it (frozen here: later wording changes do not rewrite history). */
function deadlineWords(r: { deadline_kind: string; deadline_date: string | null; deadline_text: string | null }): string {
  if (r.deadline_text) return r.deadline_text;
  const date = r.deadline_date ? r.deadline_date.split('-').map(Number) : null;
  const words = date ? `${date[0]}年${date[1]}月${date[2]}日` : null;
  if (r.deadline_kind === 'date' && words) return words;
  if (r.deadline_kind === 'immediate') return words ? `立行立改（${words}前）` : '立行立改';
  if (r.deadline_kind === 'standing') return '长期坚持';
  return '—';
}
