import { useState } from 'react';
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { WINDOW_LEVEL_LABEL, WINDOW_LEVELS, type WindowDto, type WindowLevel } from '../../../shared/contract/supervision.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { useLoad } from '../../components/use-load.ts';
import { blank, byNumber, byText, DeleteButton, emptyState, FormModal, intro, isoOf, PartySelect, RegisterCard, summary, useOrganizations } from './shared.tsx';

interface Values {
  level: WindowLevel;
  place: string;
  organizationId: number;
  households: number;
  establishedDate: Dayjs;
  reports?: string;
  note?: string;
}

function WindowModal({ window: w, onClose }: { window?: WindowDto; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { info } = useAppInfo();
  const orgs = useOrganizations();
  return (
    <FormModal<Values>
      title={w ? '编辑观察窗口' : '设立观察窗口'}
      form={form}
      testId="window-modal"
      initialValues={w ? { ...w, establishedDate: dayjs(w.establishedDate), reports: w.reports ?? undefined, note: w.note ?? undefined } : { level: 'village', households: 0, establishedDate: dayjs(info.today) }}
      onClose={onClose}
      save={async (v) => {
        await call('windows:save', {
          id: w?.id,
          level: v.level,
          place: v.place ?? '',
          organizationId: v.organizationId,
          households: v.households ?? 0,
          establishedDate: isoOf(v.establishedDate) ?? '',
          reports: blank(v.reports),
          note: blank(v.note),
        });
      }}
    >
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="level" label="层级" rules={[{ required: true, message: '请选择层级' }]}>
            <Select options={WINDOW_LEVELS.map((l) => ({ value: l, label: WINDOW_LEVEL_LABEL[l] }))} data-testid="window-level" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="place" label="所在地" rules={[{ required: true, whitespace: true, message: '请填写所在地' }]}>
            <Input maxLength={200} placeholder="如：青山县城关镇红岩村" data-testid="window-place" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="organizationId" label="党派（监督主体）" rules={[{ required: true, message: '请选择党派' }]}>
            <PartySelect options={orgs.options} testId="window-org" />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="households" label="观察户数" rules={[{ required: true, message: '请填写观察户数' }]}>
            <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} data-testid="window-households" />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="establishedDate" label="设立日期" rules={[{ required: true, message: '请选择设立日期' }]}>
            <DatePicker style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="reports" label="反映情况" extra="窗口报来的情况，每次一段，写上日期">
        <Input.TextArea rows={4} maxLength={8000} placeholder="如：2026年5月：观察户反映产业项目分红未按时发放。" />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

/** 观察窗口: the county, township and village points where parties watch households over time. */
export function WindowsPage() {
  const { dataVersion } = useAppInfo();
  const [q, setQ] = useState('');
  const list = useLoad(() => call('windows:list', { q: q || undefined }), [dataVersion, q]);
  const orgs = useOrganizations();
  const [editing, setEditing] = useState<WindowDto | 'new' | null>(null);
  const rows = list.data ?? [];
  const households = rows.reduce((n, w) => n + w.households, 0);
  return (
    <RegisterCard
      title="观察窗口"
      testId="windows-page"
      extra={
        <Space>
          <Input.Search allowClear placeholder="所在地、反映情况" style={{ width: 200 }} onSearch={setQ} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-window">设立观察窗口</Button>
        </Space>
      }
    >
      {intro('党派在县、乡镇、村设立的民主监督观察窗口，固定观察一批贫困户。年度总结中的“县级观察窗口×个、乡镇级×个、村级×个，观察贫困户×个”由此统计。')}
      {rows.length > 0 && summary(`共 ${rows.length} 个窗口，观察 ${households} 户`)}
      <Table<WindowDto>
        data-testid="windows-table"
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: emptyState('还没有观察窗口。\n党派设立观察窗口后在这里登记：层级（县/乡镇/村）、所在地、观察户数、设立日期，以及窗口反映的情况。', () => setEditing('new'), '设立观察窗口') }}
        columns={[
          {
            title: '层级',
            dataIndex: 'level',
            width: 80,
            filters: WINDOW_LEVELS.map((l) => ({ value: l, text: WINDOW_LEVEL_LABEL[l] })),
            onFilter: (v, w) => w.level === v,
            render: (l: WindowLevel) => WINDOW_LEVEL_LABEL[l],
            sorter: (a, b) => WINDOW_LEVELS.indexOf(a.level) - WINDOW_LEVELS.indexOf(b.level),
          },
          { title: '所在地', dataIndex: 'place', width: 200, sorter: byText((w) => w.place) },
          { title: '党派', dataIndex: 'organizationName', width: 150, filters: orgs.list.map((o) => ({ value: o.id, text: o.name })), onFilter: (v, w) => w.organizationId === v },
          { title: '观察户数', dataIndex: 'households', width: 90, align: 'right', sorter: byNumber((w) => w.households) },
          { title: '设立日期', dataIndex: 'establishedDate', width: 105, sorter: byText((w) => w.establishedDate) },
          { title: '反映情况', dataIndex: 'reports', ellipsis: true },
          {
            title: '操作',
            key: 'ops',
            width: 110,
            render: (_, w) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(w)}>编辑</Button>
                <DeleteButton what={`观察窗口“${w.place}”`} onDelete={() => call('windows:delete', { id: w.id })} />
              </Space>
            ),
          },
        ]}
      />
      {editing && <WindowModal window={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </RegisterCard>
  );
}
