import type { Generated, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { MeasureStatus } from '../../domain/vocabulary.ts';
import type { NoticeLevel } from '../../contract/reports.ts';

/** 督办通知单 (提醒函 / 告诫函): one numbered chasing notice sent to a unit; its measures are in notice_measures. */
export interface NoticeTable {
  id: Generated<number>;
  /** Notices issued before version 7 named one measure here; since then always null (see notice_measures). */
  measure_id: number | null;
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
  /** The lateness when issued (the most of its items): days past the deadline, or days without progress. */
  overdue_days: number;
  stagnant_days: number | null;
  reason: string;
  /** The measure's status when issued (notices before version 7). */
  measure_status: MeasureStatus | null;
  note: string | null;
  operator: string;
  created_at: string;
  /** 落款 and 联系人/电话 as printed (null on notices before version 7: the current settings are used). */
  office_name: string | null;
  contact_name: string | null;
  contact_phone: string | null;
}

/** One measure listed on a notice, as printed: a reprint shows the same numbers, texts and lateness. */
export interface NoticeMeasureTable {
  notice_id: number;
  measure_id: number;
  /** Order on the paper, from 1. */
  position: number;
  /** The shared numbering, "3-2". */
  item_number: string;
  finding_text: string;
  measure_text: string;
  deadline_words: string;
  overdue_days: number;
  stagnant_days: number | null;
  reason: string;
  measure_status: MeasureStatus;
}

export { NOTICE_LEVELS, NOTICE_LEVEL_LABEL, NOTICE_LEVEL_COLOR, type NoticeLevel } from '../../contract/reports.ts';

/** The tables issue 4 adds, merged onto the foundation's Database for Kysely. */
export type ReportTables = {
  notices: NoticeTable;
  notice_measures: NoticeMeasureTable;
};
export type ReportsDatabase = Database & ReportTables;
export type Notice = Selectable<NoticeTable>;
export type NoticeItem = Selectable<NoticeMeasureTable>;

export function reportsDb(db: Kysely<Database>): Kysely<ReportsDatabase> {
  return db.withTables<ReportTables>() as unknown as Kysely<ReportsDatabase>;
}
