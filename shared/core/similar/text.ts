/**
 * How alike two findings read: weighted Dice over character bigrams. Pure functions, no
 * database: the same numbers on SQLite and PostgreSQL because the score is computed here, over
 * candidates plain SQL fetched.
 *
 * The text is normalised first (full-width forms, case, every run of digits as one "0", so
 * "2019年" and "2021年" read alike), punctuation and spaces end a run as they would end a word,
 * and each run gives its overlapping bigrams. Bigrams of the words every finding uses (存在, 问题,
 * 不够, 有待 …) and of the area every finding is about (扶贫, 脱贫, 乡镇 …) weigh little, so two
 * findings are alike by what the problem is, not by how findings are written.
 */

const WORD_RUN = /[\p{L}\p{N}]+/gu;

/** Threshold of `similarity` at which an earlier finding is proposed as a repeat (see tests/fixtures/similar). */
export const SIMILAR_THRESHOLD = 0.5;

/** Phrases of the genre: how a problem is said, not what it is. */
const GENRE_WORDS = [
  '存在', '问题', '不够', '有待', '部分', '个别', '一些', '少数', '工作', '情况', '方面', '相关', '较为', '比较', '仍然', '依然', '还有', '没有',
  '不足', '需要', '进一步', '有的', '一定', '程度', '其中', '目前', '现象', '仍有', '尚未', '尚不', '较多', '较大', '一是', '二是', '三是',
  '主要', '突出', '明显', '较低', '不高', '不强', '到位', '不到', '及时', '不及', '落实', '加强',
];
/** Words of the supervised area: nearly every finding of a 脱贫攻坚 round has them. */
const AREA_WORDS = ['扶贫', '脱贫', '攻坚', '贫困', '乡镇', '村级', '群众', '县级', '全县', '全市', '农村', '农户', '帮扶'];

function pairsOf(words: string[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) {
    const cs = Array.from(w);
    for (let i = 0; i + 1 < cs.length; i++) out.add(cs[i] + cs[i + 1]);
  }
  return out;
}

const GENRE = pairsOf(GENRE_WORDS);
const AREA = pairsOf(AREA_WORDS);
const GENRE_WEIGHT = 0.2;
const AREA_WEIGHT = 0.4;

export function bigramWeight(bigram: string): number {
  if (GENRE.has(bigram)) return GENRE_WEIGHT;
  if (AREA.has(bigram)) return AREA_WEIGHT;
  return 1;
}

export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\p{N}+/gu, '0');
}

/** The distinct bigrams of a text, in first-seen order. */
export function bigramsOf(text: string): string[] {
  const out = new Set<string>();
  for (const m of normalizeText(text).matchAll(WORD_RUN)) {
    const cs = Array.from(m[0]);
    for (let i = 0; i + 1 < cs.length; i++) out.add(cs[i] + cs[i + 1]);
  }
  return [...out];
}

/**
 * A bigram as one integer (two code points), for the inverted index: smaller than text and the
 * same in SQLite INTEGER and PostgreSQL bigint.
 */
export function bigramCode(bigram: string): number {
  const [a, b] = Array.from(bigram);
  return a.codePointAt(0)! * 0x110000 + b.codePointAt(0)!;
}

export function bigramOfCode(code: number): string {
  return String.fromCodePoint(Math.floor(code / 0x110000), code % 0x110000);
}

export interface Signature {
  bigrams: Set<string>;
  weight: number;
}

export function signatureOf(text: string): Signature {
  const bigrams = new Set(bigramsOf(text));
  let weight = 0;
  for (const b of bigrams) weight += bigramWeight(b);
  return { bigrams, weight };
}

/** Weighted Dice coefficient, 0…1: twice the weight the two share over the weight of both. */
export function similarity(a: Signature, b: Signature): number {
  if (a.weight === 0 || b.weight === 0) return 0;
  const [small, large] = a.bigrams.size <= b.bigrams.size ? [a, b] : [b, a];
  let shared = 0;
  for (const g of small.bigrams) if (large.bigrams.has(g)) shared += bigramWeight(g);
  return (2 * shared) / (a.weight + b.weight);
}

export function textSimilarity(a: string, b: string): number {
  return similarity(signatureOf(a), signatureOf(b));
}
