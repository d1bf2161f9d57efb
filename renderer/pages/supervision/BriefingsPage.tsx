import { useState } from 'react';
import { Button, Col, DatePicker, Form, Input, Row, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { BRIEFING_KIND_LABEL, BRIEFING_KINDS, type BriefingDto, type BriefingKind } from '../../../shared/contract/supervision.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { useLoad } from '../../components/use-load.ts';
import { blank, byText, DeleteButton, emptyState, FormModal, intro, isoOf, PartySelect, RegisterCard, useOrganizations, yearOptions } from './shared.tsx';

interface Values {
  kind: BriefingKind;
  date: Dayjs;
  organizationId: number;
  title: string;
  note?: string;
}

function BriefingModal({ briefing, onClose }: { briefing?: BriefingDto; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { info } = useAppInfo();
  const orgs = useOrganizations();
  return (
    <FormModal<Values>
      title={briefing ? '编辑通报记录' : '登记通报'}
      form={form}
      testId="briefing-modal"
      initialValues={briefing ? { ...briefing, date: dayjs(briefing.date), note: briefing.note ?? undefined } : { kind: 'meeting', date: dayjs(info.today) }}
      onClose={onClose}
      save={async (v) => {
        await call('briefings:save', { id: briefing?.id, kind: v.kind, date: isoOf(v.date) ?? '', organizationId: v.organizationId, title: v.title ?? '', note: blank(v.note) });
      }}
    >
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="kind" label="方式" rules={[{ required: true, message: '请选择通报方式' }]}>
            <Select options={BRIEFING_KINDS.map((k) => ({ value: k, label: BRIEFING_KIND_LABEL[k] }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="organizationId" label="党派" rules={[{ required: true, message: '请选择党派' }]}>
            <PartySelect options={orgs.options} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="title" label="事由（标题）" rules={[{ required: true, whitespace: true, message: '请填写事由' }]}>
        <Input maxLength={200} placeholder="如：2026年上半年脱贫攻坚工作情况通报会" />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

/** 通报记录: the "定期通报" — meetings, forums, documents sent and invitations, per party. */
export function BriefingsPage() {
  const { info, dataVersion } = useAppInfo();
  const [year, setYear] = useState<number | null>(null);
  const list = useLoad(() => call('briefings:list', { year }), [dataVersion, year]);
  const orgs = useOrganizations();
  const [editing, setEditing] = useState<BriefingDto | 'new' | null>(null);
  return (
    <RegisterCard
      title="通报记录"
      testId="briefings-page"
      extra={
        <Space>
          <Select style={{ width: 120 }} allowClear placeholder="全部年度" value={year} onChange={(v) => setYear(v ?? null)} options={yearOptions(info.today)} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-briefing">登记通报</Button>
        </Space>
      }
    >
      {intro('向各民主党派定期通报情况：召开通报会、座谈会，送达文件，邀请参加会议和检查。每次登记一条，年度总结按次数统计。')}
      <Table<BriefingDto>
        data-testid="briefings-table"
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 次` }}
        locale={{ emptyText: emptyState('还没有通报记录。\n每次向党派召开通报会、座谈会，送达文件或邀请参加会议和检查，在这里登记日期、党派和事由。', () => setEditing('new'), '登记通报') }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 105, sorter: byText((b) => b.date), defaultSortOrder: 'descend' },
          {
            title: '方式',
            dataIndex: 'kind',
            width: 100,
            filters: BRIEFING_KINDS.map((k) => ({ value: k, text: BRIEFING_KIND_LABEL[k] })),
            onFilter: (v, b) => b.kind === v,
            render: (k: BriefingKind) => <Tag>{BRIEFING_KIND_LABEL[k]}</Tag>,
          },
          { title: '党派', dataIndex: 'organizationName', width: 150, filters: orgs.list.map((o) => ({ value: o.id, text: o.name })), onFilter: (v, b) => b.organizationId === v },
          { title: '事由', dataIndex: 'title' },
          { title: '备注', dataIndex: 'note', ellipsis: true, width: 200 },
          {
            title: '操作',
            key: 'ops',
            width: 110,
            render: (_, b) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(b)}>编辑</Button>
                <DeleteButton what="这条通报记录" onDelete={() => call('briefings:delete', { id: b.id })} />
              </Space>
            ),
          },
        ]}
      />
      {editing && <BriefingModal briefing={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </RegisterCard>
  );
}
