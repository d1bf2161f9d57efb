import { Typography } from 'antd';
import type { Signal } from '../../../shared/domain/vocabulary.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../components/use-load.ts';
import { ChartCard } from './ChartCard.tsx';

/**
 * 趋势: the saved snapshots (快照), oldest first. They are the ledger as it was on those days, so
 * their numbers do not open today's ledger; 较上期 lists the measures behind each change.
 */
export function TrendCard({ signalLabel }: { signalLabel: (s: Signal) => string }) {
  const snapshots = useLoad(() => call('snapshots:list', {}), []);
  const rows = [...(snapshots.data ?? [])].sort((a, b) => a.takenAt.localeCompare(b.takenAt)).slice(-24);
  const spec =
    rows.length >= 2
      ? {
          kind: 'line' as const,
          title: '趋势（快照）',
          categories: rows.map((r) => r.takenOn),
          series: [
            { name: '已销号', values: rows.map((r) => r.closed) },
            { name: signalLabel('red'), values: rows.map((r) => r.red) },
            { name: signalLabel('yellow'), values: rows.map((r) => r.yellow) },
          ],
          colors: ['#009E73', '#D55E00', '#E69F00'],
        }
      : null;
  return (
    <ChartCard
      title="趋势（按快照）"
      testId="trend"
      spec={spec}
      rows={rows}
      rowKey={(r) => r.id}
      extra={rows.length < 2 ? <Typography.Text type="secondary">保存两次以上快照后显示趋势（单位考核 → 快照）</Typography.Text> : undefined}
      columns={[
        { title: '快照日期', value: (r) => ({ text: r.takenOn }), align: 'left' },
        { title: '措施', value: (r) => ({ text: String(r.measures) }) },
        { title: '已销号', value: (r) => ({ text: String(r.closed) }) },
        { title: signalLabel('red'), value: (r) => ({ text: String(r.red) }) },
        { title: signalLabel('yellow'), value: (r) => ({ text: String(r.yellow) }) },
      ]}
    />
  );
}
