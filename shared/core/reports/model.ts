import type { DeadlineSignal } from '../../domain/signal.ts';
import type { LedgerRow } from '../../contract/ledger-types.ts';

/**
 * What every report is written from: one row per measure (整改措施) with its finding, batch and
 * party. The writers take these plain values and return bytes; loading them is rows.ts's job, so
 * the writers are tested on hand-made rows and on a real database alike.
 */
export interface ReportRow extends Omit<LedgerRow, 'signal' | 'signalReason' | 'overdueDays' | 'batchTitle'> {
  organizationId: number;
  /** 党派, e.g. 民革 */
  party: string;
  batchTopic: string;
  /** 监督领域, e.g. 脱贫攻坚 */
  batchArea: string;
  batchDocNumber: string | null;
  batchReceivedDate: string;
  suggestion: string | null;
  target: string | null;
  findingNote: string | null;
  assignedDate: string;
  resultText: string | null;
  /** The whole signal (reason, days late …), from the one signal function. */
  signal: DeadlineSignal;
}

export { GROUP_BYS, GROUP_BY_LABEL, type GroupBy } from '../../contract/reports.ts';
