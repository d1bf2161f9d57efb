import { sql, type Kysely } from 'kysely';
import { addId, type Dialect } from '../dialect.ts';

/**
 * Frozen once released. 快照 (issue 10): a snapshot's header with its totals (the trend reads
 * these alone), and each measure's state that day, compact, for "较上期" deltas. measure_id is no
 * foreign key: a snapshot keeps describing a measure that was deleted since.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('snapshots')
    .$call((tb) => addId(tb, dialect))
    .addColumn('taken_on', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('operator', 'text', (c) => c.notNull())
    .addColumn('thresholds_json', 'text', (c) => c.notNull())
    .addColumn('measures', 'integer', (c) => c.notNull())
    .addColumn('closed', 'integer', (c) => c.notNull())
    .addColumn('closed_late', 'integer', (c) => c.notNull())
    .addColumn('long_term', 'integer', (c) => c.notNull())
    .addColumn('red', 'integer', (c) => c.notNull())
    .addColumn('yellow', 'integer', (c) => c.notNull())
    .addColumn('green', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('snapshots_taken_on').on('snapshots').columns(['taken_on', 'kind']).execute();
  await db.schema
    .createTable('snapshot_measures')
    .addColumn('snapshot_id', 'integer', (c) => c.notNull().references('snapshots.id').onDelete('cascade'))
    .addColumn('measure_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('signal', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'integer')
    .addColumn('deadline_date', 'text')
    .addColumn('closed_date', 'text')
    .addColumn('overdue_days', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('snapshot_measures_pk', ['snapshot_id', 'measure_id'])
    .$call((tb) => (dialect === 'sqlite' ? tb.modifyEnd(sql`without rowid`) : tb))
    .execute();
}
