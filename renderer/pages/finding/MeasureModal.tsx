import { Alert, Form, Modal } from 'antd';
import type { MeasureDto } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { MeasureFields } from '../../components/MeasureFields.tsx';
import { measureFormOf, measureInputOf, NEW_MEASURE, type MeasureFormValues } from '../../components/measure-form.ts';
import { useUnits } from '../../components/units.tsx';
import { useSubmit } from '../../components/use-submit.ts';
import { StaleAlert, useStale } from './stale.tsx';

/** On a stale save the clerk's typed text goes back on top of the fresh measure. */
const TEXT_KEYS: (keyof MeasureFormValues)[] = ['text', 'leader', 'person', 'deadlineText'];

/** Add a measure to a finding's checklist, or edit one (the version guards against a stale edit). */
export function MeasureModal({ findingId, measure, onClose, onDone }: {
  findingId: number;
  measure?: MeasureDto;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const [form] = Form.useForm<MeasureFormValues>();
  const units = useUnits();
  const stale = useStale({ version: measure?.version ?? 1, values: measure ? measureFormOf(measure) : NEW_MEASURE }, measureFormOf, TEXT_KEYS);
  const { saving, error, submit } = useSubmit(async (v: MeasureFormValues) => {
    const input = measureInputOf(v);
    if (measure) await stale.guard(() => call('measures:update', { ...input, id: measure.id, version: stale.version }), v);
    else await call('measures:create', { ...input, findingId });
    await onDone();
  }, onClose);

  return (
    <Modal
      open
      title={measure ? `编辑措施 ${measure.seq}` : '新增整改措施'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={820}
    >
      <Form<MeasureFormValues> form={form} layout="vertical" initialValues={measure ? measureFormOf(measure) : NEW_MEASURE} onFinish={submit}>
        <MeasureFields units={units} />
      </Form>
      {stale.refusal ? (
        <StaleAlert
          refusal={stale.refusal}
          rows={stale.compare({ text: '整改措施', leader: '责任领导', person: '责任人', deadlineDate: '整改时限', deadlineText: '时限说明' })}
          onReapply={() => form.setFieldsValue(stale.reapply(form.getFieldsValue()))}
          onDiscard={() => form.setFieldsValue(stale.discard())}
        />
      ) : (
        error && <Alert type="error" showIcon title={error} />
      )}
    </Modal>
  );
}
