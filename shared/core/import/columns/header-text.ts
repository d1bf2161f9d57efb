/**
 * Header text as compared. Real headers pad and break their words ("序  号", "责 任\n单 位"), use
 * full-width forms ("ＮＯ．", "（"), and carry bracketed remarks ("整改时限（年月日）",
 * "完成\n时限（责任人）", "问题金额(万元)"): the words are compared without spaces, breaks, widths
 * or remarks, and the remarks are kept apart, since some of them name a second field.
 */
export interface HeaderText {
  /** The words, normalised: no white space, half-width, no bracketed remarks, no trailing colon. */
  key: string;
  /** What the brackets said ("年月日", "责任人", "万元"). */
  remarks: string[];
}

const BRACKETS = /[(（\[【〔<《]([^)）\]】〕>》]*)[)）\]】〕>》]/g;

export function headerText(raw: string): HeaderText {
  const flat = raw.normalize('NFKC').replace(/\s+/g, '');
  const remarks: string[] = [];
  const key = flat
    .replace(BRACKETS, (_, inner: string) => {
      if (inner) remarks.push(inner);
      return '';
    })
    .replace(/^[*＊※★]+|[*＊※★]+$/g, '')
    .replace(/[:：]+$/, '');
  return { key: key || flat.replace(/[:：]+$/, ''), remarks };
}

/** The normalised words only (for signatures and the office's own header words). */
export function normalizeHeader(raw: string): string {
  return headerText(raw).key;
}

/** "问题及整改措施", "责任单位和责任人", "整改措施、完成时限": the parts of a paired header. */
export function headerParts(key: string): string[] {
  const parts = key.split(/及|和|与|、|\/|以及|暨/).filter((p) => p.length >= 2);
  return parts.length >= 2 ? parts : [key];
}
