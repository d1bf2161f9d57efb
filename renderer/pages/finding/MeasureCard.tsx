import { App, Button, Card, Descriptions, Popconfirm, Space, Table, Tabs, Typography } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import type { MeasureDto } from '../../../shared/contract/index.ts';
import { MEASURE_ACTION_LABEL, MEASURE_STATUS_LABEL, type MeasureAction } from '../../../shared/domain/vocabulary.ts';
import { call } from '../../api.ts';
import { errorText } from '../../components/errors.ts';
import { deadlineLabel, SignalDot, StatusTag } from '../../components/labels.tsx';
import { EvidencePanel } from './EvidencePanel.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { ChaseMeasureButton, MeasureNotices, noticeCount } from './MeasureChase.tsx';
import { useAuth } from '../sign-in/auth.tsx';

/** The main step forward is the primary button; going back (退回, 回头看) is styled as a warning. */
const STYLE_OF: Record<MeasureAction, { type?: 'primary' | 'default'; danger?: boolean }> = {
  start: { type: 'default' },
  request_close: { type: 'primary' },
  verify_close: { type: 'primary' },
  return: { danger: true },
  reopen: { danger: true },
  set_standing: { type: 'default' },
};

export function MeasureCard({ measure, onChanged, onAction, onEdit }: {
  measure: MeasureDto;
  onChanged: () => Promise<void>;
  onAction: (action: MeasureAction) => void;
  onEdit: () => void;
}) {
  const { message } = App.useApp();
  const { readOnly } = useAuth();
  const m = measure;
  const remove = async () => {
    try {
      await call('measures:delete', { id: m.id });
      message.success(`措施 ${m.seq} 已移入回收站`);
      await onChanged();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const items = [
    { key: 'lead', label: '牵头单位', children: m.leadUnitName },
    { key: 'co', label: '配合单位', children: m.coUnits.map((u) => u.name).join('、') || '—' },
    { key: 'leader', label: '责任领导', children: m.leader ?? '—' },
    { key: 'person', label: '责任人', children: m.person ?? '—' },
    { key: 'deadline', label: '整改时限', children: deadlineLabel(m.deadlineKind, m.deadlineDate, m.deadlineText) },
    { key: 'assigned', label: '交办日期', children: m.assignedDate },
    ...(m.resultText ? [{ key: 'result', label: '整改结果', span: 3, children: <span style={{ whiteSpace: 'pre-wrap' }}>{m.resultText}</span> }] : []),
    ...(m.requestedDate ? [{ key: 'requested', label: '申请销号', children: m.requestedDate }] : []),
    ...(m.verifiedBy ? [{ key: 'verifier', label: '验收人', children: m.verifiedBy }] : []),
    ...(m.closedDate ? [{ key: 'closed', label: '销号日期', children: m.closedDate }] : []),
    // Each going-back step shows its own words; the core clears what the step superseded.
    ...(m.returnReason ? [{ key: 'return', label: '退回原因', span: 3, children: <span data-testid="measure-return-reason">{m.returnReason}</span> }] : []),
    ...(m.reopenReason ? [{ key: 'reopen', label: '回头看原因', span: 3, children: <span data-testid="measure-reopen-reason">{m.reopenReason}</span> }] : []),
  ];

  return (
    <Card
      data-testid="measure-card"
      data-measure-id={m.id}
      style={{ marginTop: 16 }}
      title={
        <Space wrap>
          <span>措施 {m.seq}</span>
          <StatusTag status={m.status} testId="measure-status" />
          <SignalDot signal={m.signal.signal} reason={m.signal.reason} withText={m.signal.signal !== 'green'} />
        </Space>
      }
      extra={
        !readOnly && <Space>
          <Button size="small" icon={<EditOutlined />} onClick={onEdit}>编辑</Button>
          <Popconfirm title={`删除措施 ${m.seq}？`} description="其进展和佐证材料一并移入回收站，可在回收站中恢复。" okText="删除" cancelText="取消" onConfirm={remove}>
            <Button size="small" danger icon={<DeleteOutlined />}>删除</Button>
          </Popconfirm>
        </Space>
      }
    >
      <Typography.Paragraph strong style={{ whiteSpace: 'pre-wrap' }} data-testid="measure-text-view">{m.text}</Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} items={items} />
      <Space wrap style={{ margin: '12px 0' }} data-testid="measure-actions">
        {!readOnly && m.actions.map((action) => (
          <Button key={action} {...STYLE_OF[action]} onClick={() => onAction(action)} data-testid={`action-${action}`}>
            {MEASURE_ACTION_LABEL[action]}
          </Button>
        ))}
        <ChaseMeasureButton measure={m} onChanged={onChanged} />
      </Space>
      <Tabs
        size="small"
        items={[
          { key: 'progress', label: `整改进展（${m.progress.length}）`, children: <ProgressPanel measure={m} onChanged={onChanged} /> },
          { key: 'evidence', label: `佐证材料（${m.evidence.length}）`, children: <EvidencePanel measure={m} onChanged={onChanged} /> },
          { key: 'notices', label: `催办记录（${noticeCount(m)}）`, children: <MeasureNotices measure={m} /> },
          {
            key: 'history',
            label: `办理记录（${m.history.length}）`,
            children: (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={m.history}
                locale={{ emptyText: '尚无状态变更' }}
                columns={[
                  { title: '日期', dataIndex: 'date', width: 110 },
                  { title: '办理', dataIndex: 'actionLabel', width: 140 },
                  { title: '状态变化', key: 'change', width: 170, render: (_, h) => `${MEASURE_STATUS_LABEL[h.fromStatus]} → ${MEASURE_STATUS_LABEL[h.toStatus]}` },
                  { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '' },
                  { title: '操作人', dataIndex: 'operator', width: 90 },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
