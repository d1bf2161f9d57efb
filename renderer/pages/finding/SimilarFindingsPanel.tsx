import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import type { FindingSimilarity, SimilarFinding } from '../../../shared/contract/similar.ts';
import { chineseDate } from '../../../shared/domain/dates.ts';
import { call } from '../../api.ts';
import { errorText } from '../../components/errors.ts';
import { StatusTag } from '../../components/labels.tsx';
import { useLoad } from '../../components/use-load.ts';
import { hrefOf } from '../../router.ts';

/**
 * 与以往反馈相似: findings of earlier batches that read nearly the same as this one (屡改屡犯),
 * each confirmable as 再次反馈; confirmed links both ways.
 */

const percent = (s: number) => `${Math.round(s * 100)}%`;

/** One earlier finding: where and when it was fed back, its text (a link to it) and how alike. */
export function SimilarItem({ item, actions }: { item: SimilarFinding; actions?: ReactNode[] }) {
  return (
    <div
      style={{ display: 'flex', alignItems: 'center', gap: 16, padding: '8px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
      data-testid="similar-item"
      data-finding-id={item.findingId}
    >
      <div style={{ flex: 1, minWidth: 0 }}>
        <Space wrap size={[8, 0]}>
          <Typography.Link strong href={hrefOf(`findings/${item.findingId}`)} data-testid="similar-link">
            {item.seq}. {item.text.length > 60 ? `${item.text.slice(0, 58)}…` : item.text}
          </Typography.Link>
          <Tag color="orange" title="文字相似度（字符二元组加权）">相似度 {percent(item.similarity)}</Tag>
          <StatusTag status={item.status} />
        </Space>
        <div>
          <Typography.Text type="secondary">{`${item.batchLabel}｜${chineseDate(item.receivedDate)}收文`}</Typography.Text>
        </div>
      </div>
      {actions && <Space>{actions}</Space>}
    </div>
  );
}

/** A list of earlier findings, each with its own actions. */
export function SimilarList<T extends SimilarFinding>({ items, actions }: { items: T[]; actions?: (item: T) => ReactNode[] }) {
  return (
    <div>
      {items.map((item) => (
        <SimilarItem key={item.findingId} item={item} actions={actions?.(item)} />
      ))}
    </div>
  );
}

export function SimilarFindingsPanel({ findingId, textKey }: { findingId: number; textKey: string }) {
  const { message } = App.useApp();
  const [version, setVersion] = useState(0);
  const loaded = useLoad(() => call('similar:of-finding', { findingId }), [findingId, textKey, version]);
  const data: FindingSimilarity | undefined = loaded.data;
  const act = async (channel: 'similar:confirm' | 'similar:unconfirm', earlierFindingId: number, done: string) => {
    try {
      await call(channel, { findingId, earlierFindingId });
      message.success(done);
      setVersion((v) => v + 1);
    } catch (err) {
      message.error(errorText(err));
    }
  };
  if (!data || (!data.suggestions.length && !data.repeats.length && !data.repeatedBy.length)) return null;

  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <Space>
          <HistoryOutlined />
          <span>与以往反馈相似</span>
          {data.repeats.length > 0 && <Tag color="red" data-testid="repeat-tag">再次反馈</Tag>}
        </Space>
      }
      data-testid="similar-panel"
    >
      {data.repeats.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={`本问题已确认为再次反馈：以往批次反馈过 ${data.repeats.length} 个基本相同的问题（屡改屡犯），整改时请对照以往的整改情况。`}
        />
      )}
      {data.repeats.length > 0 && (
        <SimilarList
          items={data.repeats}
          actions={(r) => [
                <Popconfirm key="undo" title="取消“再次反馈”关联？" okText="取消关联" cancelText="保留" onConfirm={() => act('similar:unconfirm', r.findingId, '已取消再次反馈关联')}>
                  <Button size="small" type="link">取消关联</Button>
                </Popconfirm>,
          ]}
        />
      )}
      {data.suggestions.length > 0 && (
        <>
          <Typography.Text type="secondary">
            以下以往批次的问题与本问题表述相近，如属同一问题再次被反馈，请确认为“再次反馈”（台账可按“再次反馈”筛选）：
          </Typography.Text>
          <SimilarList
            items={data.suggestions}
            actions={(s) => [
                  <Button key="confirm" size="small" onClick={() => void act('similar:confirm', s.findingId, '已确认为再次反馈')} data-testid="confirm-repeat">
                    确认为再次反馈
                  </Button>,
            ]}
          />
        </>
      )}
      {data.repeatedBy.length > 0 && (
        <>
          <Typography.Text type="secondary">后续批次再次反馈了本问题：</Typography.Text>
          <SimilarList items={data.repeatedBy} />
        </>
      )}
    </Card>
  );
}
