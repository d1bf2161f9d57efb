import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { addId, type Dialect } from '../dialect.ts';
import { createPostgresSearchTable } from '../../search/postgres-search.ts';

/** Frozen once released. Dialect-neutral DDL except the search tables, which are SQLite's FTS5. */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organizations')
    .$call((tb) => addId(tb, dialect))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('is_sample', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('units')
    .$call((tb) => addId(tb, dialect))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('contact_person', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('is_sample', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('unit_aliases')
    .$call((tb) => addId(tb, dialect))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('alias', 'text', (c) => c.notNull().unique())
    .execute();

  await db.schema
    .createTable('batches')
    .$call((tb) => addId(tb, dialect))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('received_date', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('mode', 'text')
    .addColumn('note', 'text')
    .addColumn('is_sample', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('findings')
    .$call((tb) => addId(tb, dialect))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('batches.id').onDelete('cascade'))
    .addColumn('seq', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('suggestion', 'text')
    .addColumn('target', 'text')
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('measures')
    .$call((tb) => addId(tb, dialect))
    .addColumn('finding_id', 'integer', (c) => c.notNull().references('findings.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('leader', 'text')
    .addColumn('person', 'text')
    .addColumn('deadline_kind', 'text', (c) => c.notNull())
    .addColumn('deadline_date', 'text')
    .addColumn('deadline_text', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assigned_date', 'text', (c) => c.notNull())
    .addColumn('last_progress_date', 'text')
    .addColumn('result_text', 'text')
    .addColumn('requested_date', 'text')
    .addColumn('verified_by', 'text')
    .addColumn('closed_date', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('measure_co_units')
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('measure_co_units_pk', ['measure_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('progress_entries')
    .$call((tb) => addId(tb, dialect))
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id').onDelete('cascade'))
    .addColumn('entry_date', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('operator', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('status_changes')
    .$call((tb) => addId(tb, dialect))
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('change_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('operator', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('evidence_files')
    .$call((tb) => addId(tb, dialect))
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id').onDelete('cascade'))
    .addColumn('progress_entry_id', 'integer', (c) => c.references('progress_entries.id').onDelete('set null'))
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('stored_path', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .$call((tb) => addId(tb, dialect))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('operator', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();

  // Hot paths of the ledger: default order, unit / status / deadline filters, a finding's checklist.
  await db.schema.createIndex('findings_batch_order').on('findings').columns(['batch_id', 'sort_order']).execute();
  await db.schema.createIndex('findings_category').on('findings').column('category').execute();
  await db.schema.createIndex('measures_finding_seq').on('measures').columns(['finding_id', 'seq']).execute();
  await db.schema.createIndex('measures_lead_unit').on('measures').columns(['lead_unit_id', 'status', 'finding_id', 'seq']).execute();
  // Deadline sort, dated items first then the undated (NULL) ones, the same in SQLite and PostgreSQL.
  await db.schema
    .createIndex('measures_deadline_sort')
    .on('measures')
    .expression(sql`coalesce(deadline_date, '9999-12-31'), finding_id, seq, status, deadline_kind`)
    .execute();
  // Counting late items: each open status, its dated range, the kind read from the index.
  await db.schema
    .createIndex('measures_status_deadline')
    .on('measures')
    .expression(sql`status, coalesce(deadline_date, '9999-12-31'), deadline_kind`)
    .execute();
  await db.schema.createIndex('measure_co_units_unit').on('measure_co_units').column('unit_id').execute();
  await db.schema.createIndex('progress_measure').on('progress_entries').columns(['measure_id', 'entry_date']).execute();
  await db.schema.createIndex('status_changes_measure').on('status_changes').column('measure_id').execute();
  await db.schema.createIndex('evidence_measure').on('evidence_files').column('measure_id').execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('batches_org').on('batches').column('organization_id').execute();

  // Full-text search over a finding and its measures. SQLite-only (FTS5); the shared PostgreSQL
  // mode will swap shared/core/search for pg_trgm. Trigram serves terms of 3+ characters; the
  // bigram table (text pre-split into overlapping 2-character tokens) serves 1–2 character terms.
  // PostgreSQL (issue 12): one row per finding, its text and the text's character bigrams in a
  // GIN-indexed array (shared/core/search/postgres-search.ts); built in, no extension needed.
  if (dialect === 'sqlite') {
    await sql`CREATE VIRTUAL TABLE search_trigram USING fts5(body, tokenize = 'trigram')`.execute(db);
    await sql`CREATE VIRTUAL TABLE search_bigram USING fts5(body, tokenize = 'unicode61')`.execute(db);
  } else {
    await createPostgresSearchTable(db);
  }

  // The editable dictionary of supervising organisations, seeded at the city level.
  const now = new Date().toISOString();
  const parties: [string, string][] = [
    ['民革', '民革市委'], ['民盟', '民盟市委'], ['民建', '民建市委'], ['民进', '民进市委'], ['农工党', '农工党市委'],
    ['致公党', '致公党市委'], ['九三学社', '九三学社市委'], ['台盟', '台盟市委'], ['工商联', '市工商联'], ['无党派人士', '无党派人士'],
  ];
  await db
    .insertInto('organizations')
    .values(parties.map(([party, name]) => ({ name, party, level: '市委', created_at: now })))
    .execute();
  // Identifies this database in files that leave it (unit fill-in sheets come back to the right place).
  await db.insertInto('meta').values({ key: 'database_id', value: crypto.randomUUID() }).execute();
}
