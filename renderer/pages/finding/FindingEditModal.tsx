import { Alert, Form, Modal } from 'antd';
import type { FindingDetailDto } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { FindingFields } from '../../components/FindingFields.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useSubmit } from '../../components/use-submit.ts';

interface FindingValues {
  seq?: string;
  category?: string;
  text?: string;
  suggestion?: string;
  target?: string;
}

export function FindingEditModal({ finding, onClose, onDone }: {
  finding: FindingDetailDto;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const [form] = Form.useForm<FindingValues>();
  const facets = useLoad(() => call('ledger:facets', {}), []);
  const { saving, error, submit } = useSubmit(async (v: FindingValues) => {
    await call('findings:update', {
      id: finding.id,
      seq: v.seq?.trim() || undefined,
      category: v.category || null,
      text: v.text ?? '',
      suggestion: v.suggestion || null,
      target: v.target || null,
      note: finding.note,
    });
    await onDone();
  }, onClose);

  return (
    <Modal open title={`编辑反馈问题 ${finding.seq}`} okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={760}>
      <Form<FindingValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          seq: finding.seq,
          category: finding.category ?? undefined,
          text: finding.text,
          suggestion: finding.suggestion ?? undefined,
          target: finding.target ?? undefined,
        }}
      >
        <FindingFields categories={facets.data?.categories ?? []} />
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
