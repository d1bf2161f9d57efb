import type { ReactNode } from 'react';
import { Tag, Tooltip } from 'antd';
import {
  DEADLINE_KIND_LABEL, MEASURE_STATUS_LABEL, SIGNAL_LABEL,
  type DeadlineKind, type MeasureStatus, type Signal,
} from '../../shared/domain/vocabulary.ts';

const STATUS_COLOR: Record<MeasureStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  pending: 'warning',
  closed: 'success',
  standing: 'purple',
};

export function StatusTag({ status, testId }: { status: MeasureStatus; testId?: string }) {
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={testId} data-status={status} style={{ marginInlineEnd: 0 }}>
      {MEASURE_STATUS_LABEL[status]}
    </Tag>
  );
}

export const SIGNAL_COLOR: Record<Signal, string> = { red: '#f5222d', yellow: '#faad14', green: '#52c41a' };

/** The deadline signal as a dot; the reason ("已逾期 3 天") is the tooltip. */
export function SignalDot({ signal, reason, withText }: { signal: Signal; reason: string; withText?: boolean }) {
  return (
    <Tooltip title={reason}>
      <span data-testid="signal" data-signal={signal} aria-label={`${SIGNAL_LABEL[signal]}：${reason}`} style={{ whiteSpace: 'nowrap' }}>
        <span
          style={{
            display: 'inline-block',
            width: 10,
            height: 10,
            borderRadius: '50%',
            background: SIGNAL_COLOR[signal],
            verticalAlign: 'middle',
          }}
        />
        {withText && <span style={{ marginInlineStart: 6, color: signal === 'green' ? undefined : SIGNAL_COLOR[signal] }}>{reason}</span>}
      </span>
    </Tooltip>
  );
}

/** 整改时限 as a clerk writes it: a date, 立行立改 or 长期坚持 (with the date or note when there is one). */
export function deadlineLabel(kind: DeadlineKind, date: string | null, text: string | null): string {
  if (kind === 'date') return date ?? text ?? '';
  const word = DEADLINE_KIND_LABEL[kind];
  const extra = text && text !== word ? text : kind === 'immediate' ? date : null;
  return extra ? `${word}（${extra}）` : word;
}

/** 整改时限 in a narrow table cell: the word on one line, its date or note below. */
export function DeadlineCell({ kind, date, text }: { kind: DeadlineKind; date: string | null; text: string | null }) {
  if (kind === 'date') return <span style={{ whiteSpace: 'nowrap' }}>{date ?? text}</span>;
  const extra = text && text !== DEADLINE_KIND_LABEL[kind] ? text : kind === 'immediate' ? date : null;
  return (
    <>
      <div>{DEADLINE_KIND_LABEL[kind]}</div>
      {extra && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{extra}</div>}
    </>
  );
}

/**
 * Long text cut to a few lines in a table cell, the full text on hover. Plain CSS line clamp with
 * the native title: no per-cell measuring, so a page of 200 rows renders at once.
 */
export function Clamp({ text, lines, secondary, children }: { text: string | null; lines: number; secondary?: boolean; children?: ReactNode }) {
  if (!text) return null;
  return (
    <div
      title={text}
      style={{
        display: '-webkit-box',
        WebkitBoxOrient: 'vertical',
        WebkitLineClamp: lines,
        overflow: 'hidden',
        ...(secondary ? { fontSize: 12, color: 'rgba(0,0,0,0.45)' } : {}),
      }}
    >
      {children ?? text}
    </div>
  );
}
