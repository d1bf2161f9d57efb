import type { DeadlineKind, FindingStatus, MeasureAction, MeasureStatus, Signal } from '../domain/vocabulary.ts';
import type { SignalLevels } from '../domain/signal.ts';
import type { AssessmentWeights } from './assessment.ts';
import type { SnapshotAuto } from './snapshots.ts';

/** Result types of the ledger channels (camelCase, what the renderer sees). */

export interface Settings {
  operator: string;
  officeName: string;
  dueSoonDays: number;
  stagnantDays: number;
  /** Days a 立行立改 measure gets when no date is given. */
  immediateDays: number;
  /** 联系人 / 联系电话 printed on letters, notices and unit sheets. */
  contactName: string;
  contactPhone: string;
  /** Days a unit or party is given to reply (反馈函, 督办通知单). */
  replyDays: number;
  /** 分析 ranks units by completion only when the office turns it on (many offices must not rank units). */
  rankUnits: boolean;
  /** 预警信号 (d2, issue 10): what each level is called and its colour; the period a 长期坚持 measure reports in; automatic snapshots; 考核权重. */
  signalLevels: SignalLevels;
  longTermPeriodDays: number;
  snapshotAuto: SnapshotAuto;
  assessmentWeights: AssessmentWeights;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  today: string;
  settings: Settings;
  counts: { batches: number; findings: number; measures: number; units: number };
  hasSample: boolean;
  mode: 'electron' | 'browser' | 'cli' | 'test';
  /** Why the data folder's place endangers the ledger (network share, sync folder, FAT disk); empty when it is fine. */
  dataFolderWarnings: string[];
}

export interface OrganizationDto {
  id: number;
  name: string;
  party: string;
  level: string;
  batchCount: number;
}

export interface UnitDto {
  id: number;
  name: string;
  contactPerson: string | null;
  contactPhone: string | null;
  aliases: string[];
  /** Measures it leads (牵头). */
  measureCount: number;
  /** Measures it co-operates on (配合). */
  coMeasureCount: number;
  openCount: number;
  isSample: boolean;
}

export interface BatchDto {
  id: number;
  organizationId: number;
  organizationName: string;
  party: string;
  area: string;
  docNumber: string | null;
  receivedDate: string;
  topic: string;
  mode: string | null;
  note: string | null;
  isSample: boolean;
  findingCount: number;
  measureCount: number;
  closedCount: number;
  /** Sent back with an edit: a save made on an older copy is refused ('stale'). */
  version: number;
}

export interface EvidenceDto {
  id: number;
  measureId: number;
  progressEntryId: number | null;
  name: string;
  size: number;
  addedBy: string;
  createdAt: string;
}

export interface ProgressDto {
  id: number;
  measureId: number;
  date: string;
  text: string;
  /** The clerk who recorded it. */
  operator: string;
  /** Who reported it when not the clerk: a unit's name for progress merged from its returned sheet. */
  source: string | null;
  version: number;
  evidence: EvidenceDto[];
}

export interface StatusChangeDto {
  id: number;
  measureId: number;
  action: string;
  actionLabel: string;
  fromStatus: MeasureStatus;
  toStatus: MeasureStatus;
  date: string;
  note: string | null;
  operator: string;
}

export interface SignalDto {
  signal: Signal;
  reason: string;
  overdueDays: number;
}

export interface MeasureDto {
  id: number;
  findingId: number;
  seq: number;
  text: string;
  leadUnitId: number;
  leadUnitName: string;
  coUnits: { id: number; name: string }[];
  leader: string | null;
  person: string | null;
  deadlineKind: DeadlineKind;
  deadlineDate: string | null;
  deadlineText: string | null;
  status: MeasureStatus;
  assignedDate: string;
  lastProgressDate: string | null;
  resultText: string | null;
  requestedDate: string | null;
  verifiedBy: string | null;
  closedDate: string | null;
  /** 退回原因 while a returned request is being reworked. */
  returnReason: string | null;
  /** 回头看原因 while a reopened measure is being reworked. */
  reopenReason: string | null;
  version: number;
  signal: SignalDto;
  actions: MeasureAction[];
  progress: ProgressDto[];
  history: StatusChangeDto[];
  evidence: EvidenceDto[];
}

export interface FindingDetailDto {
  id: number;
  batch: BatchDto;
  seq: string;
  category: string | null;
  text: string;
  suggestion: string | null;
  target: string | null;
  note: string | null;
  status: FindingStatus;
  /** Of the finding's own fields (its measures have their own). */
  version: number;
  measures: MeasureDto[];
}

export interface LedgerRow {
  measureId: number;
  findingId: number;
  batchId: number;
  findingSeq: string;
  measureSeq: number;
  category: string | null;
  findingText: string;
  measureText: string;
  organizationName: string;
  /** 民盟市委 统战〔2025〕1号 · 主题: the whole source, for lists and exports. */
  batchLabel: string;
  /** The same without the organisation: 统战〔2025〕1号 · 主题. */
  batchTitle: string;
  leadUnitId: number;
  leadUnitName: string;
  coUnitNames: string[];
  leader: string | null;
  person: string | null;
  deadlineKind: DeadlineKind;
  deadlineDate: string | null;
  deadlineText: string | null;
  status: MeasureStatus;
  findingStatus: FindingStatus;
  lastProgressDate: string | null;
  lastProgressText: string | null;
  closedDate: string | null;
  evidenceCount: number;
  signal: Signal;
  signalReason: string;
  overdueDays: number;
  /** Days without progress when that is what made the row yellow (the ledger shows 停滞 N 天). */
  stagnantDays?: number | null;
}

export interface LedgerPage {
  rows: LedgerRow[];
  total: number;
  page: number;
  pageSize: number;
}

export interface LedgerFacets {
  categories: string[];
  organizations: { id: number; name: string }[];
  batches: { id: number; label: string }[];
  units: { id: number; name: string }[];
}

export interface AuditEntryDto {
  id: number;
  at: string;
  operator: string;
  action: string;
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
  /** The record in a clerk's words: 修改 · 反馈问题 3：… · 整改时限：2026年6月30日 → 2026年9月30日. */
  words: { action: string; object: string; changes: string[] };
}

export interface Stats {
  findings: number;
  measures: number;
  byStatus: Record<MeasureStatus, number>;
  bySignal: Record<Signal, number>;
  byUnit: { unit: string; measures: number; closed: number; overdue: number }[];
}

/** Findings with no measures yet (first 50, and how many in all). */
export interface UndividedFindings {
  total: number;
  items: { id: number; seq: string; text: string; batch: string }[];
}

/** A finding's own editable fields, as a stale refusal carries them. */
export interface FindingFields {
  id: number;
  version: number;
  seq: string;
  category: string | null;
  text: string;
  suggestion: string | null;
  target: string | null;
  note: string | null;
}

/** One field that changed since the clerk's copy, in the clerk's words. */
export interface StaleChange {
  label: string;
  old: string;
  new: string;
}

/** The details of a 'stale' refusal: what changed, and the record as it is now. */
export interface StaleDetails<F = unknown> {
  entity: string;
  id: number;
  version: number;
  changes: StaleChange[];
  fresh: F;
  /** Who saved the version now stored, and when (ISO), as the 操作日志 has it. */
  savedBy?: string;
  savedAt?: string;
}
