import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { UploadFile } from 'antd';
import type { MeasureDto } from '../../../shared/contract/index.ts';
import { MEASURE_ACTION_LABEL, MEASURE_STATUS_LABEL, type MeasureAction } from '../../../shared/domain/vocabulary.ts';
import { newDeadlineNeed, nextStatus } from '../../../shared/domain/workflow.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { FilesField } from '../../components/FilesField.tsx';
import { deadlineLabel } from '../../components/labels.tsx';
import { keepEnterInDateField, uploadsOf } from '../../components/measure-form.ts';
import { useSubmit } from '../../components/use-submit.ts';
import { StaleAlert, staleRefusal, type StaleRefusal } from './stale.tsx';

interface TransitionValues {
  date: Dayjs;
  resultText?: string;
  verifiedBy?: string;
  reason?: string;
  newDeadline?: Dayjs;
  files?: UploadFile[];
}

/** What each step of the closure workflow asks the clerk for. */
const NEEDS: Record<MeasureAction, { result?: boolean; verifier?: boolean; reason?: 'required' | 'optional'; files?: boolean; dateLabel: string }> = {
  start: { dateLabel: '开始日期' },
  request_close: { result: true, files: true, dateLabel: '申请日期' },
  verify_close: { verifier: true, dateLabel: '销号日期' },
  return: { reason: 'required', dateLabel: '退回日期' },
  reopen: { reason: 'required', dateLabel: '日期' },
  set_standing: { reason: 'optional', dateLabel: '日期' },
};

const REASON_LABEL: Partial<Record<MeasureAction, string>> = { return: '退回原因', reopen: '回头看原因', set_standing: '说明' };

export function TransitionModal({ measure, action, onClose, onDone, onRefresh }: {
  measure: MeasureDto;
  action: MeasureAction;
  onClose: () => void;
  onDone: () => Promise<void>;
  /** Reload the page behind once the clerk takes the fresh measure after a stale refusal. */
  onRefresh?: () => Promise<void>;
}) {
  const { info } = useAppInfo();
  const [form] = Form.useForm<TransitionValues>();
  // The measure this step is taken on: the one the clerk opened, or the fresh one after a refusal.
  const [current, setCurrent] = useState(measure);
  const [refusal, setRefusal] = useState<StaleRefusal<MeasureDto> | null>(null);
  const need = NEEDS[action];
  const check = nextStatus(current.status, action);
  const label = MEASURE_ACTION_LABEL[action];
  const deadlineNeed = newDeadlineNeed(action, current, info.today);
  // After a 退回 the clerk usually reworks the refused result rather than start again.
  const lastResult = action === 'request_close' && current.returnReason ? current.history.find((h) => h.action === 'request_close')?.note : undefined;
  // 申请销号 with nothing to verify against is allowed, but the clerk confirms it knowingly.
  const files = Form.useWatch('files', form) as UploadFile[] | undefined;
  const bare = action === 'request_close' && !current.progress.length && !current.evidence.length && !files?.length;

  const { saving, error, submit } = useSubmit(async (v: TransitionValues) => {
    setRefusal(null);
    try {
      await call('measures:transition', {
        id: current.id,
        action,
        date: v.date.format('YYYY-MM-DD'),
        resultText: v.resultText || null,
        verifiedBy: v.verifiedBy || null,
        reason: v.reason || null,
        newDeadline: v.newDeadline?.format('YYYY-MM-DD'),
        files: await uploadsOf(v.files),
        version: current.version,
      });
    } catch (err) {
      setRefusal(staleRefusal<MeasureDto>(err));
      throw err;
    }
    await onDone();
  }, onClose);

  const reapply = async () => {
    if (!refusal) return;
    setCurrent(refusal.details.fresh);
    setRefusal(null);
    await onRefresh?.();
  };

  return (
    <Modal
      open
      title={`${label}：措施 ${current.seq}`}
      okText={bare ? '仍然申请销号' : label}
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ disabled: !check.ok }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      data-testid="transition-modal"
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>{current.text}</Typography.Paragraph>
      {check.ok ? (
        <Typography.Paragraph>
          状态将从“{MEASURE_STATUS_LABEL[current.status]}”变为“{MEASURE_STATUS_LABEL[check.to]}”。
        </Typography.Paragraph>
      ) : (
        <Alert type="error" showIcon title={check.message} style={{ marginBottom: 12 }} />
      )}
      {bare && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="transition-bare-warning"
          title="这条措施还没有整改进展，也没有佐证材料"
          description="验收销号时通常要看进展记录和佐证材料。可以先取消、补充后再申请，或在下面附上佐证材料；确需现在申请，请点“仍然申请销号”。"
        />
      )}
      <Form<TransitionValues>
        form={form}
        layout="vertical"
        initialValues={{ date: dayjs(info.today), resultText: lastResult ?? undefined }}
        onFinish={submit}
      >
        <Form.Item name="date" label={need.dateLabel} rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker allowClear={false} onKeyDown={keepEnterInDateField} disabledDate={(d) => d.isAfter(info.today, 'day')} />
        </Form.Item>
        {need.result && (
          <Form.Item name="resultText" label="整改结果" rules={[{ required: true, whitespace: true, message: '请填写整改结果：申请销号必须说明整改完成情况' }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder="整改完成情况、取得的成效" data-testid="transition-result" />
          </Form.Item>
        )}
        {need.files && <FilesField name="files" label="佐证材料" testId="transition-files" />}
        {need.verifier && (
          <Form.Item name="verifiedBy" label="验收人" rules={[{ required: true, whitespace: true, message: '请填写验收人' }]}>
            <Input maxLength={50} data-testid="transition-verifier" />
          </Form.Item>
        )}
        {need.reason && (
          <Form.Item
            name="reason"
            label={REASON_LABEL[action]}
            rules={need.reason === 'required' ? [{ required: true, whitespace: true, message: `请填写${REASON_LABEL[action]}` }] : []}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="transition-reason" />
          </Form.Item>
        )}
        {deadlineNeed && (
          <Form.Item
            name="newDeadline"
            label="新的整改时限"
            extra={`原整改时限（${deadlineLabel(current.deadlineKind, current.deadlineDate, current.deadlineText)}）已过${deadlineNeed === 'required' ? '，重新整改须定新的时限，否则一开始就显示逾期' : '；不填则仍按原时限计算，措施显示逾期'}。`}
            rules={deadlineNeed === 'required' ? [{ required: true, message: '请选择新的整改时限' }] : []}
          >
            <DatePicker onKeyDown={keepEnterInDateField} disabledDate={(d) => d.isBefore(info.today, 'day')} data-testid="transition-new-deadline" />
          </Form.Item>
        )}
      </Form>
      {refusal ? (
        <StaleAlert refusal={refusal} onReapply={reapply} what="您填写的内容" />
      ) : (
        error && <Alert type="error" showIcon title={error} data-testid="transition-error" />
      )}
    </Modal>
  );
}
