/**
 * Several measures written in one cell: "一是……二是……三是……", numbered lines "1.…\n2.…",
 * "（1）…（2）…", "①…②…". Text without such markers is one measure.
 */
const CN_ORDINAL = '一二三四五六七八九十';
/** The list marker opening a piece ("一是", "1.", "（1）", "①", "一、"), dropped from the measure's text. */
const MARKER = /^(?:[一二三四五六七八九十]{1,2}是[:：，,]?|\d{1,2}[.．、](?!\d)|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,2})[）)]|[①②③④⑤⑥⑦⑧⑨⑩]|[一二三四五六七八九十]、)\s*/;

const PAREN_OPEN = /(?:^|[\n。；;])\s*[（(]/;

export function splitMeasures(text: string): string[] {
  const t = text.trim();
  if (!t) return [];
  // Each list form needs its marker character; most cells hold one measure and none of them.
  // 一是 / 二是 …: only when "一是" opens a clause and "二是" follows.
  if (t.includes('是')) {
    const yishi = [...t.matchAll(/(?:^|[。；;，,：:\n\s])([一二三四五六七八九十]{1,2})是/g)];
    if (yishi.length >= 2 && yishi[0][1] === '一' && yishi[1][1] === '二') {
      return cut(t, yishi.map((m) => m.index! + (m[0].length - m[1].length - 1)));
    }
  }
  if (t.includes('①')) {
    const circled = [...t.matchAll(/[①②③④⑤⑥⑦⑧⑨⑩]/g)];
    if (circled.length >= 2 && circled[0][0] === '①') return cut(t, circled.map((m) => m.index!));
  }
  if (PAREN_OPEN.test(t)) {
    const paren = [...t.matchAll(/(?:^|[\n。；;])\s*[（(](\d{1,2}|[一二三四五六七八九十]{1,2})[）)]/g)];
    if (paren.length >= 2 && ['1', '一'].includes(paren[0][1])) return cut(t, paren.map((m) => m.index! + (/^[\n。；;]/.test(m[0]) ? 1 : 0)));
  }
  // Numbered lines start the cell or follow a line break.
  if (!t.includes('\n')) return [t];
  const numbered = [...t.matchAll(/(?:^|\n)\s*(\d{1,2})[.．、](?!\d)/g)];
  if (numbered.length >= 2 && numbered[0][1] === '1' && numbered[1][1] === '2') return cut(t, numbered.map((m) => m.index!));
  const cnNumbered = [...t.matchAll(/(?:^|\n)\s*([一二三四五六七八九十])、/g)];
  if (cnNumbered.length >= 2 && cnNumbered[0][1] === CN_ORDINAL[0]) return cut(t, cnNumbered.map((m) => m.index!));
  return [t];
}

function cut(text: string, starts: number[]): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < starts.length; i++) {
    const piece = text
      .slice(starts[i], starts[i + 1] ?? text.length)
      .trim()
      .replace(MARKER, '')
      .replace(/[；;，,]$/, '')
      .replace(/\s*\n\s*/g, ' ')
      .trim();
    if (piece) pieces.push(piece);
  }
  // A lead-in before "一是" belongs to the first measure, unless it only announces the list ("措施如下：").
  const head = text.slice(0, starts[0]).trim();
  if (head && pieces.length && !/[:：]$/.test(head)) pieces[0] = `${head}${pieces[0]}`;
  return pieces;
}
