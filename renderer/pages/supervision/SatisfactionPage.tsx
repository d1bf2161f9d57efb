import { useState } from 'react';
import { Button, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Table, Tag, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { SATISFACTION_GRADES, SATISFACTION_LABEL, type SatisfactionDto, type SatisfactionGrade } from '../../../shared/contract/supervision.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { useLoad } from '../../components/use-load.ts';
import { blank, byText, DeleteButton, emptyState, FormModal, intro, isoOf, RegisterCard, yearOptions } from './shared.tsx';

interface Values {
  batchId: number;
  findingId?: number | null;
  grade: SatisfactionGrade;
  date: Dayjs;
  note?: string;
}

export const GRADE_COLOR: Record<SatisfactionGrade, string> = { satisfied: 'green', basically: 'gold', unsatisfied: 'red' };

/** Record (or replace) the party's grade of a batch, or of one of its findings. */
export function SatisfactionModal({ batchId, rating, onClose }: { batchId?: number; rating?: SatisfactionDto; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { info } = useAppInfo();
  const batches = useLoad(() => call('batches:list', {}), []);
  const chosen = Form.useWatch('batchId', form) ?? rating?.batchId ?? batchId;
  const findings = useLoad(
    async () => {
      if (!chosen) return [];
      const page = await call('ledger:query', { filter: { batchId: chosen }, pageSize: 500 });
      const seen = new Map<number, string>();
      for (const r of page.rows) if (!seen.has(r.findingId)) seen.set(r.findingId, `${r.findingSeq}. ${r.findingText.slice(0, 40)}`);
      return [...seen].map(([value, label]) => ({ value, label }));
    },
    [chosen],
  );
  return (
    <FormModal<Values>
      title={rating ? '修改满意度评价' : '登记满意度评价'}
      form={form}
      testId="satisfaction-modal"
      initialValues={
        rating
          ? { batchId: rating.batchId, findingId: rating.findingId, grade: rating.grade, date: dayjs(rating.date), note: rating.note ?? undefined }
          : { batchId, grade: 'satisfied', date: dayjs(info.today), findingId: null }
      }
      onClose={onClose}
      save={async (v) => {
        await call('satisfaction:save', { batchId: v.batchId, findingId: v.findingId ?? null, grade: v.grade, date: isoOf(v.date) ?? '', note: blank(v.note) });
      }}
    >
      <Form.Item name="batchId" label="反馈批次" rules={[{ required: true, message: '请选择反馈批次' }]}>
        <Select
          disabled={!!rating || !!batchId}
          showSearch={{ optionFilterProp: 'label' }}
          options={(batches.data ?? []).map((b) => ({ value: b.id, label: `${b.organizationName} ${b.docNumber ?? ''} ${b.topic}` }))}
          data-testid="satisfaction-batch"
        />
      </Form.Item>
      <Form.Item name="findingId" label="评价对象" extra="党派对整批反馈的总体评价，或对其中某个问题的逐项评价">
        <Select
          disabled={!!rating}
          allowClear
          placeholder="整个批次（总体评价）"
          options={findings.data ?? []}
          data-testid="satisfaction-finding"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item name="grade" label="满意度" rules={[{ required: true, message: '请选择满意度' }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={SATISFACTION_GRADES.map((g) => ({ value: g, label: SATISFACTION_LABEL[g] }))} data-testid="satisfaction-grade" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="date" label="评价日期" rules={[{ required: true, message: '请选择评价日期' }]} extra="党派复函的日期">
            <DatePicker style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label="备注">
        <Input.TextArea rows={2} maxLength={2000} placeholder="如：据民盟市委对反馈函的复函" />
      </Form.Item>
    </FormModal>
  );
}

/** 满意度: the parties' grades of how their feedback was handled, from their replies to our 反馈函. */
export function SatisfactionPage() {
  const { info, dataVersion } = useAppInfo();
  const [year, setYear] = useState<number | null>(null);
  const list = useLoad(() => call('satisfaction:list', { year }), [dataVersion, year]);
  const [editing, setEditing] = useState<SatisfactionDto | 'new' | null>(null);
  return (
    <RegisterCard
      title="满意度"
      testId="satisfaction-page"
      extra={
        <Space>
          <Select style={{ width: 120 }} allowClear placeholder="全部年度" value={year} onChange={(v) => setYear(v ?? null)} options={yearOptions(info.today)} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-satisfaction">登记满意度</Button>
        </Space>
      }
    >
      {intro('党派收到我部的反馈函后，对整改情况作出的评价：满意、基本满意或不满意。每个反馈批次一条总体评价；党派逐项评价的，也可按问题登记。也可在“反馈批次”页直接登记。')}
      <Table<SatisfactionDto>
        data-testid="satisfaction-table"
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }}
        locale={{ emptyText: emptyState('还没有满意度评价。\n党派对我部反馈函复函后，在这里登记其评价（满意 / 基本满意 / 不满意）、日期和说明。', () => setEditing('new'), '登记满意度') }}
        columns={[
          { title: '评价日期', dataIndex: 'date', width: 105, sorter: byText((s) => s.date), defaultSortOrder: 'descend' },
          { title: '反馈批次', dataIndex: 'batchLabel', ellipsis: true },
          { title: '评价对象', dataIndex: 'findingLabel', width: 240, ellipsis: true, render: (f: string | null) => f ?? <Tag>整个批次</Tag> },
          {
            title: '满意度',
            dataIndex: 'grade',
            width: 100,
            filters: SATISFACTION_GRADES.map((g) => ({ value: g, text: SATISFACTION_LABEL[g] })),
            onFilter: (v, s) => s.grade === v,
            render: (g: SatisfactionGrade) => <Tag color={GRADE_COLOR[g]}>{SATISFACTION_LABEL[g]}</Tag>,
          },
          { title: '备注', dataIndex: 'note', width: 200, ellipsis: true, render: (n: string | null) => (n ? <Tooltip title={n}>{n}</Tooltip> : null) },
          {
            title: '操作',
            key: 'ops',
            width: 110,
            render: (_, s) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(s)}>修改</Button>
                <DeleteButton what="这条满意度评价" onDelete={() => call('satisfaction:delete', { id: s.id })} />
              </Space>
            ),
          },
        ]}
      />
      {editing && <SatisfactionModal rating={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </RegisterCard>
  );
}
