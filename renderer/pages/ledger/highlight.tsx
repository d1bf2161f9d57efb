import { Clamp } from '../../components/labels.tsx';
import type { ReactNode } from 'react';

/**
 * The searched words marked in a cell's text. The text is split around the words and each part
 * rendered as a React text node or <mark>: nothing is ever parsed as HTML.
 */
export function searchTerms(q: string | undefined): string[] {
  return (q ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function highlight(text: string | null | undefined, terms: readonly string[]): ReactNode {
  if (!text || terms.length === 0) return text ?? null;
  // Longest first, so that "财政局" is marked whole rather than as "财政" + "局".
  const pattern = new RegExp(`(${[...terms].sort((a, b) => b.length - a.length).map(escape).join('|')})`, 'giu');
  const parts = text.split(pattern);
  if (parts.length === 1) return text;
  // split() with one capture group puts the matches at the odd indexes.
  return parts.map((part, i) => (i % 2 === 1 ? <mark key={i} data-testid="search-hit" style={MARK}>{part}</mark> : part || null));
}

const MARK = { background: '#ffe58f', color: 'inherit', padding: 0, borderRadius: 2 } as const;

/** A cell's long text cut to a few lines, searched words marked, the whole text on hover. */
export function MarkedClamp({ text, terms, lines, secondary }: { text: string | null; terms: readonly string[]; lines: number; secondary?: boolean }) {
  if (!text) return null;
  return (
    <Clamp text={text} lines={lines} secondary={secondary}>
      {highlight(text, terms)}
    </Clamp>
  );
}
