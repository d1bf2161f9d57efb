import { useState } from 'react';
import { App, Button, DatePicker, Empty, Form, Input, Popconfirm, Space, Timeline, Typography } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { UploadFile } from 'antd';
import type { MeasureDto, ProgressDto } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { FilesField } from '../../components/FilesField.tsx';
import { keepEnterInDateField, uploadsOf } from '../../components/measure-form.ts';
import { useAction } from '../../components/use-submit.ts';
import { EvidenceLink } from './evidence.tsx';
import { ProgressEditModal } from './ProgressEditModal.tsx';

interface ProgressValues {
  date: Dayjs;
  text: string;
  files?: UploadFile[];
}

/** 整改进展: the dated entries of one measure, newest first (each can be corrected), and a form to add one. */
export function ProgressPanel({ measure, onChanged }: { measure: MeasureDto; onChanged: () => Promise<void> }) {
  const { info } = useAppInfo();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProgressValues>();
  const [editing, setEditing] = useState<ProgressDto | null>(null);
  const open = measure.status !== 'closed';
  const entries = [...measure.progress].sort((a, b) => (a.date === b.date ? b.id - a.id : b.date.localeCompare(a.date)));

  const { busy: saving, run: submit } = useAction(async (v: ProgressValues) => {
    await call('progress:add', { measureId: measure.id, date: v.date.format('YYYY-MM-DD'), text: v.text, files: await uploadsOf(v.files) });
    message.success('已记录整改进展');
    form.resetFields();
    await onChanged();
  });

  const { run: remove } = useAction(async (p: ProgressDto) => {
    try {
      await call('progress:delete', { id: p.id, version: p.version });
      message.success('已删除这条进展，操作日志中留有记录');
    } finally {
      await onChanged();
    }
  });

  return (
    <div data-testid="progress-panel">
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有整改进展：单位报来进展后在下方记录" />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          titleSpan="96px"
          items={entries.map((p) => ({
            key: p.id,
            title: p.date,
            content: (
              <div data-testid="progress-entry">
                <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>{p.text}</Typography.Paragraph>
                <Space wrap size={[12, 0]}>
                  {p.source && <Typography.Text style={{ fontSize: 12 }} data-testid="progress-source">来源：{p.source}（单位填报）</Typography.Text>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>记录人：{p.operator}</Typography.Text>
                  {p.evidence.map((e) => <EvidenceLink key={e.id} evidence={e} />)}
                  {open && (
                    <Space size={0}>
                      <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid="progress-edit">编辑</Button>
                      <Popconfirm
                        title="删除这条进展？"
                        description="删除会记入操作日志；所附佐证材料仍保留在本措施的佐证材料中。"
                        okText="删除"
                        cancelText="取消"
                        onConfirm={() => remove(p)}
                      >
                        <Button size="small" type="link" danger icon={<DeleteOutlined />} data-testid="progress-delete">删除</Button>
                      </Popconfirm>
                    </Space>
                  )}
                </Space>
              </div>
            ),
          }))}
        />
      )}
      {editing && <ProgressEditModal entry={editing} onClose={() => setEditing(null)} onDone={onChanged} />}
      {!open ? (
        <Typography.Text type="secondary">这条措施已销号，不再记录进展；如需继续整改，请先办理“回头看”。</Typography.Text>
      ) : (
        <Form<ProgressValues>
          form={form}
          layout="vertical"
          initialValues={{ date: dayjs(info.today) }}
          onFinish={submit}
          style={{ background: '#fafafa', padding: 12, borderRadius: 4 }}
        >
          <Space align="start" wrap>
            <Form.Item name="date" label="进展日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker allowClear={false} onKeyDown={keepEnterInDateField} disabledDate={(d) => d.isAfter(info.today, 'day')} data-testid="progress-date" />
            </Form.Item>
            <FilesField name="files" label="佐证材料" testId="progress-files" />
          </Space>
          <Form.Item name="text" label="进展情况" rules={[{ required: true, whitespace: true, message: '请填写进展情况' }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="做了什么、完成到什么程度" data-testid="progress-text" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="add-progress">记录进展</Button>
        </Form>
      )}
    </div>
  );
}
