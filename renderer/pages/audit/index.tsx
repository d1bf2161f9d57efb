import { useState } from 'react';
import dayjs from 'dayjs';
import { Alert, Card, Select, Space, Table, Typography } from 'antd';
import type { AuditEntryDto } from '../../../shared/contract/index.ts';
import { ENTITY_LABEL } from '../../../shared/domain/vocabulary.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { useLoad } from '../../components/use-load.ts';
import { Snapshot } from './snapshot.tsx';

/** The core's audit action codes, in the clerk's words. */
const ACTION_LABEL: Record<string, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  recycle: '移入回收站',
  restore: '从回收站恢复',
  purge: '彻底删除',
  merge: '合并单位',
  transition: '销号流程',
  progress: '记录进展',
  evidence: '添加佐证材料',
  notice: '督办通知',
  sample: '示例数据',
  seed: '生成演示数据',
};

/** 操作日志: who changed what and when, with the record before and after. */
export function AuditPage() {
  const { dataVersion } = useAppInfo();
  const [entity, setEntity] = useState<string>();
  const audit = useLoad(() => call('audit:list', { entity, limit: 500 }), [entity, dataVersion]);

  return (
    <Card
      title="操作日志"
      extra={
        <Space>
          <Select
            allowClear
            placeholder="全部对象"
            style={{ width: 140 }}
            value={entity}
            onChange={setEntity}
            options={Object.entries(ENTITY_LABEL).map(([value, label]) => ({ value, label }))}
          />
        </Space>
      }
    >
      {audit.error && <Alert type="error" showIcon title={audit.error} style={{ marginBottom: 12 }} />}
      <Table<AuditEntryDto>
        data-testid="audit-table"
        size="small"
        rowKey="id"
        loading={audit.loading}
        dataSource={audit.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `最近 ${t} 条` }}
        locale={{ emptyText: '还没有操作记录' }}
        expandable={{
          expandedRowRender: (e) => (
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
              <div><Typography.Text strong>修改前</Typography.Text><Snapshot value={e.before} /></div>
              <div><Typography.Text strong>修改后</Typography.Text><Snapshot value={e.after} /></div>
            </div>
          ),
        }}
        columns={[
          { title: '时间', key: 'at', width: 170, render: (_, e) => dayjs(e.at).format('YYYY-MM-DD HH:mm:ss') },
          { title: '操作人', dataIndex: 'operator', width: 100 },
          { title: '操作', key: 'action', width: 110, render: (_, e) => ACTION_LABEL[e.action] ?? e.action },
          { title: '对象', key: 'entity', width: 110, render: (_, e) => ENTITY_LABEL[e.entity] ?? e.entity },
          { title: '编号', dataIndex: 'entityId', width: 80 },
        ]}
      />
    </Card>
  );
}
