import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DeadlineKind, FindingStatus, MeasureStatus } from '../../domain/vocabulary.ts';

/** Table interfaces, declared once for Kysely. Dates are 'YYYY-MM-DD' text; moments are ISO text. */

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface SettingTable {
  key: string;
  value: string; // JSON
}

/** 监督主体: a democratic party (or 工商联 / 无党派人士) at a level. */
export interface OrganizationTable {
  id: Generated<number>;
  name: string;
  party: string;
  level: string;
  is_sample: Generated<number>;
  created_at: string;
}

/** 责任单位 */
export interface UnitTable {
  id: Generated<number>;
  name: string;
  contact_person: string | null;
  contact_phone: string | null;
  is_sample: Generated<number>;
  created_at: string;
}

/** Other names of a unit ("县扶贫办" for "青山县扶贫开发办公室"); unique across all units. */
export interface UnitAliasTable {
  id: Generated<number>;
  unit_id: number;
  alias: string;
}

/** 反馈批次: one feedback document. */
export interface BatchTable {
  id: Generated<number>;
  organization_id: number;
  area: string;
  doc_number: string | null;
  received_date: string;
  topic: string;
  mode: string | null;
  note: string | null;
  is_sample: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 反馈问题 */
export interface FindingTable {
  id: Generated<number>;
  batch_id: number;
  seq: string;
  sort_order: number;
  category: string | null;
  text: string;
  suggestion: string | null;
  target: string | null;
  note: string | null;
  /** Derived from its measures by findingStatusOf, kept in step in the same transaction. */
  status: FindingStatus;
  created_at: string;
  updated_at: string;
}

/** 整改措施: one line of a finding's checklist. */
export interface MeasureTable {
  id: Generated<number>;
  finding_id: number;
  seq: number;
  text: string;
  lead_unit_id: number;
  leader: string | null;
  person: string | null;
  deadline_kind: DeadlineKind;
  deadline_date: string | null;
  deadline_text: string | null;
  status: MeasureStatus;
  assigned_date: string;
  last_progress_date: string | null;
  result_text: string | null;
  requested_date: string | null;
  verified_by: string | null;
  closed_date: string | null;
  return_reason: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 配合单位 of a measure. */
export interface MeasureCoUnitTable {
  measure_id: number;
  unit_id: number;
}

/** 整改进展: dated progress entries of a measure. */
export interface ProgressEntryTable {
  id: Generated<number>;
  measure_id: number;
  entry_date: string;
  text: string;
  operator: string;
  created_at: string;
}

/** Workflow history of a measure (申请销号, 验收, 退回, 回头看 …). */
export interface StatusChangeTable {
  id: Generated<number>;
  measure_id: number;
  action: string;
  from_status: MeasureStatus;
  to_status: MeasureStatus;
  change_date: string;
  note: string | null;
  operator: string;
  created_at: string;
}

/** 佐证材料: files copied into the data folder. */
export interface EvidenceFileTable {
  id: Generated<number>;
  measure_id: number;
  progress_entry_id: number | null;
  original_name: string;
  stored_path: string;
  size: number;
  sha256: string;
  added_by: string;
  created_at: string;
}

/** Every change: who, when, what, before and after. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  operator: string;
  action: string;
  entity: string;
  entity_id: number | null;
  before_json: string | null;
  after_json: string | null;
}

export interface Database {
  schema_migrations: SchemaMigrationTable;
  meta: MetaTable;
  settings: SettingTable;
  organizations: OrganizationTable;
  units: UnitTable;
  unit_aliases: UnitAliasTable;
  batches: BatchTable;
  findings: FindingTable;
  measures: MeasureTable;
  measure_co_units: MeasureCoUnitTable;
  progress_entries: ProgressEntryTable;
  status_changes: StatusChangeTable;
  evidence_files: EvidenceFileTable;
  audit_log: AuditLogTable;
}

export type Organization = Selectable<OrganizationTable>;
export type Unit = Selectable<UnitTable>;
export type Batch = Selectable<BatchTable>;
export type NewBatch = Insertable<BatchTable>;
export type BatchUpdate = Updateable<BatchTable>;
export type Finding = Selectable<FindingTable>;
export type NewFinding = Insertable<FindingTable>;
export type Measure = Selectable<MeasureTable>;
export type NewMeasure = Insertable<MeasureTable>;
export type MeasureUpdate = Updateable<MeasureTable>;
export type ProgressEntry = Selectable<ProgressEntryTable>;
export type EvidenceFile = Selectable<EvidenceFileTable>;
export type StatusChange = Selectable<StatusChangeTable>;
