import { useState } from 'react';
import dayjs from 'dayjs';
import { Alert, Button, Card, Select, Space, Table, Typography } from 'antd';
import type { AuditEntryDto } from '../../../shared/contract/index.ts';
import { ENTITY_LABEL } from '../../../shared/domain/vocabulary.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { useLoad } from '../../components/use-load.ts';

/** The record as the core stored it, for support: shown only when asked (「详细」). */
function RawRecord({ entry }: { entry: AuditEntryDto }) {
  const json = (v: unknown) => (v === null || v === undefined ? '（无）' : JSON.stringify(v, null, 2));
  const box = { margin: 0, maxHeight: 240, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }} data-testid="audit-raw">
      <div><Typography.Text strong>修改前（原始记录）</Typography.Text><pre style={box}>{json(entry.before)}</pre></div>
      <div><Typography.Text strong>修改后（原始记录）</Typography.Text><pre style={box}>{json(entry.after)}</pre></div>
    </div>
  );
}

/** 操作日志: who did what, on which item, and what changed, in words. */
export function AuditPage() {
  const { dataVersion } = useAppInfo();
  const [entity, setEntity] = useState<string>();
  const [open, setOpen] = useState<number[]>([]);
  const audit = useLoad(() => call('audit:list', { entity, limit: 500 }), [entity, dataVersion]);
  const toggle = (id: number) => setOpen((o) => (o.includes(id) ? o.filter((x) => x !== id) : [...o, id]));

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
        expandable={{ expandedRowKeys: open, showExpandColumn: false, expandedRowRender: (e) => <RawRecord entry={e} /> }}
        columns={[
          { title: '时间', key: 'at', width: 170, render: (_, e) => <span style={{ whiteSpace: 'nowrap' }}>{dayjs(e.at).format('YYYY年M月D日 HH:mm')}</span> },
          { title: '操作人', dataIndex: 'operator', width: 80 },
          { title: '操作', key: 'action', width: 130, render: (_, e) => e.words.action },
          { title: '对象', key: 'object', width: 260, render: (_, e) => <span data-testid="audit-object">{e.words.object}</span> },
          {
            title: '变化',
            key: 'changes',
            render: (_, e) => (
              <div data-testid="audit-changes">
                {e.words.changes.map((c, i) => <div key={i} style={{ wordBreak: 'break-all' }}>{c}</div>)}
              </div>
            ),
          },
          {
            title: '',
            key: 'raw',
            width: 64,
            render: (_, e) => (
              <Button type="link" size="small" onClick={() => toggle(e.id)}>{open.includes(e.id) ? '收起' : '详细'}</Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
