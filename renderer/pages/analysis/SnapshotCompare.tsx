import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, List, Modal, Popconfirm, Select, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { SNAPSHOT_KIND_LABEL, type SnapshotDelta, type SnapshotDeltaItem, type SnapshotDto } from '../../../shared/contract/snapshots.ts';
import { chineseDate } from '../../../shared/domain/dates.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { useLoad } from '../../components/use-load.ts';
import { hrefOf } from '../../router.ts';

/**
 * 快照与较上期: save a snapshot, choose an earlier one, and see "较上期新增销号 N 项，新增逾期 M 项，
 * 仍逾期 K 项" with the measures behind each number (each opens its finding). Self-contained: it
 * loads its own data, so any page can mount it.
 */
const BUCKETS = [
  { key: 'newlyClosed', label: '新增销号', color: '#389e0d' },
  { key: 'newlyOverdue', label: '新增逾期', color: '#cf1322' },
  { key: 'stillOverdue', label: '仍逾期', color: '#a8071a' },
  { key: 'reopened', label: '回头看重新整改', color: '#d48806' },
] as const;
type BucketKey = (typeof BUCKETS)[number]['key'];

const snapshotLabel = (s: SnapshotDto) => `${chineseDate(s.takenOn)} · ${SNAPSHOT_KIND_LABEL[s.kind]}${s.note ? ` · ${s.note}` : ''}`;

function ItemList({ items, total }: { items: SnapshotDeltaItem[]; total: number }) {
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有这类措施" />;
  return (
    <>
      <List
        size="small"
        dataSource={items}
        data-testid="delta-items"
        renderItem={(i) => (
          <List.Item key={i.measureId}>
            <Space size={8} wrap style={{ width: '100%' }}>
              {i.findingId ? (
                <a href={hrefOf(`findings/${i.findingId}`)} data-testid="delta-item-link">
                  {i.findingSeq}-{i.measureSeq} {i.measureText.length > 60 ? `${i.measureText.slice(0, 60)}…` : i.measureText}
                </a>
              ) : (
                <Typography.Text type="secondary">{i.measureText}</Typography.Text>
              )}
              {i.unitName && <Typography.Text type="secondary">{i.unitName}</Typography.Text>}
              {i.overdueDays > 0 && <Tag color="red">逾期 {i.overdueDays} 天</Tag>}
              {i.closedDate && <Tag color="green">销号 {chineseDate(i.closedDate)}</Tag>}
            </Space>
          </List.Item>
        )}
      />
      {total > items.length && <Typography.Text type="secondary">共 {total} 项，此处列出前 {items.length} 项。</Typography.Text>}
    </>
  );
}

export function SnapshotCompare() {
  const { message } = App.useApp();
  const { dataVersion } = useAppInfo();
  const list = useLoad(() => call('snapshots:list', {}), [dataVersion]);
  const [fromId, setFromId] = useState<number>();
  const [toId, setToId] = useState<number | 'today'>('today');
  const [delta, setDelta] = useState<SnapshotDelta | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<BucketKey>('newlyClosed');
  const [saving, setSaving] = useState(false);
  const [noteOpen, setNoteOpen] = useState(false);
  const [note, setNote] = useState('');
  const snapshots = list.data ?? [];

  // The newest snapshot is the natural "上期" until the clerk picks another.
  useEffect(() => {
    if (fromId === undefined || !snapshots.some((s) => s.id === fromId)) setFromId(snapshots[0]?.id);
  }, [snapshots, fromId]);

  useEffect(() => {
    if (fromId === undefined) return setDelta(null);
    let live = true;
    call('snapshots:compare', { fromId, ...(toId === 'today' ? {} : { toId }) })
      .then((d) => live && (setDelta(d), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [fromId, toId, dataVersion]);

  const save = async () => {
    setSaving(true);
    try {
      const s = await call('snapshots:save', { note: note.trim() || null });
      message.success(`已保存快照（${chineseDate(s.takenOn)}，措施 ${s.measures} 项）`);
      setNoteOpen(false);
      setNote('');
      await list.reload();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  const remove = async (id: number) => {
    try {
      await call('snapshots:delete', { id });
      message.success('已删除快照');
      if (toId === id) setToId('today');
      await list.reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const from = snapshots.find((s) => s.id === fromId);
  return (
    <Card
      title="快照与较上期"
      data-testid="snapshot-compare"
      extra={
        <Button icon={<CameraOutlined />} onClick={() => setNoteOpen(true)} data-testid="snapshot-save">
          保存快照
        </Button>
      }
    >
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      {!snapshots.length && !list.loading ? (
        <Empty description="还没有快照。保存一个快照，下次即可看到与它相比新增销号、新增逾期和仍逾期的措施。" />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <span>上期快照</span>
            <Select
              style={{ width: 300 }}
              value={fromId}
              onChange={setFromId}
              options={snapshots.map((s) => ({ value: s.id, label: snapshotLabel(s) }))}
              data-testid="snapshot-from"
              aria-label="上期快照"
            />
            <span>对比到</span>
            <Select
              style={{ width: 260 }}
              value={toId}
              onChange={setToId}
              options={[
                { value: 'today' as const, label: '今天的台账' },
                ...snapshots.filter((s) => from && s.takenOn >= from.takenOn && s.id !== from.id).map((s) => ({ value: s.id, label: snapshotLabel(s) })),
              ]}
              aria-label="对比到"
            />
            {from && (
              <Popconfirm title="删除这个快照？" description="删除后不能再与它对比；操作日志会记下。" okText="删除" cancelText="取消" onConfirm={() => remove(from.id)}>
                <Button danger icon={<DeleteOutlined />} data-testid="snapshot-delete">删除快照</Button>
              </Popconfirm>
            )}
          </Space>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {delta && (
            <>
              <Typography.Paragraph strong style={{ fontSize: 15 }} data-testid="delta-sentence">
                {delta.sentence}。
                <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
                  （上期 {chineseDate(delta.from.takenOn)}，本期 {chineseDate(delta.toDate)}
                  {delta.added ? `；其间新增措施 ${delta.added} 项` : ''}）
                </Typography.Text>
              </Typography.Paragraph>
              <Space size={32} wrap style={{ marginBottom: 8 }}>
                {BUCKETS.map((b) => (
                  <a key={b.key} onClick={() => setTab(b.key)} data-testid={`delta-${b.key}`} role="button" aria-label={`${b.label} ${delta.counts[b.key]} 项，查看清单`}>
                    <Statistic title={b.label} value={delta.counts[b.key]} suffix="项" styles={{ content: { color: b.color } }} />
                  </a>
                ))}
              </Space>
              <Tabs
                activeKey={tab}
                onChange={(k) => setTab(k as BucketKey)}
                items={BUCKETS.map((b) => ({
                  key: b.key,
                  label: `${b.label}（${delta.counts[b.key]}）`,
                  children: <ItemList items={delta[b.key]} total={delta.counts[b.key]} />,
                }))}
              />
            </>
          )}
        </>
      )}
      <Modal title="保存快照" open={noteOpen} onOk={save} confirmLoading={saving} onCancel={() => setNoteOpen(false)} okText="保存" cancelText="取消" okButtonProps={{ 'data-testid': 'snapshot-save-ok' } as Record<string, string>}>
        <Typography.Paragraph type="secondary">快照记下今天每条措施的状态和预警，以后可与它对比“较上期”的变化。</Typography.Paragraph>
        <Input placeholder="说明（可不填），如：第三季度通报前" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} data-testid="snapshot-note" />
      </Modal>
    </Card>
  );
}
