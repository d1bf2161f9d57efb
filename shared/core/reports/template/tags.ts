import { TEMPLATE_TAGS, type TemplateTagDef } from '../../../contract/report-template.ts';

/**
 * Which tag names a template may use, and the nearest known name for one it may not: a clerk who
 * types {办公室名} or {完成率%} is told "是否应为 {办公室名称}？".
 */

const TOP = new Map<string, TemplateTagDef>(TEMPLATE_TAGS.map((t) => [t.name, t]));
export const LOOP_NAMES: ReadonlySet<string> = new Set(TEMPLATE_TAGS.filter((t) => t.group === '循环').map((t) => t.name));

/** Names known outside any loop (fields and the loops themselves). */
export function isKnownTopTag(name: string): boolean {
  return TOP.has(name);
}

/** Inside a loop a row's own fields are known, and so is every top-level name (the office's name in a table row). */
export function isKnownInLoop(loop: string, name: string): boolean {
  return rowFields(loop).includes(name) || TOP.has(name);
}

export function rowFields(loop: string): string[] {
  return (TOP.get(loop)?.fields ?? []).map((f) => f.name);
}

/** Words clerks use for a known tag; only suggested, never accepted silently. */
const OTHER_WORDS: Record<string, string> = {
  单位名称: '办公室名称', 部门名称: '办公室名称', 署名: '办公室名称', 落款: '办公室名称', 发文机关: '办公室名称',
  日期: '成文日期', 落款日期: '成文日期', 报告日期: '成文日期', 今天: '成文日期',
  党派: '监督主体', 民主党派: '监督主体', 文号: '反馈文号', 收到日期: '反馈日期', 领域: '监督领域',
  总体完成率: '完成率', 问题数: '问题总数', 措施数: '措施总数', 逾期: '逾期未完成', 逾期数: '逾期未完成',
  摘要: '摘要段落', 总体情况: '摘要段落', 销号数: '已销号', 编号: '序号', 问题: '反馈问题', 措施: '整改措施',
  时限: '整改时限', 状态: '整改状态', 进展: '整改进展', 责任单位: '牵头单位', 单位: '牵头单位',
};

/** The known name nearest to `name` (in this loop's scope), or null when none is close. */
export function nearestTag(name: string, loop: string | null): string | null {
  const candidates = loop ? [...rowFields(loop), ...TOP.keys()] : [...TOP.keys()];
  const stripped = name.replace(/[\s%％:：#/^]/g, '');
  if (candidates.includes(stripped)) return stripped;
  const alias = OTHER_WORDS[stripped];
  if (alias && candidates.includes(alias)) return alias;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(stripped, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // Near enough to be a slip: about a third of the longer name may differ.
  return best !== null && bestDistance <= Math.max(1, Math.floor(Math.max(stripped.length, best.length) / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length];
}
