import type { MeasureStatus } from '../../../domain/vocabulary.ts';
import { statusFromWords } from '../values/status-words.ts';
import type { ColumnRole, LedgerField } from '../types.ts';
import { mostly, share, type ValueProfile } from './evidence.ts';
import { headerText } from './header-text.ts';
import { label, readHeaderWords } from './header-rules.ts';

/**
 * Columns by meaning: each column's header words (its lower header row first, then both rows
 * together, then the upper one), weighed against what its values look like. Every decision carries
 * its reason, shown to the clerk in the preview.
 */
export interface ColumnInput {
  index: number;
  /** Upper and lower header cell ('' where the header has one row). */
  top: string;
  bottom: string;
  hidden: boolean;
  profile: ValueProfile;
}

export interface ClassifiedColumn {
  index: number;
  role: ColumnRole;
  /** A second field read from the same cells ("完成时限（责任人）" → the person in brackets). */
  also: LedgerField | null;
  reason: string;
}

const NOT_TICK = /状态|情况|是否|与否|进度|结果|时间|日期|时限/;

function tickStatus(key: string): MeasureStatus | null {
  if (key.length > 6 || NOT_TICK.test(key)) return null;
  return statusFromWords(key);
}

function fromHeader(c: ColumnInput, own: Map<string, LedgerField>): ClassifiedColumn | null {
  const top = headerText(c.top);
  const bottom = headerText(c.bottom);
  const tryKey = (t: { key: string; remarks: string[] }) => {
    const tick = tickStatus(t.key);
    if (tick) return { role: `status:${tick}` as ColumnRole, also: null, reason: `表头是状态词“${t.key}”，按打勾列读取（打 √ 即为此状态）` };
    return readHeaderWords(t.key, t.remarks, own);
  };
  const reading =
    (bottom.key && bottom.key !== top.key ? tryKey(bottom) : null) ??
    (bottom.key && bottom.key !== top.key ? tryKey({ key: `${top.key}${bottom.key}`, remarks: [...top.remarks, ...bottom.remarks] }) : null) ??
    tryKey(top);
  return reading ? { index: c.index, ...reading } : null;
}

/** What the values say when the header's words say nothing (or the header cell is empty). */
function fromValues(c: ColumnInput, taken: Set<ColumnRole>): ClassifiedColumn {
  const p = c.profile;
  const at = (role: ColumnRole, why: string): ClassifiedColumn => ({ index: c.index, role, also: null, reason: `表头${c.top || c.bottom ? `“${c.top || c.bottom}”未能识别` : '为空'}；${why}` });
  if (p.n === 0) return { index: c.index, role: 'ignore', also: null, reason: c.top || c.bottom ? '表头未能识别，列中没有内容' : '空列' };
  if (mostly(p.units, p)) return at(taken.has('units') || taken.has('leadUnit') ? 'coUnit' : 'units', `${share(p.units, p, '为单位名称')}`);
  if (mostly(p.dates + p.deadlineWords, p)) return at(taken.has('deadline') ? 'extra' : 'deadline', share(p.dates + p.deadlineWords, p, '为日期或时限用语'));
  if (mostly(p.statusWords, p)) return at(taken.has('status') ? 'extra' : 'status', share(p.statusWords, p, '为整改状态用语'));
  if (mostly(p.numbers, p, 0.9) && c.index === 0 && !taken.has('seq')) return at('seq', share(p.numbers, p, '为编号'));
  return at('extra', '内容记入备注，不会丢失');
}

/** Second thoughts from the values, for headers whose words fit two fields. */
function weigh(col: ClassifiedColumn, c: ColumnInput, taken: Set<ColumnRole>): ClassifiedColumn {
  const p = c.profile;
  if (p.n < 2) return col;
  if ((col.role === 'progress' || col.role === 'note') && mostly(p.statusWords, p, 0.7) && p.averageLength <= 8 && !taken.has('status')) {
    return { ...col, role: 'status', reason: `${col.reason}；但${share(p.statusWords, p, '是状态用语')}，按整改状态读取` };
  }
  if (col.role === 'status' && p.averageLength > 16 && !mostly(p.statusWords, p, 0.5) && !taken.has('progress')) {
    return { ...col, role: 'progress', reason: `${col.reason}；但下方多为较长的文字，按整改进展读取` };
  }
  if (col.role === 'extra' && mostly(p.statusWords, p, 0.7) && p.averageLength <= 8 && !taken.has('status')) {
    return { ...col, role: 'status', reason: `${col.reason}；但${share(p.statusWords, p, '是状态用语')}，按整改状态读取` };
  }
  if ((col.role === 'progress' || col.role === 'status' || col.role === 'note') && mostly(p.codes, p, 0.8)) {
    return { ...col, role: 'extra', reason: `${col.reason}；但${share(p.codes, p, '是等级或代码（如 A/B/C）')}，记入备注` };
  }
  if (col.role === 'deadline' && p.dates + p.deadlineWords > 0) return { ...col, reason: `${col.reason}；${share(p.dates + p.deadlineWords, p, '为日期或时限用语')}` };
  if ((col.role === 'units' || col.role === 'leadUnit' || col.role === 'coUnit') && p.units > 0) {
    return { ...col, reason: `${col.reason}；${share(p.units, p, '为单位名称')}${p.knownUnits ? `（${p.knownUnits} 个台账中已有）` : ''}` };
  }
  return col;
}

export function classifyColumns(inputs: ColumnInput[], own: Map<string, LedgerField>): ClassifiedColumn[] {
  const out: ClassifiedColumn[] = [];
  const taken = new Set<ColumnRole>();
  const pending: ColumnInput[] = [];
  // A column whose header says status (销号情况, 是否销号) outranks one whose values merely look like it.
  const readings = inputs.map((c) => (c.hidden ? null : fromHeader(c, own)));
  readings.forEach((r) => r && (r.role === 'status' || r.role.startsWith('status:')) && taken.add('status'));
  for (const [i, c] of inputs.entries()) {
    if (c.hidden) {
      out.push({ index: c.index, role: 'ignore', also: null, reason: '隐藏列（多为内部编码），不导入' });
      continue;
    }
    const read = readings[i];
    if (!read) {
      pending.push(c);
      out.push({ index: c.index, role: 'ignore', also: null, reason: '' });
      continue;
    }
    let col = weigh(read, c, taken);
    const earlier = out.find((o) => o.role === 'status');
    if (col.role === 'status' && earlier && /销号/.test(c.bottom || c.top) && !/销号/.test(earlier.reason)) {
      // 是否销号 beside 整改结果: the closure column gives the status, the other its words.
      earlier.role = taken.has('progress') ? 'extra' : 'progress';
      earlier.reason = `${earlier.reason}；另有销号列，此列按${earlier.role === 'progress' ? '整改进展' : '备注'}读取`;
      taken.add(earlier.role);
    }
    const first = col.role === 'status' && !out.some((o) => o.role === 'status');
    if (taken.has(col.role) && !first && !col.role.startsWith('status:') && col.role !== 'extra') col = duplicate(col, c, taken);
    taken.add(col.role);
    out[out.length] = col;
  }
  for (const c of pending) {
    const col = fromValues(c, taken);
    taken.add(col.role);
    out[out.findIndex((o) => o.index === c.index)] = col;
  }
  promoteItem(out, inputs);
  return out;
}

/** A field met twice: the first keeps it; the second takes the field its header can still mean. */
function duplicate(col: ClassifiedColumn, c: ColumnInput, taken: Set<ColumnRole>): ClassifiedColumn {
  const header = c.bottom || c.top;
  if (col.role === 'units' && taken.has('units') && !taken.has('coUnit')) return { ...col, role: 'coUnit', reason: `${col.reason}；已有一列责任单位，此列按配合单位读取` };
  if (col.role === 'finding' && !taken.has('measure')) return { ...col, role: 'measure', reason: `${col.reason}；已有一列问题，此列按整改措施读取` };
  if (col.role === 'deadline' && !taken.has('closedDate') && /完成|办结|实际/.test(header)) {
    return { ...col, role: 'closedDate', reason: `${col.reason}；已有一列整改时限，此列按实际完成（销号）时间读取` };
  }
  return { ...col, role: 'extra', reason: `${col.reason}；已有一列${label(col.role)}，此列内容记入备注` };
}

/**
 * Any item column is an item: a table with no column of problems takes its 意见建议 (a party's list
 * of suggestions) or its longest prose as the item; a 措施/任务 column stands for both.
 */
function promoteItem(out: ClassifiedColumn[], inputs: ColumnInput[]): void {
  const has = (role: ColumnRole) => out.some((c) => c.role === role);
  // A 名称/内容 column beside a stronger item column (会议名称 | 会议确定事项) is a detail of the item.
  const items = out.filter((c) => c.role === 'finding' || c.role === 'measure');
  const weak = items.find((c) => c.role === 'finding' && c.reason.includes('“内容/名称”'));
  if (weak && items.some((c) => c !== weak && !c.reason.includes('“内容/名称”'))) {
    const strong = items.find((c) => c !== weak)!;
    weak.role = 'extra';
    weak.reason = `${weak.reason}；已有条目列，此列内容记入备注`;
    if (strong.role === 'measure' && strong.reason.includes('已有一列问题')) {
      strong.role = 'finding';
      strong.reason = strong.reason.replace('；已有一列问题，此列按整改措施读取', '');
    }
  }
  // 审计 lists state what must be done as 整改要求: with no 措施 column, that is the measure.
  const requirement = out.find((c) => c.role === 'target' && /要求/.test(c.reason));
  if (requirement && !has('measure') && has('finding')) {
    requirement.role = 'measure';
    requirement.reason = `${requirement.reason}；表中没有措施列，按整改措施读取`;
  }
  if (has('finding') || has('measure')) return;
  const suggestion = out.find((c) => c.role === 'suggestion');
  if (suggestion) {
    suggestion.role = 'finding';
    suggestion.reason = `${suggestion.reason}；表中没有问题列，以意见建议作为条目`;
    return;
  }
  let best: ClassifiedColumn | null = null;
  let length = 8;
  for (const c of out) {
    const input = inputs.find((i) => i.index === c.index)!;
    if ((c.role === 'extra' || c.role === 'note' || c.role === 'progress' || c.role === 'target') && input.profile.averageLength > length) {
      best = c;
      length = input.profile.averageLength;
    }
  }
  if (best) {
    best.reason = `${best.reason}；表中没有问题或措施列，此列文字最长，作为条目`;
    best.role = 'finding';
  }
}
