import { createHash } from 'node:crypto';
import type { MeasureStatus } from '../../../domain/vocabulary.ts';

/**
 * The fill-in sheet sent to a responsible unit and read back when it returns. One place for its
 * columns, so the writer and the reader cannot drift apart.
 */

export const TITLE_ROW = 1;
export const NOTE_ROW = 2;
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;

export interface SheetColumn {
  key: 'seq' | 'finding' | 'measure' | 'deadline' | 'status' | 'lastProgress' | 'newProgress' | 'completion' | 'newStatus' | 'databaseId' | 'measureId' | 'check';
  header: string;
  width: number;
  /** Cells the unit fills in; every other cell is locked. */
  editable?: boolean;
  /** Identifier columns, hidden from the unit. */
  hidden?: boolean;
}

/** Widths sized for A4 landscape: 10 pt text prints at 9 pt or more (tests/integration/report-paper.test.ts). */
export const SHEET_COLUMNS: SheetColumn[] = [
  { key: 'seq', header: '序号', width: 6 },
  { key: 'finding', header: '反馈问题', width: 24 },
  { key: 'measure', header: '整改措施', width: 26 },
  { key: 'deadline', header: '整改时限', width: 11 },
  { key: 'status', header: '当前状态', width: 8 },
  { key: 'lastProgress', header: '最近进展', width: 22 },
  { key: 'newProgress', header: '本期进展', width: 28, editable: true },
  { key: 'completion', header: '完成情况', width: 18, editable: true },
  { key: 'newStatus', header: '状态', width: 9, editable: true },
  { key: 'databaseId', header: '数据库标识', width: 10, hidden: true },
  { key: 'measureId', header: '措施编号', width: 8, hidden: true },
  { key: 'check', header: '校验码', width: 10, hidden: true },
];

/** The locked, visible columns whose text the check value covers. */
export const LOCKED_KEYS = ['seq', 'finding', 'measure', 'deadline', 'status', 'lastProgress'] as const;
export type LockedKey = (typeof LOCKED_KEYS)[number];

/** What a unit may put in 状态, and the status each means. Blank leaves the status as it is. */
export const STATUS_CHOICES: Record<string, MeasureStatus> = {
  正在整改: 'in_progress',
  已完成: 'pending',
  长期坚持: 'standing',
};

/** A row's check value: any edit to an identifier or a locked cell makes it disagree. */
export function rowCheck(databaseId: string, measureId: number, locked: Record<LockedKey, string>): string {
  const text = [databaseId, String(measureId), ...LOCKED_KEYS.map((k) => locked[k].replace(/\r\n/g, '\n').trim())].join('\u0001');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
