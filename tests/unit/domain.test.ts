import { describe, expect, it } from 'vitest';
import { addDays, chineseDate, daysBetween, isIsoDate, localIsoDate } from '../../shared/domain/dates.ts';
import { availableActions, findingStatusOf, nextStatus } from '../../shared/domain/workflow.ts';
import { bigramBody, planTerm } from '../../shared/core/search/tokens.ts';

describe('dates', () => {
  it('validates, shifts and spells calendar days', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026/06/30')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-06-01', '2026-06-15')).toBe(14);
    expect(chineseDate('2026-06-05')).toBe('2026年6月5日');
    expect(localIsoDate(new Date(2026, 0, 2, 23, 59))).toBe('2026-01-02');
  });
});

describe('the closure workflow table', () => {
  it('allows only the documented moves, with Chinese refusals', () => {
    expect(nextStatus('not_started', 'request_close')).toEqual({ ok: true, to: 'pending' });
    expect(nextStatus('pending', 'verify_close')).toEqual({ ok: true, to: 'closed' });
    expect(nextStatus('pending', 'return')).toEqual({ ok: true, to: 'in_progress' });
    expect(nextStatus('closed', 'reopen')).toEqual({ ok: true, to: 'in_progress' });
    expect(nextStatus('closed', 'request_close')).toEqual({ ok: false, message: '状态为“已销号”的措施不能申请销号（仅限：未启动、整改中）' });
    expect(availableActions('pending').sort()).toEqual(['return', 'set_standing', 'verify_close']);
    expect(availableActions('closed')).toEqual(['reopen']);
  });

  it('derives a finding status from its measures', () => {
    expect(findingStatusOf([])).toBe('not_started');
    expect(findingStatusOf(['closed', 'closed'])).toBe('closed');
    expect(findingStatusOf(['closed', 'standing'])).toBe('standing');
    expect(findingStatusOf(['closed', 'pending', 'standing'])).toBe('pending');
    expect(findingStatusOf(['not_started', 'not_started'])).toBe('not_started');
    expect(findingStatusOf(['not_started', 'closed'])).toBe('in_progress');
  });
});

describe('search tokens', () => {
  it('splits text into overlapping pairs plus each run’s last character, lower-cased', () => {
    expect(bigramBody('扶贫资金，PPP项目')).toBe('扶贫 贫资 资金 金 pp pp p项 项目 目');
    expect(bigramBody('a')).toBe('a');
  });

  it('plans each typed word for the right index and quotes FTS syntax away', () => {
    expect(planTerm('资金')).toEqual({ index: 'bigram', match: '"资金"' });
    expect(planTerm('资')).toEqual({ index: 'bigram', match: '"资"*' });
    expect(planTerm('扶贫"资金')).toEqual({ index: 'trigram', match: '"扶贫""资金"' });
    expect(planTerm('a-')).toEqual({ index: 'like', pattern: '%a-%' });
    expect(planTerm('5%')).toEqual({ index: 'like', pattern: '%5\\%%' });
  });
});
