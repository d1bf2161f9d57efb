import { chineseDate } from '../../../../domain/dates.ts';

/**
 * Words as an office writes them: how the office names itself, dates in Chinese form inside free
 * text, no internal notes, a problem's short name for "关于“……”问题的整改".
 */

/** 我部 / 我办 / 我局 … from the office's name (中共青山县委统战部 → 我部); 我单位 where no ending fits. */
export function selfName(officeName: string): string {
  const name = officeName.trim();
  if (/(统战部|部)$/.test(name)) return '我部';
  if (/(办公室|办)$/.test(name)) return '我办';
  for (const end of ['局', '委', '厅', '院', '会']) if (name.endsWith(end)) return `我${end}`;
  return '我单位';
}

const ISO_DATE = /(\d{4})-(\d{1,2})-(\d{1,2})/g;
const DOTTED_DATE = /(\d{4})[.／/](\d{1,2})[.／/](\d{1,2})(?!\d)/g;

/** Any date a clerk typed into a result or progress text (2026-06-30, 2026.6.30) in Chinese form. */
export function chineseDatesIn(text: string): string {
  const iso = (y: string, m: string, d: string) => chineseDate(`${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
  return text.replace(ISO_DATE, (_m, y: string, mo: string, d: string) => iso(y, mo, d)).replace(DOTTED_DATE, (_m, y: string, mo: string, d: string) => iso(y, mo, d));
}

/** Sentences that are the ledger's own bookkeeping, never the office's report ("导入时台账记载为…"). */
const INTERNAL = /导入时|台账记载|系统自动|原表记载|测试数据/;

/** A clerk's free text made fit for the report: internal notes dropped, dates in Chinese, no end mark. */
export function proseOf(text: string | null | undefined): string {
  if (!text) return '';
  const sentences = text
    .replace(/\s+/g, '')
    .split(/(?<=[。；！？;!?])/)
    .filter((s) => s && !INTERNAL.test(s));
  return chineseDatesIn(sentences.join('')).replace(/[。；;，,、\s]+$/, '');
}

/** "饮水安全政策宣传不到位": the first clause of a finding, for the heading "（一）关于“……”问题的整改". */
export function problemName(findingText: string, max = 30): string {
  const clean = proseOf(findingText).replace(/^[（(]?[0-9一二三四五六七八九十]+[)）、.．]\s*/, '');
  const first = clean.split(/[，。；;,]/)[0] || clean;
  const name = first.replace(/(的)?问题$/, '');
  return name.length <= max ? name : `${name.slice(0, max)}等`;
}

/** "县财政局、县教育局等5个单位" — a list named in full up to `max`, then counted. */
export function namesList(names: readonly string[], max = 6, measureWord = '个单位'): string {
  if (names.length <= max) return names.join('、');
  return `${names.slice(0, max).join('、')}等${names.length}${measureWord}`;
}

/** Ends a sentence with 。 unless it already ends with a full stop-like mark. */
export const sentence = (text: string) => (/[。！？]$/.test(text) ? text : `${text}。`);
