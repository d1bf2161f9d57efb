import type { CSSProperties, ReactNode } from 'react';
import { CheckCircleFilled, ClockCircleFilled, PauseCircleFilled, WarningFilled } from '@ant-design/icons';
import type { LedgerRow } from '../../../shared/contract/index.ts';
import { DeadlineCell } from '../../components/labels.tsx';

/**
 * 整改时限 with its signal under it, in words and colour and a shape of its own (colour-blind
 * readers tell 逾期 from 临期 by the icon and the words): 已逾期 N 天 in red, N 天后到期 or 停滞 N 天
 * in dark yellow, the days left in green; 已销号, 待验收 and 长期坚持 plainly.
 */
interface SignalLook {
  words: string;
  icon: ReactNode | null;
  color: string;
  /** The cell's background, so a late row is seen from across the table. */
  tint?: string;
}

const RED = '#cf1322';
const YELLOW_TEXT = '#ad6800';
const YELLOW_ICON = '#d48806';
const GREEN = '#389e0d';
const PLAIN = 'rgba(0,0,0,0.45)';

export function signalLook(r: Pick<LedgerRow, 'status' | 'signal' | 'signalReason' | 'overdueDays' | 'stagnantDays' | 'deadlineKind'>): SignalLook | null {
  if (r.status === 'closed') return { words: '已销号', icon: null, color: PLAIN };
  if (r.status === 'pending') return { words: '待验收', icon: null, color: PLAIN };
  // A 长期坚持 deadline already says so on the line above.
  if (r.status === 'standing') return r.deadlineKind === 'standing' ? null : { words: '长期坚持', icon: null, color: PLAIN };
  if (r.signal === 'red') return { words: `已逾期 ${r.overdueDays} 天`, icon: <WarningFilled />, color: RED, tint: '#fff1f0' };
  if (r.signal === 'yellow') {
    if (r.stagnantDays != null) return { words: `停滞 ${r.stagnantDays} 天`, icon: <PauseCircleFilled style={{ color: YELLOW_ICON }} />, color: YELLOW_TEXT, tint: '#fffbe6' };
    return { words: r.signalReason, icon: <ClockCircleFilled style={{ color: YELLOW_ICON }} />, color: YELLOW_TEXT, tint: '#fffbe6' };
  }
  return { words: r.signalReason, icon: <CheckCircleFilled />, color: GREEN };
}

/** The cell's own style (its tint), for the column's onCell. */
export function deadlineCellStyle(r: LedgerRow): CSSProperties | undefined {
  const tint = signalLook(r)?.tint;
  return tint ? { background: tint } : undefined;
}

export function DeadlineSignalCell({ row }: { row: LedgerRow }) {
  const look = signalLook(row);
  return (
    <div data-testid="deadline-cell" data-signal={row.signal}>
      <DeadlineCell kind={row.deadlineKind} date={row.deadlineDate} text={row.deadlineText} />
      {look && (
        <div
          data-testid="deadline-signal"
          title={row.signalReason}
          style={{ color: look.color, fontSize: 13, fontWeight: row.signal === 'red' && look.tint ? 600 : undefined, whiteSpace: 'nowrap', marginTop: 2 }}
        >
          {look.icon && <span style={{ marginInlineEnd: 4 }}>{look.icon}</span>}
          {look.words}
        </div>
      )}
    </div>
  );
}
