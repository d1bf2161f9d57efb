import { useState, type ClipboardEvent } from 'react';
import { Alert, App, Button, Card, Empty, Form, Select, Space, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { DraftBanner } from '../../components/DraftBanner.tsx';
import { FindingFields } from '../../components/FindingFields.tsx';
import { MeasureFields } from '../../components/MeasureFields.tsx';
import { measureInputOf, NEW_MEASURE, type MeasureFormValues } from '../../components/measure-form.ts';
import { useUnits } from '../../components/units.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useSaveShortcut } from '../../components/shortcuts.ts';
import { useSubmit } from '../../components/use-submit.ts';
import { useUnsavedGuard } from '../../components/use-unsaved-guard.ts';
import { navigate } from '../../router.ts';
import { pastedFindings, type PastedFinding } from './paste-rows.ts';
import { PasteRowsModal } from './PasteRowsModal.tsx';
import { SimilarWhileTyping, useRepeatChoice } from './SimilarWhileTyping.tsx';

interface NewFindingValues {
  batchId?: number;
  seq?: string;
  category?: string;
  text?: string;
  suggestion?: string;
  target?: string;
  measures: MeasureFormValues[];
}

interface Pasted {
  rows: PastedFinding[];
  text: string;
  /** Where the caret was, to paste the text there after all. */
  selection: [number, number];
}

/**
 * 新增问题: a finding and its checklist of measures, written in one go or not at all. Typed work
 * is guarded and kept as a draft until saved; rows pasted from Excel may become findings of their own.
 */
export function NewFindingPage({ batchId }: { batchId?: number }) {
  const [form] = Form.useForm<NewFindingValues>();
  const { message } = App.useApp();
  const { info, refresh } = useAppInfo();
  const guard = useUnsavedGuard(form, {
    draftKey: batchId ? `draft:finding:new:${batchId}` : 'draft:finding:new',
    initialValues: { batchId, measures: [NEW_MEASURE] },
  });
  const [pasted, setPasted] = useState<Pasted | null>(null);
  useSaveShortcut(() => form.submit());
  const batches = useLoad(() => call('batches:list', {}), []);
  const facets = useLoad(() => call('ledger:facets', {}), []);
  const units = useUnits();
  const repeatChoice = useRepeatChoice();
  const { saving, error, setError, submit } = useSubmit(async (v: NewFindingValues) => {
    const created = await call('findings:create', {
      batchId: v.batchId ?? 0,
      seq: v.seq?.trim() || undefined,
      category: v.category || null,
      text: v.text ?? '',
      suggestion: v.suggestion || null,
      target: v.target || null,
      measures: (v.measures ?? []).map(measureInputOf),
    });
    await repeatChoice.confirm(created.id);
    guard.saved();
    message.success(`已保存反馈问题 ${created.seq}`);
    await refresh();
    navigate(`findings/${created.id}`, {}, { replace: true });
  });

  const onTextPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const text = e.clipboardData.getData('text/plain');
    const rows = pastedFindings(text, { year: Number(info.today.slice(0, 4)), fromTable: /<table/i.test(e.clipboardData.getData('text/html')) });
    if (!rows) return;
    e.preventDefault();
    setPasted({ rows, text, selection: [e.currentTarget.selectionStart, e.currentTarget.selectionEnd] });
  };

  const pasteAsText = ({ text, selection: [start, end] }: Pasted) => {
    const current: string = form.getFieldValue('text') ?? '';
    form.setFieldValue('text', current.slice(0, start) + text + current.slice(end));
    guard.formProps.onValuesChange();
    setPasted(null);
  };

  const pastedCreated = async (count: number, batch: number) => {
    setPasted(null);
    message.success(`已新增 ${count} 个反馈问题`);
    await refresh();
    navigate('ledger', { batch });
  };

  if (batches.data && batches.data.length === 0) {
    return (
      <Card title="新增反馈问题">
        <Empty description="反馈问题要归入一个反馈批次，请先登记收到的反馈意见">
          <Button type="primary" onClick={() => navigate('batches', { new: 1 })}>登记反馈批次</Button>
        </Empty>
      </Card>
    );
  }

  return (
    <Card title="新增反馈问题" extra={<Button onClick={() => history.back()}>返回</Button>} data-testid="new-finding-form">
      <DraftBanner restoredAt={guard.restoredAt} onDiscard={guard.discardDraft} style={{ maxWidth: 960 }} />
      <Form<NewFindingValues>
        form={form}
        layout="vertical"
        {...guard.formProps}
        onFinish={submit}
        onFinishFailed={() => setError('请按红字提示补全后再保存')}
        scrollToFirstError
        style={{ maxWidth: 960 }}
      >
        <Form.Item name="batchId" label="反馈批次" rules={[{ required: true, message: '请选择反馈批次' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择这条问题所属的反馈意见"
            loading={batches.loading}
            data-testid="finding-batch"
            options={batches.data?.map((b) => ({ value: b.id, label: `${b.organizationName}｜${b.topic}${b.docNumber ? `（${b.docNumber}）` : ''}` }))}
          />
        </Form.Item>
        <FindingFields categories={facets.data?.categories ?? []} onTextPaste={onTextPaste} />
        <SimilarWhileTyping form={form} choice={repeatChoice} />

        <Typography.Title level={5}>整改措施清单</Typography.Title>
        <Form.List name="measures">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  type="inner"
                  title={`措施 ${index + 1}`}
                  style={{ marginBottom: 12 }}
                  data-testid="measure-form-item"
                  extra={
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                      删除此措施
                    </Button>
                  }
                >
                  <MeasureFields prefix={[field.name]} listPath={['measures']} units={units} />
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(NEW_MEASURE)} data-testid="add-measure">
                添加一条整改措施
              </Button>
            </>
          )}
        </Form.List>

        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="form-error" />}
        <Space style={{ marginTop: 16 }}>
          <Tooltip title="Ctrl+S">
            <Button type="primary" htmlType="submit" loading={saving} data-testid="save-finding">保存</Button>
          </Tooltip>
          <Button onClick={() => history.back()}>取消</Button>
        </Space>
      </Form>
      {pasted && (
        <PasteRowsModal
          rows={pasted.rows}
          batchId={form.getFieldValue('batchId')}
          batches={batches.data ?? []}
          units={units.units}
          onPasteAsText={() => pasteAsText(pasted)}
          onClose={() => setPasted(null)}
          onDone={(count, batch) => void pastedCreated(count, batch)}
        />
      )}
    </Card>
  );
}
