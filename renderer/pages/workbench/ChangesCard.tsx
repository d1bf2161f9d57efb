import { Card, List, Tabs, Typography } from 'antd';
import type { SinceLastVisit } from '../../../shared/contract/dashboard.ts';
import { hrefOf } from '../../router.ts';
import { ItemLine } from './ItemLine.tsx';

/** "18 November 09:30" in a clerk's words: 11月18日 09:30. */
function when(iso: string): string {
  const d = new Date(iso);
  return `${d.getMonth() + 1}月${d.getDate()}日 ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** 自上次访问以来: turned red, newly closed, new progress from units. */
export function ChangesCard({ changes, today }: { changes: SinceLastVisit; today: string }) {
  const since = changes.since;
  const sinceDay = since ? new Date(since) : null;
  const sinceIso = sinceDay ? `${sinceDay.getFullYear()}-${String(sinceDay.getMonth() + 1).padStart(2, '0')}-${String(sinceDay.getDate()).padStart(2, '0')}` : today;
  const tab = (key: string, label: string, total: number, items: SinceLastVisit['turnedRed']['items'], empty: string, all?: string) => ({
    key,
    label: `${label} ${total}`,
    children:
      total === 0 ? (
        <Typography.Text type="secondary" style={{ display: 'block', padding: '8px 0' }}>{empty}</Typography.Text>
      ) : (
        <>
          <List size="small" dataSource={items.slice(0, 5)} renderItem={(item) => <ItemLine item={item} />} />
          {all && total > 5 && <a href={all} style={{ fontSize: 12 }}>查看全部 {total} 项 ›</a>}
        </>
      ),
  });
  return (
    <Card size="small" title="自上次访问以来" extra={since ? <Typography.Text type="secondary">{when(since)} 起</Typography.Text> : null} data-testid="work-changes" style={{ height: '100%' }}>
      {!since ? (
        <Typography.Text type="secondary" style={{ display: 'block', padding: '12px 0' }}>这是第一次打开工作台；下次打开时，这里列出期间转为逾期、新销号和单位新报送的进展。</Typography.Text>
      ) : (
        <Tabs
          size="small"
          items={[
            tab('red', '转为逾期', changes.turnedRed.total, changes.turnedRed.items, '没有新转为逾期的措施', hrefOf('ledger', { signal: 'red', from: sinceIso, sort: 'overdue' })),
            tab('closed', '新销号', changes.newlyClosed.total, changes.newlyClosed.items, '没有新销号的措施'),
            tab('progress', '新进展', changes.newProgress.total, changes.newProgress.items, '单位没有报送新进展'),
          ]}
        />
      )}
    </Card>
  );
}
