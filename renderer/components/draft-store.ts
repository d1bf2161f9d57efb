import dayjs from 'dayjs';

/**
 * Drafts of forms the clerk has not saved yet, kept in localStorage so they survive a reload or a
 * crash. Keys name the form and its record: 'draft:finding:new:3', 'draft:finding:12',
 * 'draft:batch:new', 'draft:settings'. Dates (dayjs) are stored as { $date: 'YYYY-MM-DD' }.
 */

export interface Draft {
  values: unknown;
  /** When it was last written (epoch ms), shown in the banner. */
  savedAt: number;
}

function encode(value: unknown): unknown {
  if (dayjs.isDayjs(value)) return { $date: value.format('YYYY-MM-DD') };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') {
    // Only plain data: a picked File or a DOM node cannot be kept across a reload.
    if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  }
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const date = (value as { $date?: unknown }).$date;
    if (typeof date === 'string') return dayjs(date);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

export function readDraft(key: string): Draft | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Draft;
    if (typeof parsed.savedAt !== 'number' || !parsed.values || typeof parsed.values !== 'object') return null;
    return { values: decode(parsed.values), savedAt: parsed.savedAt };
  } catch {
    return null; // a damaged draft is no reason to break the form
  }
}

export function writeDraft(key: string, values: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify({ values: encode(values), savedAt: Date.now() }));
  } catch {
    // Storage full or disabled: the form still works, only without a draft.
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // as above
  }
}
