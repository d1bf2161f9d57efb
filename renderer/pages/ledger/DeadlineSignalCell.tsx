import type { CSSProperties, ReactNode } from 'react';
import { CheckCircleFilled, ClockCircleFilled, PauseCircleFilled, WarningFilled } from '@ant-design/icons';
import type { LedgerRow } from '../../../shared/contract/index.ts';
import { DEFAULT_SIGNAL_LEVELS, closedLateDays, isLongTerm, type SignalLevels } from '../../../shared/domain/signal.ts';
import { useAppInfo } from '../../app-info.tsx';
import { DeadlineCell } from '../../components/labels.tsx';

/**
 * 整改时限 with its signal under it, in words and colour and a shape of its own (colour-blind
 * readers tell 逾期 from 临期 by the icon and the words): 已逾期 N 天 in red, N 天后到期 or 停滞 N 天
 * in dark yellow, the days left in green; 已销号, 待验收 and 长期坚持 plainly; 逾期完成 when a
 * measure was closed after its deadline. Colours and names follow 设置 → 预警信号: an office that
 * renamed its levels (蓝黄红, 提醒·督办·告诫) sees its own name before the words.
 */
interface SignalLook {
  words: string;
  icon: ReactNode | null;
  color: string;
  /** The cell's background, so a late row is seen from across the table. */
  tint?: string;
}

// The default scheme's colours, tuned for text on white (the yellow icon's colour is too light for words).
const RED = '#cf1322';
const YELLOW_TEXT = '#ad6800';
const YELLOW_ICON = '#d48806';
const GREEN = '#389e0d';
const PLAIN = 'rgba(0,0,0,0.45)';
const TINT = { red: '#fff1f0', yellow: '#fffbe6' } as const;

type Row = Pick<LedgerRow, 'status' | 'signal' | 'signalReason' | 'overdueDays' | 'stagnantDays' | 'deadlineKind'> & Partial<Pick<LedgerRow, 'deadlineDate' | 'closedDate'>>;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
/** A light background of the office's colour (8% of it over white). */
const tintOf = (color: string) => `${color}14`;

export function signalLook(r: Row, levels: SignalLevels = DEFAULT_SIGNAL_LEVELS): SignalLook | null {
  if (r.status === 'closed') {
    const late = closedLateDays({ status: r.status, deadlineKind: r.deadlineKind, deadlineDate: r.deadlineDate ?? null, closedDate: r.closedDate ?? null });
    return late > 0 ? { words: `逾期完成（超期 ${late} 天）`, icon: null, color: PLAIN } : { words: '已销号', icon: null, color: PLAIN };
  }
  if (r.status === 'pending') return { words: '待验收', icon: null, color: PLAIN };
  const red = levels.red.color;
  const yellow = levels.yellow.color;
  const yellowText = same(yellow, DEFAULT_SIGNAL_LEVELS.yellow.color) ? YELLOW_TEXT : yellow;
  const yellowTint = same(yellow, DEFAULT_SIGNAL_LEVELS.yellow.color) ? TINT.yellow : tintOf(yellow);
  if (r.signal === 'yellow' && isLongTerm(r) && r.stagnantDays != null) {
    return { words: `长期坚持，${r.stagnantDays} 天未报进展`, icon: <PauseCircleFilled style={{ color: yellow }} />, color: yellowText, tint: yellowTint };
  }
  // A 长期坚持 deadline already says so on the line above.
  if (r.status === 'standing') return r.deadlineKind === 'standing' ? null : { words: '长期坚持', icon: null, color: PLAIN };
  if (r.signal === 'red') return { words: `已逾期 ${r.overdueDays} 天`, icon: <WarningFilled />, color: red, tint: same(red, RED) ? TINT.red : tintOf(red) };
  if (r.signal === 'yellow') {
    if (r.stagnantDays != null) return { words: `停滞 ${r.stagnantDays} 天`, icon: <PauseCircleFilled style={{ color: yellow }} />, color: yellowText, tint: yellowTint };
    return { words: r.signalReason, icon: <ClockCircleFilled style={{ color: yellow }} />, color: yellowText, tint: yellowTint };
  }
  return { words: r.signalReason, icon: <CheckCircleFilled />, color: same(levels.green.color, DEFAULT_SIGNAL_LEVELS.green.color) ? GREEN : levels.green.color };
}

/** The cell's own style (its tint), for the column's onCell. */
export function deadlineCellStyle(r: LedgerRow, levels?: SignalLevels): CSSProperties | undefined {
  const tint = signalLook(r, levels)?.tint;
  return tint ? { background: tint } : undefined;
}

/** The office's own name for a level, shown only when it renamed the levels (the default 红灯/黄灯/绿灯 goes without saying). */
function levelName(row: LedgerRow, levels: SignalLevels): string | null {
  if (row.status === 'closed' || row.status === 'pending') return null;
  const renamed = (['red', 'yellow', 'green'] as const).some((k) => levels[k].label !== DEFAULT_SIGNAL_LEVELS[k].label);
  return renamed ? levels[row.signal].label : null;
}

export function DeadlineSignalCell({ row }: { row: LedgerRow }) {
  const levels = useAppInfo().info.settings.signalLevels ?? DEFAULT_SIGNAL_LEVELS;
  const look = signalLook(row, levels);
  const name = levelName(row, levels);
  return (
    <div data-testid="deadline-cell" data-signal={row.signal}>
      <DeadlineCell kind={row.deadlineKind} date={row.deadlineDate} text={row.deadlineText} />
      {look && (
        <div
          data-testid="deadline-signal"
          title={`${levels[row.signal].label}：${row.signalReason}`}
          style={{ color: look.color, fontSize: 13, fontWeight: row.signal === 'red' && look.tint ? 600 : undefined, whiteSpace: 'nowrap', marginTop: 2 }}
        >
          {/* The office's name marks the level in words, in the icon's place, so the cell keeps its width. */}
          {name ? (
            <>
              <span data-testid="signal-level-name">{name}</span>·{look.words.replace(/^已逾期/, '逾期')}
            </>
          ) : (
            <>
              {look.icon && <span style={{ marginInlineEnd: 4 }}>{look.icon}</span>}
              {look.words}
            </>
          )}
        </div>
      )}
    </div>
  );
}
