import { MEASURE_ACTION_LABEL, MEASURE_STATUS_LABEL, type DeadlineKind, type FindingStatus, type MeasureAction, type MeasureStatus } from './vocabulary.ts';

/**
 * The closure workflow (销号流程), in one place. Every status change of a measure goes through
 * `nextStatus`; anything not listed here is refused with a Chinese message.
 *
 * 未启动 ─start─▶ 整改中 ─request_close─▶ 待销号 ─verify_close─▶ 已销号
 *                    ▲                      │                      │
 *                    └──────── return ◀─────┘        reopen (回头看) ┘
 * 整改中 ─set_standing─▶ 长期坚持 ─reopen─▶ 整改中
 */
const TRANSITIONS: Record<MeasureAction, { from: readonly MeasureStatus[]; to: MeasureStatus }> = {
  start: { from: ['not_started'], to: 'in_progress' },
  request_close: { from: ['not_started', 'in_progress'], to: 'pending' },
  verify_close: { from: ['pending'], to: 'closed' },
  return: { from: ['pending'], to: 'in_progress' },
  reopen: { from: ['closed', 'standing'], to: 'in_progress' },
  set_standing: { from: ['not_started', 'in_progress', 'pending'], to: 'standing' },
};

export type TransitionCheck = { ok: true; to: MeasureStatus } | { ok: false; message: string };

export function nextStatus(from: MeasureStatus, action: MeasureAction): TransitionCheck {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) {
    const allowed = rule.from.map((s) => MEASURE_STATUS_LABEL[s]).join('、');
    return {
      ok: false,
      message: `状态为“${MEASURE_STATUS_LABEL[from]}”的措施不能${MEASURE_ACTION_LABEL[action]}（仅限：${allowed}）`,
    };
  }
  return { ok: true, to: rule.to };
}

/**
 * Going back to work (回头看, 退回) on a measure whose 整改时限 is already past would make it red at
 * once: such a step asks for a new deadline. 回头看 requires it (the closed item gets a new term);
 * 退回 offers it (the unit may simply be late).
 */
export function newDeadlineNeed(
  action: MeasureAction,
  m: { deadlineKind: DeadlineKind; deadlineDate: string | null },
  today: string,
): 'required' | 'optional' | null {
  if (action !== 'reopen' && action !== 'return') return null;
  const past = m.deadlineKind !== 'standing' && m.deadlineDate !== null && m.deadlineDate < today;
  if (!past) return null;
  return action === 'reopen' ? 'required' : 'optional';
}

/** The actions a clerk may take on a measure in this status, for buttons. */
export function availableActions(from: MeasureStatus): MeasureAction[] {
  return (Object.keys(TRANSITIONS) as MeasureAction[]).filter((a) => TRANSITIONS[a].from.includes(from));
}

/**
 * A finding's status from its measures: 已销号 when all are closed; 长期坚持 when all are closed or
 * standing; 待销号 when nothing is open and some await verification; 未启动 when none has started.
 */
export function findingStatusOf(measureStatuses: readonly MeasureStatus[]): FindingStatus {
  if (measureStatuses.length === 0) return 'not_started';
  const all = (p: (s: MeasureStatus) => boolean) => measureStatuses.every(p);
  if (all((s) => s === 'closed')) return 'closed';
  if (all((s) => s === 'closed' || s === 'standing')) return 'standing';
  if (all((s) => s === 'closed' || s === 'standing' || s === 'pending')) return 'pending';
  if (all((s) => s === 'not_started')) return 'not_started';
  return 'in_progress';
}
