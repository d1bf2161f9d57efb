import { useState } from 'react';
import dayjs from 'dayjs';
import { Alert, App, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, UndoOutlined } from '@ant-design/icons';
import { countsText, RECYCLE_ENTITY_LABEL, type RecycleEntity, type RecycleEntryDto } from '../../../shared/contract/recycle.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { useLoad } from '../../components/use-load.ts';
import { navigate } from '../../router.ts';
import { SUPERVISION_COLOR } from '../supervision/recycle-colors.ts';

const ENTITY_COLOR: Record<RecycleEntity, string> = { batch: 'red', finding: 'orange', measure: 'blue', progress: 'cyan', evidence: 'purple', ...SUPERVISION_COLOR };

/** "2026年6月15日 14:05": the clerk's way of writing a moment. */
const chineseMoment = (iso: string) => dayjs(iso).format('YYYY年M月D日 HH:mm');

/** 回收站: what was deleted, to put back exactly or remove for good. */
export function RecyclePage() {
  const { message, modal } = App.useApp();
  const { refresh, dataVersion } = useAppInfo();
  const entries = useLoad(() => call('recycle:list', {}), [dataVersion]);
  const [busy, setBusy] = useState<number | 'all' | null>(null);

  const run = async (key: number | 'all', action: () => Promise<void>) => {
    setBusy(key);
    try {
      await action();
      await refresh();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const restore = (e: RecycleEntryDto) =>
    run(e.id, async () => {
      const r = await call('recycle:restore', { id: e.id });
      const target = r.findingId ? () => navigate(`findings/${r.findingId}`) : r.batchId ? () => navigate('ledger', { batch: r.batchId }) : null;
      message.success(
        <span data-testid="restored-message">
          已恢复：{r.label}
          {target && <a style={{ marginLeft: 8 }} onClick={target}>查看</a>}
        </span>,
      );
      if (r.missingFiles.length) message.warning(`以下佐证材料文件在数据文件夹中找不到，记录已恢复但文件需重新添加：${r.missingFiles.join('、')}`, 8);
    });

  const purge = (e: RecycleEntryDto) =>
    modal.confirm({
      title: '彻底删除这一项？',
      content: `“${e.label}”${e.counts.findings + e.counts.measures + e.counts.progress + e.counts.evidence > 1 ? `（包含 ${countsText(e.counts)}）` : ''}将被永久删除，不能再恢复。`,
      okText: '彻底删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        run(e.id, async () => {
          await call('recycle:purge', { id: e.id });
          message.success('已彻底删除');
        }),
    });

  const emptyAll = () =>
    modal.confirm({
      title: '清空回收站？',
      content: `回收站中的 ${entries.data?.length ?? 0} 项将全部永久删除，不能再恢复。`,
      okText: '清空',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        run('all', async () => {
          const { purged } = await call('recycle:empty', {});
          message.success(`已清空回收站（${purged} 项）`);
        }),
    });

  return (
    <Card
      title="回收站"
      extra={
        <Button danger icon={<DeleteOutlined />} disabled={!entries.data?.length} loading={busy === 'all'} onClick={emptyAll} data-testid="recycle-empty">
          清空回收站
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        删除的反馈批次、问题、措施、进展和佐证材料先放在这里，可以原样恢复；彻底删除后就不能再找回。
      </Typography.Paragraph>
      {entries.error && <Alert type="error" showIcon title={entries.error} style={{ marginBottom: 12 }} />}
      <Table<RecycleEntryDto>
        data-testid="recycle-table"
        size="small"
        rowKey="id"
        loading={entries.loading}
        dataSource={entries.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 项` }}
        locale={{ emptyText: <Empty description="回收站是空的：删除的内容会先放在这里" /> }}
        columns={[
          { title: '类型', key: 'entity', width: 90, render: (_, e) => <Tag color={ENTITY_COLOR[e.entity]}>{RECYCLE_ENTITY_LABEL[e.entity]}</Tag> },
          {
            title: '内容',
            key: 'label',
            render: (_, e) => (
              <Space orientation="vertical" size={0}>
                <span>{e.label}</span>
                {e.parentLabel && <Typography.Text type="secondary" style={{ fontSize: 12 }}>原属：{e.parentLabel}</Typography.Text>}
              </Space>
            ),
          },
          { title: '删除时间', key: 'at', width: 170, render: (_, e) => chineseMoment(e.deletedAt) },
          { title: '删除人', dataIndex: 'deletedBy', width: 80 },
          { title: '包含', key: 'counts', width: 190, render: (_, e) => countsText(e.counts) },
          {
            title: '操作',
            key: 'ops',
            width: 150,
            render: (_, e) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<UndoOutlined />} loading={busy === e.id} onClick={() => void restore(e)}>恢复</Button>
                <Button type="link" size="small" danger onClick={() => purge(e)}>彻底删除</Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
