import { useState } from 'react';
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { UploadFile } from 'antd';
import { ACTIVITY_KIND_LABEL, SUPERVISION_KINDS, SUPPORT_KINDS, isSupervisionKind, type ActivityDto, type ActivityKind } from '../../../shared/contract/supervision.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { FilesField } from '../../components/FilesField.tsx';
import { useLoad } from '../../components/use-load.ts';
import { navigate } from '../../router.ts';
import { blank, byNumber, byText, DeleteButton, emptyState, FileLinks, FormModal, intro, isoOf, PartySelect, RegisterCard, summary, uploadsOf, useOrganizations, yearOptions } from './shared.tsx';

interface Values {
  kind: ActivityKind;
  date: Dayjs;
  place?: string;
  organizationId: number;
  participants: number;
  participantNames?: string;
  reportTitle?: string;
  batchId?: number;
  note?: string;
  files?: UploadFile[];
}

export const KIND_OPTIONS = [
  { label: '党派开展的监督', options: SUPERVISION_KINDS.map((k) => ({ value: k, label: ACTIVITY_KIND_LABEL[k] })) },
  { label: '统战部的配合工作', options: SUPPORT_KINDS.map((k) => ({ value: k, label: ACTIVITY_KIND_LABEL[k] })) },
];

function ActivityModal({ activity, onClose }: { activity?: ActivityDto; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { info } = useAppInfo();
  const orgs = useOrganizations();
  const batches = useLoad(() => call('batches:list', {}), []);
  return (
    <FormModal<Values>
      title={activity ? '编辑监督活动' : '登记监督活动'}
      form={form}
      testId="activity-modal"
      width={680}
      initialValues={
        activity
          ? { ...activity, date: dayjs(activity.date), place: activity.place ?? undefined, participantNames: activity.participantNames ?? undefined, reportTitle: activity.reportTitle ?? undefined, batchId: activity.batchId ?? undefined, note: activity.note ?? undefined, files: [] }
          : { kind: 'special', date: dayjs(info.today), participants: 0 }
      }
      onClose={onClose}
      save={async (v) => {
        await call('activities:save', {
          id: activity?.id,
          kind: v.kind,
          date: isoOf(v.date) ?? '',
          place: blank(v.place),
          organizationId: v.organizationId,
          participants: v.participants ?? 0,
          participantNames: blank(v.participantNames),
          reportTitle: blank(v.reportTitle),
          batchId: v.batchId ?? null,
          note: blank(v.note),
          files: await uploadsOf(v.files),
        });
      }}
    >
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="kind" label="活动类型" rules={[{ required: true, message: '请选择活动类型' }]}>
            <Select options={KIND_OPTIONS} data-testid="activity-kind" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="date" label="活动日期" rules={[{ required: true, message: '请选择活动日期' }]}>
            <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="activity-date" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="participants" label="参与人次" rules={[{ required: true, message: '请填写参与人次' }]} extra="参加这次活动的人数">
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} data-testid="activity-participants" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="organizationId" label="党派（监督主体）" rules={[{ required: true, message: '请选择党派' }]}>
            <PartySelect options={orgs.options} testId="activity-org" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="place" label="地点">
            <Input maxLength={200} placeholder="如：青山县城关镇红岩村" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="participantNames" label="参加人员">
        <Input maxLength={2000} placeholder="如：李建华、王秀英等，用顿号隔开" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="reportTitle" label="形成的报告或意见" extra="监督后提出的报告、意见建议的标题">
            <Input maxLength={200} placeholder="如：关于产业扶贫项目情况的监督报告" data-testid="activity-report" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="batchId" label="形成的反馈批次" extra="报告已作为反馈意见登记时，选它">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="（未形成反馈批次）"
              options={(batches.data ?? []).map((b) => ({ value: b.id, label: `${b.organizationName} ${b.docNumber ?? ''} ${b.topic}` }))}
              data-testid="activity-batch"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label="备注">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <FilesField name="files" label="附件（方案、照片、报告）" testId="activity-files" />
      {activity?.files.length ? (
        <div style={{ marginTop: -8, marginBottom: 8 }}>
          已有附件：<FileLinks files={activity.files} />
        </div>
      ) : null}
    </FormModal>
  );
}

/** 监督活动: what the parties did (专项监督, 视察 …) and what the 统战部 did to support them. */
export function ActivitiesPage() {
  const { info, dataVersion } = useAppInfo();
  const [year, setYear] = useState<number | null>(null);
  const [q, setQ] = useState('');
  const list = useLoad(() => call('activities:list', { year, q: q || undefined }), [dataVersion, year, q]);
  const [editing, setEditing] = useState<ActivityDto | 'new' | null>(null);
  const orgs = useOrganizations();
  const rows = list.data ?? [];
  const total = rows.filter((a) => isSupervisionKind(a.kind)).reduce((n, a) => n + a.participants, 0);

  return (
    <RegisterCard
      title="监督活动"
      testId="activities-page"
      extra={
        <Space>
          <Select style={{ width: 120 }} allowClear placeholder="全部年度" value={year} onChange={(v) => setYear(v ?? null)} options={yearOptions(info.today)} data-testid="activities-year" />
          <Input.Search allowClear placeholder="地点、人员、报告" style={{ width: 200 }} onSearch={setQ} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-activity">登记监督活动</Button>
        </Space>
      }
    >
      {intro('党派开展的专项监督、视察、调研、暗访、座谈、评议，以及我部的方案拟制、陪同调研、提供资料、邀请参加会议和检查，都在这里逐次登记；年度总结中的“组织专项监督××次、参与监督××人次、提出监督报告或意见××篇次”由此统计。')}
      {rows.length > 0 && summary(`共 ${rows.length} 次，党派监督参与 ${total} 人次`)}
      <Table<ActivityDto>
        data-testid="activities-table"
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: emptyState('还没有监督活动。\n党派每开展一次专项监督、视察、调研、暗访、座谈或评议，或我部配合拟制方案、陪同调研、提供资料、邀请参会，\n就登记一次：日期、党派、参与人次和参加人员、形成的报告或意见。', () => setEditing('new'), '登记监督活动') }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 105, sorter: byText((a) => a.date), defaultSortOrder: 'descend' },
          {
            title: '类型',
            dataIndex: 'kind',
            width: 130,
            filters: Object.entries(ACTIVITY_KIND_LABEL).map(([value, text]) => ({ value, text })),
            onFilter: (v, a) => a.kind === v,
            render: (k: ActivityKind) => <Tag color={isSupervisionKind(k) ? 'blue' : 'default'}>{ACTIVITY_KIND_LABEL[k]}</Tag>,
          },
          {
            title: '党派',
            dataIndex: 'organizationName',
            width: 140,
            filters: orgs.list.map((o) => ({ value: o.id, text: o.name })),
            onFilter: (v, a) => a.organizationId === v,
          },
          { title: '地点', dataIndex: 'place', width: 150, ellipsis: true },
          { title: '参与人次', dataIndex: 'participants', width: 90, align: 'right', sorter: byNumber((a) => a.participants) },
          { title: '参加人员', dataIndex: 'participantNames', ellipsis: true },
          {
            title: '形成的报告或意见',
            key: 'report',
            render: (_, a) => (
              <Space orientation="vertical" size={0}>
                {a.reportTitle && <span>{a.reportTitle}</span>}
                {a.batchId && a.batchLabel && <a onClick={() => navigate('ledger', { batch: a.batchId })}>反馈批次：{a.batchLabel}</a>}
                <FileLinks files={a.files} />
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'ops',
            width: 110,
            render: (_, a) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(a)}>编辑</Button>
                <DeleteButton what="这次监督活动" onDelete={() => call('activities:delete', { id: a.id })} />
              </Space>
            ),
          },
        ]}
      />
      {editing && <ActivityModal activity={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </RegisterCard>
  );
}
