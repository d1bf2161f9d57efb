import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ProgressDto } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { keepEnterInDateField } from '../../components/measure-form.ts';
import { useSubmit } from '../../components/use-submit.ts';
import { StaleAlert, useStale } from './stale.tsx';

interface EntryValues {
  date: Dayjs;
  text: string;
}

const valuesOf = (p: ProgressDto): EntryValues => ({ date: dayjs(p.date), text: p.text });

/** Correct one 整改进展 entry: its date and text (the change is kept in the 操作日志). */
export function ProgressEditModal({ entry, onClose, onDone }: { entry: ProgressDto; onClose: () => void; onDone: () => Promise<void> }) {
  const { info } = useAppInfo();
  const [form] = Form.useForm<EntryValues>();
  const stale = useStale({ version: entry.version, values: valuesOf(entry) }, valuesOf, ['text']);
  const { saving, error, submit } = useSubmit(async (v: EntryValues) => {
    await stale.guard(() => call('progress:update', { id: entry.id, version: stale.version, date: v.date.format('YYYY-MM-DD'), text: v.text }), v);
    await onDone();
  }, onClose);

  return (
    <Modal open title="修改整改进展" okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={640}>
      <Form<EntryValues> form={form} layout="vertical" initialValues={valuesOf(entry)} onFinish={submit}>
        <Form.Item name="date" label="进展日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker allowClear={false} onKeyDown={keepEnterInDateField} disabledDate={(d) => d.isAfter(info.today, 'day')} data-testid="progress-edit-date" />
        </Form.Item>
        <Form.Item name="text" label="进展情况" rules={[{ required: true, whitespace: true, message: '请填写进展情况' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="progress-edit-text" />
        </Form.Item>
      </Form>
      {stale.refusal ? (
        <StaleAlert
          refusal={stale.refusal}
          rows={stale.compare({ date: '进展日期', text: '进展情况' })}
          onReapply={() => form.setFieldsValue(stale.reapply(form.getFieldsValue()))}
          onDiscard={() => form.setFieldsValue(stale.discard())}
        />
      ) : (
        error && <Alert type="error" showIcon title={error} />
      )}
    </Modal>
  );
}
