import { List, Typography } from 'antd';
import type { WorkItem } from '../../../shared/contract/dashboard.ts';
import { measureNumber } from '../../../shared/domain/numbering.ts';
import { hrefOf } from '../../router.ts';

/** One measure on the 工作台: its number (the ledger's 序号, 3-2), text, unit, deadline and why it is listed; a click opens the finding. */
export function ItemLine({ item }: { item: WorkItem }) {
  return (
    <List.Item style={{ padding: '6px 0' }}>
      <a href={hrefOf(`findings/${item.findingId}`)} style={{ display: 'block', width: '100%', color: 'inherit' }} data-testid="work-item" data-measure={item.measureId}>
        <Typography.Text ellipsis style={{ display: 'block' }}>
          <Typography.Text type="secondary" style={{ marginRight: 8 }} data-testid="work-item-number">
            {measureNumber(item.findingSeq, item.measureSeq)}
          </Typography.Text>
          {item.text}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.unit}
          {item.deadline ? ` · 时限 ${item.deadline}` : item.deadlineText ? ` · ${item.deadlineText}` : ''} · <span className="work-reason">{item.reason}</span>
        </Typography.Text>
      </a>
    </List.Item>
  );
}

