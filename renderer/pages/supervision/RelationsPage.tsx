import { useState } from 'react';
import { Button, Col, DatePicker, Form, Input, Row, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { UploadFile } from 'antd';
import type { RelationDto } from '../../../shared/contract/supervision.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { FilesField } from '../../components/FilesField.tsx';
import { useLoad } from '../../components/use-load.ts';
import { blank, byText, DeleteButton, emptyState, FileLinks, FormModal, intro, isoOf, PartySelect, RegisterCard, uploadsOf, useOrganizations } from './shared.tsx';

interface Values {
  organizationId: number;
  area: string;
  sinceDate: Dayjs;
  planTitle?: string;
  planDocNumber?: string;
  focusAreas?: string[];
  note?: string;
  files?: UploadFile[];
}

const FOCUS_SUGGESTIONS = ['扶贫政策落实', '资金使用', '脱贫效果', '群众满意度', '部门协调', '作风建设', '产业扶贫', '易地扶贫搬迁'];

function RelationModal({ relation, onClose }: { relation?: RelationDto; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { info } = useAppInfo();
  const orgs = useOrganizations();
  return (
    <FormModal<Values>
      title={relation ? '编辑对口监督关系' : '登记对口监督关系'}
      form={form}
      testId="relation-modal"
      width={660}
      initialValues={
        relation
          ? { ...relation, sinceDate: dayjs(relation.sinceDate), planTitle: relation.planTitle ?? undefined, planDocNumber: relation.planDocNumber ?? undefined, note: relation.note ?? undefined, files: [] }
          : { sinceDate: dayjs(info.today), focusAreas: [] }
      }
      onClose={onClose}
      save={async (v) => {
        await call('relations:save', {
          id: relation?.id,
          organizationId: v.organizationId,
          area: v.area ?? '',
          sinceDate: isoOf(v.sinceDate) ?? '',
          planTitle: blank(v.planTitle),
          planDocNumber: blank(v.planDocNumber),
          focusAreas: v.focusAreas ?? [],
          note: blank(v.note),
          files: await uploadsOf(v.files),
        });
      }}
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="organizationId" label="党派（监督主体）" rules={[{ required: true, message: '请选择党派' }]}>
            <PartySelect options={orgs.options} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="sinceDate" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
            <DatePicker style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="area" label="监督对象（地区或单位）" rules={[{ required: true, whitespace: true, message: '请填写监督对象' }]}>
        <Input maxLength={200} placeholder="如：青山县脱贫攻坚、县扶贫开发办公室" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={15}>
          <Form.Item name="planTitle" label="实施方案">
            <Input maxLength={200} placeholder="实施方案的标题" />
          </Form.Item>
        </Col>
        <Col span={9}>
          <Form.Item name="planDocNumber" label="文号">
            <Input maxLength={100} placeholder="如：统战〔2026〕3号" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="focusAreas" label="侧重领域" extra="可选，也可输入后回车添加">
        <Select mode="tags" options={FOCUS_SUGGESTIONS.map((f) => ({ value: f, label: f }))} />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <FilesField name="files" label="实施方案文件" />
      {relation?.files.length ? (
        <div style={{ marginTop: -8, marginBottom: 8 }}>
          已有文件：<FileLinks files={relation.files} />
        </div>
      ) : null}
    </FormModal>
  );
}

/** 对口监督: which party supervises which area or unit, since when, under which 实施方案. */
export function RelationsPage() {
  const { dataVersion } = useAppInfo();
  const list = useLoad(() => call('relations:list', {}), [dataVersion]);
  const orgs = useOrganizations();
  const [editing, setEditing] = useState<RelationDto | 'new' | null>(null);
  return (
    <RegisterCard
      title="对口监督"
      testId="relations-page"
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-relation">登记对口监督关系</Button>}
    >
      {intro('哪个党派对口监督哪个地区或单位、从何时开始、依据哪份实施方案、侧重哪些领域。实施方案文件可以作为附件保存。')}
      <Table<RelationDto>
        data-testid="relations-table"
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: emptyState('还没有对口监督关系。\n党派与地区（或单位）签订对口监督实施方案后，在这里登记：党派、监督对象、开始日期、实施方案和侧重领域。', () => setEditing('new'), '登记对口监督关系') }}
        columns={[
          { title: '党派', dataIndex: 'organizationName', width: 150, filters: orgs.list.map((o) => ({ value: o.id, text: o.name })), onFilter: (v, r) => r.organizationId === v },
          { title: '监督对象', dataIndex: 'area', width: 180, sorter: byText((r) => r.area) },
          { title: '开始日期', dataIndex: 'sinceDate', width: 105, sorter: byText((r) => r.sinceDate) },
          {
            title: '实施方案',
            key: 'plan',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>{r.planTitle ?? '—'}{r.planDocNumber ? `（${r.planDocNumber}）` : ''}</span>
                <FileLinks files={r.files} />
              </Space>
            ),
          },
          { title: '侧重领域', dataIndex: 'focusAreas', width: 220, render: (f: string[]) => f.map((x) => <Tag key={x}>{x}</Tag>) },
          {
            title: '操作',
            key: 'ops',
            width: 110,
            render: (_, r) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(r)}>编辑</Button>
                <DeleteButton what="这条对口监督关系" onDelete={() => call('relations:delete', { id: r.id })} />
              </Space>
            ),
          },
        ]}
      />
      {editing && <RelationModal relation={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </RegisterCard>
  );
}
