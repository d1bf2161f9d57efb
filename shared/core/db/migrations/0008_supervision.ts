import { sql, type Kysely } from 'kysely';
import { addId, type Dialect } from '../dialect.ts';

/**
 * Frozen once released. Issue 11, the supervision side: 对口监督关系, 监督活动, 特邀监督员 /
 * 扶贫调查员, 观察窗口, 通报, 满意度, and the files attached to a relation (实施方案) or an activity.
 * Only the tables of migrations 0001–0005 are assumed. An activity's link to the batch it produced
 * is a plain column, not a foreign key: the 回收站 carries every row that points at a deleted batch,
 * and deleting a batch must not take the activity with it.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('supervision_relations')
    .$call((tb) => addId(tb, dialect))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('since_date', 'text', (c) => c.notNull())
    .addColumn('plan_title', 'text')
    .addColumn('plan_doc_number', 'text')
    .addColumn('focus_areas', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('supervision_activities')
    .$call((tb) => addId(tb, dialect))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('activity_date', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('participants', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('participant_names', 'text')
    .addColumn('report_title', 'text')
    .addColumn('batch_id', 'integer')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_activities_date').on('supervision_activities').column('activity_date').execute();

  await db.schema
    .createTable('supervisors')
    .$call((tb) => addId(tb, dialect))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('work_unit', 'text')
    .addColumn('appointed_date', 'text', (c) => c.notNull())
    .addColumn('term_years', 'integer')
    .addColumn('term_end', 'text')
    .addColumn('phone', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('left_date', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('observation_windows')
    .$call((tb) => addId(tb, dialect))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('households', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('established_date', 'text', (c) => c.notNull())
    .addColumn('reports', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('supervision_briefings')
    .$call((tb) => addId(tb, dialect))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('briefing_date', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_briefings_date').on('supervision_briefings').column('briefing_date').execute();

  // One grade per batch (finding_id null) and one per finding.
  await db.schema
    .createTable('satisfaction_ratings')
    .$call((tb) => addId(tb, dialect))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('batches.id').onDelete('cascade'))
    .addColumn('finding_id', 'integer', (c) => c.references('findings.id').onDelete('cascade'))
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('rating_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE UNIQUE INDEX satisfaction_one_per_batch ON satisfaction_ratings (batch_id) WHERE finding_id IS NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX satisfaction_one_per_finding ON satisfaction_ratings (finding_id) WHERE finding_id IS NOT NULL`.execute(db);

  await db.schema
    .createTable('supervision_files')
    .$call((tb) => addId(tb, dialect))
    .addColumn('relation_id', 'integer', (c) => c.references('supervision_relations.id').onDelete('cascade'))
    .addColumn('activity_id', 'integer', (c) => c.references('supervision_activities.id').onDelete('cascade'))
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('stored_path', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
