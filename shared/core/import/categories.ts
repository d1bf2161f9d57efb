/**
 * Category rows between items: "一、产业扶贫方面" (level 1), "（一）项目管理" (level 2),
 * "第一部分 …", "X方面存在的问题". They carry the category of the rows under them.
 */
export interface CategoryLine {
  level: 1 | 2;
  name: string;
}

const LEVEL1 = /^(?:第[一二三四五六七八九十]+(?:部分|方面|类)[、.．:：\s]*|[一二三四五六七八九十]{1,3}[、.．]\s*)(.+)$/;
const LEVEL2 = /^[（(][一二三四五六七八九十]{1,3}[）)]\s*(.+)$/;

export function parseCategoryLine(text: string): CategoryLine | null {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t || t.length > 60) return null;
  const l1 = LEVEL1.exec(t);
  if (l1) return { level: 1, name: clean(l1[1]) };
  const l2 = LEVEL2.exec(t);
  if (l2) return { level: 2, name: clean(l2[1]) };
  if (/方面(?:存在的?问题)?[:：]?$|类问题[:：]?$/.test(t) && t.length <= 30) return { level: 1, name: clean(t) };
  return null;
}

function clean(name: string): string {
  return name.replace(/[（(]\s*\d+\s*(?:个|项|条)?\s*[）)]$/, '').replace(/[:：。]$/, '').trim();
}

/** The category written for the rows under both levels: "产业扶贫方面" or "产业扶贫方面 / 项目管理". */
export function categoryOf(level1: string | null, level2: string | null): string | null {
  if (level1 && level2) return `${level1} / ${level2}`;
  return level1 ?? level2;
}
