import type { DeadlineSignal } from '../../domain/signal.ts';
import type { DeadlineKind, FindingStatus, MeasureStatus } from '../../domain/vocabulary.ts';

/**
 * What every report is written from: one row per measure (整改措施) with its finding, batch and
 * party. The writers take these plain values and return bytes; loading them is rows.ts's job, so
 * the writers are tested on hand-made rows and on a real database alike.
 */
export interface ReportRow {
  measureId: number;
  findingId: number;
  batchId: number;
  organizationId: number;
  /** 党派, e.g. 民革 */
  party: string;
  /** 监督主体, e.g. 民革四川省委 */
  organizationName: string;
  /** One line naming the batch: 民革四川省委 川民革〔2026〕3号 */
  batchLabel: string;
  batchTopic: string;
  /** 监督领域, e.g. 脱贫攻坚 */
  batchArea: string;
  batchDocNumber: string | null;
  batchReceivedDate: string;
  findingSeq: string;
  category: string | null;
  findingText: string;
  suggestion: string | null;
  target: string | null;
  findingNote: string | null;
  findingStatus: FindingStatus;
  measureSeq: number;
  measureText: string;
  leadUnitId: number;
  leadUnitName: string;
  coUnitNames: string[];
  leader: string | null;
  person: string | null;
  deadlineKind: DeadlineKind;
  deadlineDate: string | null;
  deadlineText: string | null;
  status: MeasureStatus;
  assignedDate: string;
  lastProgressDate: string | null;
  lastProgressText: string | null;
  resultText: string | null;
  closedDate: string | null;
  evidenceCount: number;
  signal: DeadlineSignal;
}

export { GROUP_BYS, GROUP_BY_LABEL, type GroupBy } from '../../contract/reports.ts';
