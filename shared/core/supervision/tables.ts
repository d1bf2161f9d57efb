import type { Generated, Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Tables of migration 0008 (issue 11), declared once for Kysely. They join the ledger's schema
 * through `sv(db)` (as the 回收站 does with its table), so this types live beside its code.
 */

export interface SupervisionRelationTable {
  id: Generated<number>;
  organization_id: number;
  /** The area or unit supervised (青山县脱贫攻坚, 县扶贫开发办公室). */
  area: string;
  since_date: string;
  plan_title: string | null;
  plan_doc_number: string | null;
  /** 侧重领域, joined by 、 */
  focus_areas: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface SupervisionActivityTable {
  id: Generated<number>;
  kind: string;
  activity_date: string;
  place: string | null;
  organization_id: number;
  participants: number;
  participant_names: string | null;
  report_title: string | null;
  /** The batch the activity's feedback became; not a foreign key (see the migration). */
  batch_id: number | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface SupervisorTable {
  id: Generated<number>;
  kind: string;
  name: string;
  organization_id: number;
  work_unit: string | null;
  appointed_date: string;
  term_years: number | null;
  term_end: string | null;
  phone: string | null;
  status: string;
  left_date: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface ObservationWindowTable {
  id: Generated<number>;
  level: string;
  place: string;
  organization_id: number;
  households: number;
  established_date: string;
  reports: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface SupervisionBriefingTable {
  id: Generated<number>;
  kind: string;
  briefing_date: string;
  organization_id: number;
  title: string;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface SatisfactionRatingTable {
  id: Generated<number>;
  batch_id: number;
  finding_id: number | null;
  grade: string;
  rating_date: string;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface SupervisionFileTable {
  id: Generated<number>;
  relation_id: number | null;
  activity_id: number | null;
  original_name: string;
  stored_path: string;
  size: number;
  sha256: string;
  added_by: string;
  created_at: string;
}

export type SupervisionTables = {
  supervision_relations: SupervisionRelationTable;
  supervision_activities: SupervisionActivityTable;
  supervisors: SupervisorTable;
  observation_windows: ObservationWindowTable;
  supervision_briefings: SupervisionBriefingTable;
  satisfaction_ratings: SatisfactionRatingTable;
  supervision_files: SupervisionFileTable;
};

export type SvDatabase = Database & SupervisionTables;
export type SvDb = Kysely<SvDatabase>;

export function sv(db: Kysely<Database>): SvDb {
  return db.withTables<SupervisionTables>() as unknown as SvDb;
}
