import type { Db } from '../db/open.ts';
import { getSetting, putSetting } from '../ledger/settings.ts';
import { DEFAULT_COLUMNS, LEDGER_COLUMNS, type LedgerColumn } from './columns.ts';
import type { GroupBy } from './model.ts';
import type { ReportWording } from '../../contract/report-wording.ts';

/** What the office chose on the 报表 page, remembered between sessions (settings key 'reports'). */
export interface ReportOptions {
  columns: LedgerColumn[];
  groupBy: GroupBy;
  sectionBy: 'category' | 'party';
  /** 督办通知单 number: {年} is the year, {号} the running number, e.g. 督办〔{年}〕{号}号. */
  noticeFormat: string;
  /** Days a unit gets to reply to a notice. */
  replyDays: number;
  /** 整改情况报告: 主送机关 ('' = the one read from the office's name, defaultAddressee). */
  addressee: string;
  /** The office's own wording of the report's editable paragraphs (missing keys: the default text). */
  wording: ReportWording;
  /** Put the status and per-unit charts into the report as pictures. */
  charts: boolean;
  /** Findings the office marked as key: always told one by one in the report's part 二. */
  keyFindingIds: number[];
}

export const DEFAULT_NOTICE_FORMAT = '督办〔{年}〕{号}号';
export const DEFAULT_OPTIONS: ReportOptions = {
  columns: DEFAULT_COLUMNS,
  groupBy: 'category',
  sectionBy: 'category',
  noticeFormat: DEFAULT_NOTICE_FORMAT,
  replyDays: 5,
  addressee: '',
  wording: {},
  charts: false,
  keyFindingIds: [],
};

/**
 * The body an office reports to, read from its name: (中共)青山县委统战部 → 中共青山县委. '' when the
 * name does not say (the clerk then writes it on the 报表 page).
 */
export function defaultAddressee(officeName: string): string {
  const m = /^(中共)?(.+?(?:自治州|自治县|市|县|区|州|盟|旗|省|自治区)委)(?:统战部|办公室|办)/.exec(officeName.trim());
  return m ? `中共${m[2]}` : '';
}

const KEY = 'reports';

export async function getReportOptions(db: Db): Promise<ReportOptions> {
  const saved = (await getSetting<Partial<ReportOptions>>(db, KEY)) ?? {};
  const columns = (saved.columns ?? []).filter((c): c is LedgerColumn => (LEDGER_COLUMNS as readonly string[]).includes(c));
  return { ...DEFAULT_OPTIONS, ...saved, columns: columns.length ? columns : DEFAULT_OPTIONS.columns };
}

export async function saveReportOptions(db: Db, patch: Partial<ReportOptions>): Promise<ReportOptions> {
  const next = { ...(await getReportOptions(db)), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  await putSetting(db, KEY, next);
  return next;
}

/** 督办〔2026〕3号 from the format; a format without {号} gets the number appended. */
export function formatNoticeNumber(format: string, year: number, number: number): string {
  const f = format.includes('{号}') ? format : `${format}{号}`;
  return f.replaceAll('{年}', String(year)).replaceAll('{号}', String(number));
}
