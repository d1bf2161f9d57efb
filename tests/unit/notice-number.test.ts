import { describe, expect, it } from 'vitest';
import type { NoticeDto } from '../../shared/contract/reports.ts';
import { nextNoticeNumber } from '../../renderer/pages/reports/notice-number.ts';

/** The number a clerk is told before issuing a 督办单 (the core takes the year's highest + 1). */

const notice = (docNumber: string, issuedDate = '2026-11-20'): NoticeDto => ({
  id: 1, measureId: 1, findingId: 1, docNumber, level: 'reminder', unitId: 1, unitName: '县教育局', measureText: '', issuedDate, replyBy: issuedDate, reason: '', operator: '', items: [],
});

describe('nextNoticeNumber', () => {
  const format = '督办〔{年}〕{号}号';
  it('is 1 in a year without notices, and the highest + 1 otherwise (gaps included)', () => {
    expect(nextNoticeNumber(format, 2026, [], true)).toBe(1);
    expect(nextNoticeNumber(format, 2026, [notice('督办〔2026〕3号'), notice('督办〔2026〕12号')], true)).toBe(13);
  });
  it('is unknown when a number of that year was written in another format, or the list was cut short', () => {
    expect(nextNoticeNumber(format, 2026, [notice('催办〔2026〕4号')], true)).toBeNull();
    expect(nextNoticeNumber(format, 2026, [notice('督办〔2026〕3号')], false)).toBeNull();
  });
});
