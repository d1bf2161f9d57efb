import { splitMeasures } from './measures-in-cell.ts';

/**
 * Numbering as ledgers write it, by depth: 一、 (1) · （一） (2) · 1 / 1. / 1、 (3) · （1） / 1） / ① /
 * 1.1 / 1-1 (4). Codes of the office's own ("A01", "DC-3") stand at the finding's depth.
 */
export function seqLevel(text: string): number {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  if (!t) return 0;
  if (/^第?[一二三四五六七八九十]{1,3}[、.．]?$/.test(t)) return 1;
  if (/^[（(][一二三四五六七八九十]{1,3}[）)]$/.test(t)) return 2;
  if (/^\d{1,4}[.．、]?$/.test(t)) return 3;
  if (/^[（(]\d{1,3}[）)]$|^\d{1,3}[）)]$|^[①-⑳]$|^\d+(?:[.．\-－]\d+)+$/.test(t)) return 4;
  return 3;
}

/** The 序号 as the ledger keeps it: "1." → "1", "一、" → "一"; deeper forms as written. */
export function seqKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/[、.．]$/, '');
}

const MEASURE_HEAD = /(?:^|[\n。；;\s])(?:整改)?(?:措施|举措)[:：]/;

/**
 * One cell holding a problem and its measures ("问题及整改措施"): "问题：…措施：…", or the problem on
 * its first line and numbered measures below.
 */
export function splitItemCell(text: string): { finding: string; measures: string[] } {
  const t = text.trim();
  const head = MEASURE_HEAD.exec(t);
  if (head) {
    const finding = t.slice(0, head.index).replace(/^(?:存在的?)?问题[:：]\s*/, '').replace(/[。；;\s]+$/, '').trim();
    const rest = t.slice(head.index + head[0].length).trim();
    return { finding: finding || t, measures: rest ? splitMeasures(rest) : [] };
  }
  const lines = t.split(/\n+/).map((l) => l.trim()).filter(Boolean);
  if (lines.length >= 2) {
    const rest = lines.slice(1).join('\n');
    const measures = splitMeasures(rest);
    if (measures.length >= 1 && /^(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)]|[①-⑩]|[一二三四五六七八九十]是)/.test(lines[1])) {
      return { finding: lines[0].replace(/^(?:存在的?)?问题[:：]\s*/, ''), measures };
    }
  }
  return { finding: t.replace(/^(?:存在的?)?问题[:：]\s*/, ''), measures: [] };
}
