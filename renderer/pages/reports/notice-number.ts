import type { NoticeDto } from '../../../shared/contract/reports.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The number the next 督办单 of `year` will take (the core gives the year's highest number + 1),
 * read back from the numbers already issued in the current format. Null when that cannot be told
 * for sure (a number written in an older format, or more notices than were listed): the question
 * before issuing then only says that a number cannot be taken back.
 */
export function nextNoticeNumber(format: string, year: number, issued: NoticeDto[], complete: boolean): number | null {
  if (!complete) return null;
  const f = format.includes('{号}') ? format : `${format}{号}`;
  const pattern = new RegExp(`^${escape(f).replaceAll('\\{年\\}', String(year)).replaceAll('\\{号\\}', '(\\d+)')}$`);
  let highest = 0;
  for (const n of issued) {
    if (!n.issuedDate.startsWith(String(year))) continue;
    const m = pattern.exec(n.docNumber);
    if (!m) return null;
    highest = Math.max(highest, Number(m[1]));
  }
  return highest + 1;
}
