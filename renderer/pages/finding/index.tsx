import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { MeasureDto } from '../../../shared/contract/index.ts';
import { FINDING_STATUS_LABEL, MEASURE_ACTION_LABEL, type MeasureAction } from '../../../shared/domain/vocabulary.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { StatusTag } from '../../components/labels.tsx';
import { PrintAssignmentButton } from '../../print/index.tsx';
import { useLoad } from '../../components/use-load.ts';
import { navigate } from '../../router.ts';
import { FindingEditModal } from './FindingEditModal.tsx';
import { MeasureCard } from './MeasureCard.tsx';
import { MeasureModal } from './MeasureModal.tsx';
import { TransitionModal } from './TransitionModal.tsx';
import { SimilarFindingsPanel } from './SimilarFindingsPanel.tsx';
import { useAuth } from '../sign-in/auth.tsx';

type Dialog =
  | { kind: 'finding' }
  | { kind: 'measure'; measure?: MeasureDto }
  | { kind: 'transition'; measure: MeasureDto; action: MeasureAction };

/** One 反馈问题: its text, its checklist of measures, their progress, evidence and closure. */
export function FindingPage({ findingId }: { findingId: number }) {
  const { message } = App.useApp();
  const { refresh, dataVersion } = useAppInfo();
  const { readOnly } = useAuth();
  const finding = useLoad(() => call('findings:get', { id: findingId }), [findingId, dataVersion]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const f = finding.data;

  const removeFinding = async () => {
    try {
      await call('findings:delete', { id: findingId });
      message.success('反馈问题已移入回收站，可在“回收站”中恢复');
      await refresh();
      navigate('ledger', {}, { replace: true });
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => (history.length > 1 ? history.back() : navigate('ledger'))}>返回</Button>
  );
  if (finding.error && !f) {
    return <Card title={back}><Alert type="error" showIcon title={finding.error} /></Card>;
  }
  if (!f) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;

  const batch = f.batch;
  return (
    <div data-testid="finding-page">
      <Card
        title={
          <Space wrap>
            {back}
            <span>反馈问题 {f.seq}</span>
            <span data-testid="finding-status" data-status={f.status}>
              <StatusTag status={f.status} />
            </span>
          </Space>
        }
        extra={
          <Space>
            <PrintAssignmentButton findingId={f.id} />
            {!readOnly && <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'finding' })}>编辑问题</Button>}
            {!readOnly && <Popconfirm
              title="删除这个反馈问题？"
              description="它的全部整改措施、进展和佐证材料一并移入回收站，可在回收站中恢复。"
              okText="删除"
              cancelText="取消"
              onConfirm={removeFinding}
            >
              <Button danger icon={<DeleteOutlined />} data-testid="delete-finding">删除</Button>
            </Popconfirm>}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'batch', label: '反馈来源', children: `${batch.organizationName}｜${batch.topic}${batch.docNumber ? `（${batch.docNumber}）` : ''}` },
            { key: 'received', label: '收文日期', children: batch.receivedDate },
            { key: 'category', label: '问题类别', children: f.category ?? '—' },
            { key: 'status', label: '整改状态', children: FINDING_STATUS_LABEL[f.status] },
            { key: 'text', label: '反馈问题', span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }} data-testid="finding-text-view">{f.text}</span> },
            ...(f.suggestion ? [{ key: 'suggestion', label: '意见建议', span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{f.suggestion}</span> }] : []),
            ...(f.target ? [{ key: 'target', label: '整改目标', span: 2, children: f.target }] : []),
          ]}
        />
      </Card>
      <SimilarFindingsPanel findingId={f.id} textKey={f.text} />

      <Space style={{ marginTop: 16, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>整改措施清单（{f.measures.length} 条）</Typography.Title>
        {!readOnly && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'measure' })} data-testid="new-measure">新增措施</Button>}
      </Space>
      {f.measures.length === 0 && (
        <Card style={{ marginTop: 16 }}>
          <Empty description="这个问题还没有整改措施：把问题分解成措施，明确责任单位和时限">
            <Button type="primary" onClick={() => setDialog({ kind: 'measure' })}>新增措施</Button>
          </Empty>
        </Card>
      )}
      {f.measures.map((m) => (
        <MeasureCard
          key={m.id}
          measure={m}
          onChanged={finding.reload}
          onAction={(action) => setDialog({ kind: 'transition', measure: m, action })}
          onEdit={() => setDialog({ kind: 'measure', measure: m })}
        />
      ))}

      {dialog?.kind === 'finding' && <FindingEditModal finding={f} onClose={() => setDialog(null)} onDone={finding.reload} />}
      {dialog?.kind === 'measure' && (
        <MeasureModal findingId={f.id} measure={dialog.measure} onClose={() => setDialog(null)} onDone={finding.reload} />
      )}
      {dialog?.kind === 'transition' && (
        <TransitionModal
          measure={dialog.measure}
          action={dialog.action}
          onClose={() => setDialog(null)}
          onRefresh={finding.reload}
          onDone={async () => {
            await finding.reload();
            message.success(`已${MEASURE_ACTION_LABEL[dialog.action]}`);
          }}
        />
      )}
    </div>
  );
}
