import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { highlight } from '../../renderer/pages/ledger/highlight.tsx';
import { chinaToday, monthOf, weekOf } from '../../renderer/pages/ledger/quick-ranges.ts';

describe('quick ranges', () => {
  it('本周 runs Monday to Sunday, also when today is a Sunday or a Monday, across months and years', () => {
    expect(weekOf('2026-11-25')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // a Wednesday
    expect(weekOf('2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // Sunday ends the week
    expect(weekOf('2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-12-06' }); // Monday starts the next
    expect(weekOf('2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });

  it('本月 runs from the 1st to the month’s last day, February of a leap year included', () => {
    expect(monthOf('2026-11-25')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthOf('2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthOf('2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('today is China’s date whatever the PC’s zone: 17:00 UTC is already the next day in Beijing', () => {
    expect(chinaToday(new Date('2026-11-29T17:00:00Z'))).toBe('2026-11-30');
    expect(chinaToday(new Date('2026-11-29T15:59:00Z'))).toBe('2026-11-29');
  });
});

describe('marking searched words', () => {
  const html = (text: string, terms: string[]) => renderToStaticMarkup(createElement('div', null, highlight(text, terms)));

  const marked = (out: string) => [...out.matchAll(/<mark[^>]*>(.*?)<\/mark>/g)].map((m) => m[1]);

  it('marks every occurrence of every word, the longer word whole, the rest left as it was', () => {
    const out = html('青山县财政局拨付财政资金', ['财政', '财政局']);
    expect(marked(out)).toEqual(['财政局', '财政']);
    expect(out.replace(/<[^>]+>/g, '')).toBe('青山县财政局拨付财政资金');
    expect(html('没有命中的文字', ['财政'])).toBe('<div>没有命中的文字</div>');
  });

  it('never turns the text into markup, and treats regex characters as text', () => {
    const out = html('<img src=x onerror=alert(1)>统战〔2021〕5号 (a+b)', ['5号', '(a+b)']);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).not.toContain('<img');
    expect(out.match(/<mark/g)).toHaveLength(2);
  });
});
