import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Popconfirm, Row, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { OrganizationDto } from '../../../shared/contract/index.ts';
import { ORG_LEVELS, PARTIES } from '../../../shared/domain/vocabulary.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { useLoad } from '../../components/use-load.ts';
import { useSubmit } from '../../components/use-submit.ts';

interface OrgValues {
  name?: string;
  party?: string;
  level?: string;
}

function OrgModal({ org, onClose, onDone }: { org?: OrganizationDto; onClose: () => void; onDone: () => Promise<void> }) {
  const [form] = Form.useForm<OrgValues>();
  const { saving, error, submit } = useSubmit(async (v: OrgValues) => {
    await call('orgs:save', { id: org?.id, name: v.name ?? '', party: v.party ?? '', level: v.level ?? '' });
    await onDone();
  }, onClose);
  return (
    <Modal open title={org ? '编辑监督主体' : '新增监督主体'} okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form<OrgValues> form={form} layout="vertical" onFinish={submit} initialValues={org ?? {}}>
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写监督主体名称' }]}>
          <Input maxLength={100} placeholder="如：民革四川省委" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="party" label="党派" rules={[{ required: true, message: '请选择党派' }]}>
              <Select options={PARTIES.map((p) => ({ value: p, label: p }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="level" label="层级" rules={[{ required: true, message: '请选择层级' }]}>
              <Select options={ORG_LEVELS.map((l) => ({ value: l, label: l }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

/** 监督主体: the parties (at their level) that send feedback. Seeded; the office adds its own. */
export function OrganizationsPage() {
  const { message } = App.useApp();
  const { dataVersion } = useAppInfo();
  const orgs = useLoad(() => call('orgs:list', {}), [dataVersion]);
  const [editing, setEditing] = useState<OrganizationDto | 'new' | null>(null);

  const remove = async (o: OrganizationDto) => {
    try {
      await call('orgs:delete', { id: o.id });
      message.success(`已删除：${o.name}`);
      await orgs.reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Card title="监督主体" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新增监督主体</Button>}>
      {orgs.error && <Alert type="error" showIcon title={orgs.error} style={{ marginBottom: 12 }} />}
      <Table<OrganizationDto>
        data-testid="orgs-table"
        size="small"
        rowKey="id"
        loading={orgs.loading}
        dataSource={orgs.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '党派', dataIndex: 'party', width: 120 },
          { title: '层级', dataIndex: 'level', width: 90 },
          { title: '反馈批次', dataIndex: 'batchCount', width: 90, align: 'right' },
          {
            title: '操作',
            key: 'ops',
            width: 130,
            render: (_, o) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(o)}>编辑</Button>
                <Popconfirm
                  title={`删除“${o.name}”？`}
                  description={o.batchCount ? `已有 ${o.batchCount} 个反馈批次属于它，无法删除。` : '删除后不可恢复。'}
                  okText="删除"
                  cancelText="取消"
                  okButtonProps={{ disabled: o.batchCount > 0 }}
                  onConfirm={() => remove(o)}
                >
                  <Button type="link" size="small" danger>删除</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <OrgModal
          org={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onDone={async () => {
            message.success('已保存');
            await orgs.reload();
          }}
        />
      )}
    </Card>
  );
}
