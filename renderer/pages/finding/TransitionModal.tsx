import { Alert, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { UploadFile } from 'antd';
import type { MeasureDto } from '../../../shared/contract/index.ts';
import { MEASURE_ACTION_LABEL, MEASURE_STATUS_LABEL, type MeasureAction } from '../../../shared/domain/vocabulary.ts';
import { nextStatus } from '../../../shared/domain/workflow.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { FilesField } from '../../components/FilesField.tsx';
import { keepEnterInDateField, uploadsOf } from '../../components/measure-form.ts';
import { useSubmit } from '../../components/use-submit.ts';

interface TransitionValues {
  date: Dayjs;
  resultText?: string;
  verifiedBy?: string;
  reason?: string;
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

const REASON_LABEL: Partial<Record<MeasureAction, string>> = { return: '退回原因', reopen: '回头看发现的问题', set_standing: '说明' };

export function TransitionModal({ measure, action, onClose, onDone }: {
  measure: MeasureDto;
  action: MeasureAction;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { info } = useAppInfo();
  const [form] = Form.useForm<TransitionValues>();
  const need = NEEDS[action];
  const check = nextStatus(measure.status, action);
  const label = MEASURE_ACTION_LABEL[action];

  const { saving, error, submit } = useSubmit(async (v: TransitionValues) => {
    await call('measures:transition', {
      id: measure.id,
      action,
      date: v.date.format('YYYY-MM-DD'),
      resultText: v.resultText || null,
      verifiedBy: v.verifiedBy || null,
      reason: v.reason || null,
      files: await uploadsOf(v.files),
    });
    await onDone();
  }, onClose);

  return (
    <Modal
      open
      title={`${label}：措施 ${measure.seq}`}
      okText={label}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      data-testid="transition-modal"
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>{measure.text}</Typography.Paragraph>
      {check.ok && (
        <Typography.Paragraph>
          状态将从“{MEASURE_STATUS_LABEL[measure.status]}”变为“{MEASURE_STATUS_LABEL[check.to]}”。
        </Typography.Paragraph>
      )}
      <Form<TransitionValues> form={form} layout="vertical" initialValues={{ date: dayjs(info.today) }} onFinish={submit}>
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
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="transition-error" />}
    </Modal>
  );
}
