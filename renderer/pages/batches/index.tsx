import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Popconfirm, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { BatchDto } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { useLoad } from '../../components/use-load.ts';
import { navigate, useRoute } from '../../router.ts';
import { BatchModal } from './BatchModal.tsx';
import { BatchSatisfactionCell, useBatchGrades } from '../supervision/BatchSatisfaction.tsx';

/** 反馈批次: every feedback document received, with how far its findings have got. */
export function BatchesPage() {
  const { message } = App.useApp();
  const { info, refresh, dataVersion } = useAppInfo();
  const route = useRoute();
  const batches = useLoad(() => call('batches:list', {}), [dataVersion]);
  const orgs = useLoad(() => call('orgs:list', {}), []);
  const grades = useBatchGrades(dataVersion);
  // "#/batches?new=1" (from the first-run screen) opens the form at once.
  const [editing, setEditing] = useState<BatchDto | 'new' | null>(route.query.get('new') ? 'new' : null);

  const remove = async (b: BatchDto) => {
    try {
      await call('batches:delete', { id: b.id });
      message.success('已移入回收站，可在“回收站”中恢复');
      await refresh();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const close = () => {
    setEditing(null);
    if (route.query.get('new')) navigate('batches', {}, { replace: true });
  };

  return (
    <Card
      title="反馈批次"
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-batch">登记反馈批次</Button>}
    >
      {batches.error && <Alert type="error" showIcon title={batches.error} style={{ marginBottom: 12 }} />}
      <Table<BatchDto>
        data-testid="batches-table"
        size="small"
        rowKey="id"
        loading={batches.loading}
        dataSource={batches.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个批次` }}
        locale={{
          emptyText: (
            <Empty description="还没有反馈批次：收到党派的反馈意见后，先在这里登记（文号、收文日期、主题）">
              <Button type="primary" onClick={() => setEditing('new')}>登记反馈批次</Button>
            </Empty>
          ),
        }}
        columns={[
          { title: '监督主体', dataIndex: 'organizationName', width: 130 },
          {
            title: '主题',
            key: 'topic',
            render: (_, b) => (
              <Space size={4} wrap>
                <a onClick={() => navigate('ledger', { batch: b.id })}>{b.topic}</a>
                {b.isSample && <Tag color="orange">示例</Tag>}
              </Space>
            ),
          },
          { title: '监督领域', dataIndex: 'area', width: 120 },
          { title: '文号', dataIndex: 'docNumber', width: 150 },
          { title: '收文日期', dataIndex: 'receivedDate', width: 105 },
          { title: '监督方式', dataIndex: 'mode', width: 90 },
          { title: '问题数', dataIndex: 'findingCount', width: 70, align: 'right' },
          { title: '措施数', dataIndex: 'measureCount', width: 70, align: 'right' },
          { title: '已销号', dataIndex: 'closedCount', width: 70, align: 'right' },
          {
            title: '操作',
            key: 'ops',
            width: 200,
            render: (_, b) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => navigate('findings/new', { batch: b.id })}>新增问题</Button>
                <Button type="link" size="small" onClick={() => setEditing(b)}>编辑</Button>
                <BatchSatisfactionCell batchId={b.id} rating={grades.get(b.id)} />
                <Popconfirm
                  title="删除这个反馈批次？"
                  description={b.findingCount ? `批次下的 ${b.findingCount} 个问题及其措施、进展、佐证材料一并移入回收站，可在回收站中恢复。` : '移入回收站，可在回收站中恢复。'}
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() => remove(b)}
                >
                  <Button type="link" size="small" danger>删除</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <BatchModal
          batch={editing === 'new' ? undefined : editing}
          organizations={orgs.data ?? []}
          today={info.today}
          onClose={close}
          onDone={async (saved) => {
            message.success(editing === 'new' ? `已登记反馈批次：${saved.topic}` : '已保存');
            await refresh();
          }}
        />
      )}
    </Card>
  );
}
