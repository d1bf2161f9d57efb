import type { Kysely } from 'kysely';
import { addId, type Dialect } from '../dialect.ts';

/** Frozen once released. 督办通知单 (issue 4): numbered per year, kept on the measure's history. */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('notices')
    .$call((tb) => addId(tb, dialect))
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id').onDelete('cascade'))
    // The addressee as printed; the id follows the unit while it exists (merging or deleting a unit keeps the paper).
    .addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('set null'))
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('doc_number', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('issued_date', 'text', (c) => c.notNull())
    .addColumn('reply_by', 'text', (c) => c.notNull())
    .addColumn('overdue_days', 'integer', (c) => c.notNull())
    .addColumn('stagnant_days', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('measure_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('operator', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('notices_year_number', ['year', 'number'])
    .execute();
  await db.schema.createIndex('notices_measure').on('notices').column('measure_id').execute();
}
