import type { Generated, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { MeasureStatus } from '../../domain/vocabulary.ts';
import type { NoticeLevel } from '../../contract/reports.ts';

/** 督办通知单: one numbered chasing notice sent to a unit about one measure. */
export interface NoticeTable {
  id: Generated<number>;
  measure_id: number;
  /** The lead unit addressed; null once that unit is deleted (the printed name stays in unit_name). */
  unit_id: number | null;
  unit_name: string;
  /** Numbered per year: (year, number) is unique. */
  year: number;
  number: number;
  /** The printed number, e.g. 督办〔2026〕3号, fixed when issued so a reprint shows the same. */
  doc_number: string;
  level: NoticeLevel;
  issued_date: string;
  reply_by: string;
  /** The measure's lateness when issued: days past the deadline, or days without progress. */
  overdue_days: number;
  stagnant_days: number | null;
  reason: string;
  /** The measure's status when issued. */
  measure_status: MeasureStatus;
  note: string | null;
  operator: string;
  created_at: string;
}

export { NOTICE_LEVELS, NOTICE_LEVEL_LABEL, NOTICE_LEVEL_COLOR, type NoticeLevel } from '../../contract/reports.ts';

/** The tables issue 4 adds, merged onto the foundation's Database for Kysely. */
export type ReportTables = {
  notices: NoticeTable;
};
export type ReportsDatabase = Database & ReportTables;
export type Notice = Selectable<NoticeTable>;

export function reportsDb(db: Kysely<Database>): Kysely<ReportsDatabase> {
  return db.withTables<ReportTables>() as unknown as Kysely<ReportsDatabase>;
}
