import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { UnitDto } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { useLoad } from '../../components/use-load.ts';
import { navigate } from '../../router.ts';
import { MergeModal } from './MergeModal.tsx';
import { UnitModal } from './UnitModal.tsx';

type Dialog = { kind: 'edit'; unit?: UnitDto } | { kind: 'merge'; unit: UnitDto };

/** 责任单位: who answers for measures, how to reach them, and the other names they go by. */
export function UnitsPage() {
  const { message } = App.useApp();
  const { refresh, dataVersion } = useAppInfo();
  const units = useLoad(() => call('units:list', {}), [dataVersion]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [filter, setFilter] = useState('');
  const shown = (units.data ?? []).filter((u) => !filter || u.name.includes(filter) || u.aliases.some((a) => a.includes(filter)));

  const remove = async (u: UnitDto) => {
    try {
      await call('units:delete', { id: u.id });
      message.success(`已删除责任单位：${u.name}`);
      await refresh();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Card
      title="责任单位"
      extra={
        <Space>
          <Input.Search allowClear placeholder="按名称或别名查找" onSearch={setFilter} onChange={(e) => !e.target.value && setFilter('')} style={{ width: 200 }} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'edit' })} data-testid="new-unit">新增单位</Button>
        </Space>
      }
    >
      {units.error && <Alert type="error" showIcon title={units.error} style={{ marginBottom: 12 }} />}
      <Table<UnitDto>
        data-testid="units-table"
        size="small"
        rowKey="id"
        loading={units.loading}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个单位` }}
        scroll={{ x: 900 }}
        locale={{
          emptyText: (
            <Empty description="还没有责任单位：新增牵头单位和配合单位，或在录入措施时直接添加">
              <Button type="primary" onClick={() => setDialog({ kind: 'edit' })}>新增单位</Button>
            </Empty>
          ),
        }}
        columns={[
          {
            title: '单位名称',
            key: 'name',
            render: (_, u) => (
              <Space size={4} wrap>
                <a onClick={() => navigate(`units/${u.id}`)} data-testid="unit-link">{u.name}</a>
                {u.isSample && <Tag color="orange">示例</Tag>}
              </Space>
            ),
          },
          { title: '别名', key: 'aliases', render: (_, u) => u.aliases.map((a) => <Tag key={a}>{a}</Tag>) },
          { title: '联系人', dataIndex: 'contactPerson', width: 90 },
          { title: '联系电话', dataIndex: 'contactPhone', width: 130 },
          { title: '牵头措施', dataIndex: 'measureCount', width: 80, align: 'right' },
          { title: '配合措施', dataIndex: 'coMeasureCount', width: 80, align: 'right' },
          { title: '牵头未办结', dataIndex: 'openCount', width: 90, align: 'right' },
          {
            title: '操作',
            key: 'ops',
            width: 210,
            render: (_, u) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', unit: u })}>编辑</Button>
                <Button type="link" size="small" onClick={() => setDialog({ kind: 'merge', unit: u })}>合并到…</Button>
                <Popconfirm
                  title={`删除“${u.name}”？`}
                  description={
                    u.measureCount + u.coMeasureCount
                      ? `该单位还牵头 ${u.measureCount} 条、配合 ${u.coMeasureCount} 条措施，不能删除；重复的单位请用“合并到…”。`
                      : '删除后不可恢复。'
                  }
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() => remove(u)}
                >
                  <Button type="link" size="small" danger>删除</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {dialog?.kind === 'edit' && (
        <UnitModal
          unit={dialog.unit}
          onClose={() => setDialog(null)}
          onDone={async () => {
            message.success('已保存责任单位');
            await refresh();
          }}
        />
      )}
      {dialog?.kind === 'merge' && (
        <MergeModal
          from={dialog.unit}
          units={units.data ?? []}
          onClose={() => setDialog(null)}
          onDone={async (into) => {
            message.success(`已合并到：${into.name}`);
            await refresh();
          }}
        />
      )}
    </Card>
  );
}
