/**
 * Text for the bigram index: every run of letters/digits becomes its overlapping 2-character
 * tokens plus its last character alone, so that "资金" is one token and "资*" finds every
 * character. Punctuation and spaces end a run, as they would end a word.
 */
const WORD_RUN = /[\p{L}\p{N}]+/gu;

export function bigramBody(text: string): string {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD_RUN)) {
    const chars = Array.from(match[0]);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    out.push(chars[chars.length - 1]);
  }
  return out.join(' ');
}

export type SearchTerm = { index: 'trigram' | 'bigram'; match: string } | { index: 'like'; pattern: string };

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * How one typed word is looked up: 3+ characters through the trigram index (a quoted phrase, so
 * "-" and "(" are plain text), 1–2 letters/digits through the bigram index, anything else by LIKE.
 */
export function planTerm(term: string): SearchTerm {
  const chars = Array.from(term);
  if (chars.length >= 3) return { index: 'trigram', match: quote(term) };
  if (/^[\p{L}\p{N}]+$/u.test(term)) {
    const lower = term.toLowerCase();
    return { index: 'bigram', match: chars.length === 2 ? quote(lower) : `${quote(lower)}*` };
  }
  return { index: 'like', pattern: `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
}

export function splitTerms(q: string): string[] {
  return q.split(/\s+/).map((t) => t.trim()).filter(Boolean).slice(0, 8);
}
