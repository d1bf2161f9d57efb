import { Alert, Form, Modal } from 'antd';
import type { FindingDetailDto, FindingFields as FindingRecord } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { DraftBanner } from '../../components/DraftBanner.tsx';
import { FindingFields } from '../../components/FindingFields.tsx';
import { useSaveShortcut } from '../../components/shortcuts.ts';
import { useLoad } from '../../components/use-load.ts';
import { useSubmit } from '../../components/use-submit.ts';
import { useUnsavedGuard } from '../../components/use-unsaved-guard.ts';
import { StaleAlert, useStale } from './stale.tsx';

interface FindingValues {
  seq?: string;
  category?: string;
  text?: string;
  suggestion?: string;
  target?: string;
}

/** A finding record as the form holds it; on a stale save the clerk's edits of TEXT_KEYS go back on top. */
const valuesOf = (f: FindingRecord) => ({
  seq: f.seq,
  category: f.category ?? undefined,
  text: f.text,
  suggestion: f.suggestion ?? undefined,
  target: f.target ?? undefined,
  note: f.note,
});
const TEXT_KEYS = ['seq', 'category', 'text', 'suggestion', 'target'] as const;

export function FindingEditModal({ finding, onClose, onDone }: {
  finding: FindingDetailDto;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const [form] = Form.useForm<FindingValues>();
  const facets = useLoad(() => call('ledger:facets', {}), []);
  const guard = useUnsavedGuard(form, {
    draftKey: `draft:finding:${finding.id}`,
    initialValues: {
      seq: finding.seq,
      category: finding.category ?? undefined,
      text: finding.text,
      suggestion: finding.suggestion ?? undefined,
      target: finding.target ?? undefined,
    },
  });
  useSaveShortcut(() => form.submit());
  const stale = useStale({ version: finding.version, values: valuesOf(finding) }, valuesOf, [...TEXT_KEYS]);
  const { saving, error, submit } = useSubmit(async (v: FindingValues) => {
    await stale.guard(() => call('findings:update', {
      id: finding.id,
      seq: v.seq?.trim() || undefined,
      category: v.category || null,
      text: v.text ?? '',
      suggestion: v.suggestion || null,
      target: v.target || null,
      note: stale.base.note,
      version: stale.version,
    }), v);
    guard.saved();
    await onDone();
  }, onClose);

  return (
    <Modal
      open
      title={`编辑反馈问题 ${finding.seq}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      // Esc, × and 取消 ask first when something was typed; a stray click beside the dialog does nothing.
      onCancel={() => guard.confirmClose(onClose)}
      maskClosable={false}
      destroyOnHidden
      width={760}
    >
      <DraftBanner restoredAt={guard.restoredAt} onDiscard={guard.discardDraft} />
      <Form<FindingValues> form={form} layout="vertical" onFinish={submit} {...guard.formProps}>
        <FindingFields categories={facets.data?.categories ?? []} />
      </Form>
      {stale.refusal ? (
        <StaleAlert
          refusal={stale.refusal}
          rows={stale.compare({ seq: '序号', category: '问题类别', text: '反馈问题', suggestion: '意见建议', target: '整改目标' })}
          onReapply={() => form.setFieldsValue(stale.reapply(form.getFieldsValue()))}
          onDiscard={() => form.setFieldsValue(stale.discard())}
        />
      ) : (
        error && <Alert type="error" showIcon title={error} />
      )}
    </Modal>
  );
}
