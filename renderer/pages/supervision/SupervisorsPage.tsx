import { useState } from 'react';
import { App, Button, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  SUPERVISOR_KIND_LABEL, SUPERVISOR_KINDS, SUPERVISOR_STATUS_LABEL, SUPERVISOR_STATUSES,
  type SupervisorDetailDto, type SupervisorDto, type SupervisorKind, type SupervisorStatus,
} from '../../../shared/contract/supervision.ts';
import { call, saveFile } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { useLoad } from '../../components/use-load.ts';
import { blank, byText, DeleteButton, emptyState, FormModal, intro, isoOf, PartySelect, RegisterCard, summary, useOrganizations } from './shared.tsx';

interface Values {
  kind: SupervisorKind;
  name: string;
  organizationId: number;
  workUnit?: string;
  appointedDate: Dayjs;
  termYears?: number | null;
  termEnd?: Dayjs | null;
  phone?: string;
  status: SupervisorStatus;
  leftDate?: Dayjs | null;
  note?: string;
}

const STATUS_COLOR: Record<SupervisorStatus, string> = { serving: 'green', expired: 'default', dismissed: 'red' };

function SupervisorModal({ supervisor, onClose }: { supervisor?: SupervisorDetailDto; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { info } = useAppInfo();
  const orgs = useOrganizations();
  const status = Form.useWatch('status', form);
  return (
    <FormModal<Values>
      title={supervisor ? '编辑监督员' : '聘任监督员'}
      form={form}
      testId="supervisor-modal"
      initialValues={
        supervisor
          ? {
              ...supervisor,
              workUnit: supervisor.workUnit ?? undefined,
              phone: supervisor.phone ?? undefined,
              note: supervisor.note ?? undefined,
              appointedDate: dayjs(supervisor.appointedDate),
              termEnd: supervisor.termYears ? null : supervisor.termEnd ? dayjs(supervisor.termEnd) : null,
              leftDate: supervisor.leftDate ? dayjs(supervisor.leftDate) : null,
            }
          : { kind: 'supervisor', status: 'serving', appointedDate: dayjs(info.today), termYears: 5 }
      }
      onClose={onClose}
      save={async (v) => {
        await call('supervisors:save', {
          id: supervisor?.id,
          kind: v.kind,
          name: v.name ?? '',
          organizationId: v.organizationId,
          workUnit: blank(v.workUnit),
          appointedDate: isoOf(v.appointedDate) ?? '',
          termYears: v.termYears ?? null,
          termEnd: isoOf(v.termEnd),
          phone: blank(v.phone),
          status: v.status,
          leftDate: isoOf(v.leftDate),
          note: blank(v.note),
        });
      }}
    >
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={SUPERVISOR_KINDS.map((k) => ({ value: k, label: SUPERVISOR_KIND_LABEL[k] }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input maxLength={50} data-testid="supervisor-name" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="status" label="状态" rules={[{ required: true, message: '请选择状态' }]}>
            <Select options={SUPERVISOR_STATUSES.map((s) => ({ value: s, label: SUPERVISOR_STATUS_LABEL[s] }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="organizationId" label="党派（推荐单位）" rules={[{ required: true, message: '请选择党派' }]}>
            <PartySelect options={orgs.options} testId="supervisor-org" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="workUnit" label="工作单位">
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="appointedDate" label="聘任日期" rules={[{ required: true, message: '请选择聘任日期' }]}>
            <DatePicker style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="termYears" label="任期（年）" extra="填年数，或右边填届满日期">
            <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="termEnd" label="任期届满日期">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="phone" label="联系电话" extra="个人信息：只在详情中显示，导出时默认不含">
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col span={12}>
          {status === 'dismissed' && (
            <Form.Item name="leftDate" label="解聘日期" rules={[{ required: true, message: '请选择解聘日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          )}
        </Col>
      </Row>
      <Form.Item name="note" label="备注">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

function DetailModal({ id, onClose, onEdit }: { id: number; onClose: () => void; onEdit: (s: SupervisorDetailDto) => void }) {
  const detail = useLoad(() => call('supervisors:get', { id }), [id]);
  const s = detail.data;
  return (
    <Modal open title="监督员详情" onCancel={onClose} footer={[<Button key="edit" onClick={() => s && onEdit(s)}>编辑</Button>, <Button key="close" type="primary" onClick={onClose}>关闭</Button>]}>
      {s && (
        <Descriptions column={1} size="small" bordered data-testid="supervisor-detail">
          <Descriptions.Item label="姓名">{s.name}</Descriptions.Item>
          <Descriptions.Item label="类别">{SUPERVISOR_KIND_LABEL[s.kind]}</Descriptions.Item>
          <Descriptions.Item label="党派">{s.organizationName}</Descriptions.Item>
          <Descriptions.Item label="工作单位">{s.workUnit ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="聘任日期">{s.appointedDate}</Descriptions.Item>
          <Descriptions.Item label="任期">{s.termYears ? `${s.termYears} 年` : ''}{s.termEnd ? `（至 ${s.termEnd}）` : ''}</Descriptions.Item>
          <Descriptions.Item label="状态">{SUPERVISOR_STATUS_LABEL[s.status]}{s.leftDate ? `（${s.leftDate} 解聘）` : ''}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{s.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="备注">{s.note ?? '—'}</Descriptions.Item>
        </Descriptions>
      )}
    </Modal>
  );
}

/** 特邀监督员 / 扶贫调查员: the people appointed, as contacts and as a count in reports. */
export function SupervisorsPage() {
  const { message } = App.useApp();
  const { dataVersion } = useAppInfo();
  const [q, setQ] = useState('');
  const list = useLoad(() => call('supervisors:list', { q: q || undefined }), [dataVersion, q]);
  const orgs = useOrganizations();
  const [editing, setEditing] = useState<SupervisorDetailDto | 'new' | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const [withContact, setWithContact] = useState(false);
  const rows = list.data ?? [];
  const serving = rows.filter((s) => s.status === 'serving').length;

  const edit = async (s: SupervisorDto) => {
    try {
      setEditing(await call('supervisors:get', { id: s.id }));
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const exportList = async () => {
    try {
      await saveFile(await call('supervisors:export', { includeContact: withContact }));
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <RegisterCard
      title="特邀监督员 / 扶贫调查员"
      testId="supervisors-page"
      extra={
        <Space>
          <Input.Search allowClear placeholder="姓名、单位" style={{ width: 180 }} onSearch={setQ} />
          <Checkbox checked={withContact} onChange={(e) => setWithContact(e.target.checked)} data-testid="export-contact">包含联系方式</Checkbox>
          <Button icon={<DownloadOutlined />} onClick={exportList} disabled={!rows.length} data-testid="export-supervisors">导出名册</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-supervisor">聘任监督员</Button>
        </Space>
      }
    >
      {intro('党派推荐、我部聘任的特邀监督员和扶贫调查员。年度总结中的“聘任特邀监督员、扶贫调查员××名”按当年在任过的人数统计。联系电话只在“详情”中显示，导出名册时勾选“包含联系方式”才会带上。')}
      {rows.length > 0 && summary(`共 ${rows.length} 名，在任 ${serving} 名`)}
      <Table<SupervisorDto>
        data-testid="supervisors-table"
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: emptyState('还没有监督员。\n聘任特邀监督员或扶贫调查员后在这里登记：姓名、党派、工作单位、聘任日期和任期、联系电话。', () => setEditing('new'), '聘任监督员') }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100, sorter: byText((s) => s.name), render: (n: string, s) => <a onClick={() => setViewing(s.id)}>{n}</a> },
          {
            title: '类别',
            dataIndex: 'kind',
            width: 110,
            filters: SUPERVISOR_KINDS.map((k) => ({ value: k, text: SUPERVISOR_KIND_LABEL[k] })),
            onFilter: (v, s) => s.kind === v,
            render: (k: SupervisorKind) => SUPERVISOR_KIND_LABEL[k],
          },
          { title: '党派', dataIndex: 'organizationName', width: 150, filters: orgs.list.map((o) => ({ value: o.id, text: o.name })), onFilter: (v, s) => s.organizationId === v },
          { title: '工作单位', dataIndex: 'workUnit', ellipsis: true },
          { title: '聘任日期', dataIndex: 'appointedDate', width: 105, sorter: byText((s) => s.appointedDate) },
          { title: '任期届满', dataIndex: 'termEnd', width: 105, sorter: byText((s) => s.termEnd) },
          {
            title: '状态',
            dataIndex: 'status',
            width: 80,
            filters: SUPERVISOR_STATUSES.map((s) => ({ value: s, text: SUPERVISOR_STATUS_LABEL[s] })),
            onFilter: (v, s) => s.status === v,
            render: (s: SupervisorStatus) => <Tag color={STATUS_COLOR[s]}>{SUPERVISOR_STATUS_LABEL[s]}</Tag>,
          },
          {
            title: '操作',
            key: 'ops',
            width: 150,
            render: (_, s) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setViewing(s.id)}>详情</Button>
                <Button type="link" size="small" onClick={() => edit(s)}>编辑</Button>
                <DeleteButton what={`监督员“${s.name}”`} onDelete={() => call('supervisors:delete', { id: s.id })} />
              </Space>
            ),
          },
        ]}
      />
      {viewing !== null && <DetailModal id={viewing} onClose={() => setViewing(null)} onEdit={(s) => (setViewing(null), setEditing(s))} />}
      {editing && <SupervisorModal supervisor={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </RegisterCard>
  );
}
