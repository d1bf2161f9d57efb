/**
 * One numbering of findings and measures everywhere a clerk sees them — the ledger screen, the
 * Excel 台账, the Word annex, unit fill-in sheets, notices and the evidence binder: a finding is
 * numbered by its 序号 in its batch ("3"), its measures "3-1", "3-2" …. Grouping by unit or
 * category, filtering or sorting never renumbers: a measure is "3-2" in every document.
 *
 * A document that lists measures of several feedback batches side by side would show two "3-2";
 * there each number carries its batch's mark in front ("民革·3-2"): the party's short name, and
 * when one party has several batches in the document, their order by date ("民革②·3-2").
 */
export function findingNumber(findingSeq: string): string {
  return findingSeq.trim();
}

export function measureNumber(findingSeq: string, measureSeq: number): string {
  return `${findingNumber(findingSeq)}-${measureSeq}`;
}

/** The batch facts a mark is made from. */
export interface BatchForMark {
  batchId: number;
  /** 党派 short name, e.g. 民革 */
  party: string;
  batchReceivedDate: string;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/**
 * The mark of each batch a document lists: empty for a one-batch document (the usual case: one
 * feedback, one ledger), else the party's name, with ①② when a party has several batches there.
 */
export function batchMarks(rows: readonly BatchForMark[]): Map<number, string> {
  const batches = new Map<number, BatchForMark>();
  for (const r of rows) if (!batches.has(r.batchId)) batches.set(r.batchId, r);
  const marks = new Map<number, string>();
  if (batches.size <= 1) {
    for (const id of batches.keys()) marks.set(id, '');
    return marks;
  }
  const byParty = new Map<string, BatchForMark[]>();
  for (const b of batches.values()) byParty.set(b.party, [...(byParty.get(b.party) ?? []), b]);
  for (const [party, list] of byParty) {
    list.sort((a, b) => a.batchReceivedDate.localeCompare(b.batchReceivedDate) || a.batchId - b.batchId);
    list.forEach((b, i) => marks.set(b.batchId, list.length === 1 ? party : `${party}${CIRCLED[i] ?? `(${i + 1})`}`));
  }
  return marks;
}

/** "3-2", or "民革·3-2" with a batch mark. */
export function markedNumber(mark: string, number: string): string {
  return mark ? `${mark}·${number}` : number;
}

/**
 * The 序号 of each measure row of a document, in the one numbering, marked with its batch when the
 * rows span several batches.
 */
export function measureNumbers<R extends BatchForMark & { findingSeq: string; measureSeq: number }>(rows: readonly R[]): string[] {
  const marks = batchMarks(rows);
  return rows.map((r) => markedNumber(marks.get(r.batchId) ?? '', measureNumber(r.findingSeq, r.measureSeq)));
}
