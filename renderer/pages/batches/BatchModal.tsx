import { useState } from 'react';
import { Alert, Button, Col, DatePicker, Divider, Form, Input, Modal, Row, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { BatchDto, OrganizationDto } from '../../../shared/contract/index.ts';
import { COMMITTEE_LEVEL, placeOfOffice } from '../../../shared/domain/org-names.ts';
import { SUPERVISION_MODES } from '../../../shared/domain/vocabulary.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { keepEnterInDateField } from '../../components/measure-form.ts';
import { DraftBanner } from '../../components/DraftBanner.tsx';
import { useSaveShortcut } from '../../components/shortcuts.ts';
import { useSubmit } from '../../components/use-submit.ts';
import { useUnsavedGuard } from '../../components/use-unsaved-guard.ts';
import { NewOrgModal } from './NewOrgModal.tsx';

interface BatchValues {
  organizationId?: number;
  area?: string;
  docNumber?: string;
  receivedDate?: Dayjs;
  topic?: string;
  mode?: string;
  note?: string;
}

/** Register (or correct) one feedback document from a supervising party. */
export function BatchModal({ batch, organizations, today, onClose, onDone }: {
  batch?: BatchDto;
  organizations: OrganizationDto[];
  today: string;
  onClose: () => void;
  onDone: (saved: BatchDto) => Promise<void>;
}) {
  const [form] = Form.useForm<BatchValues>();
  const { info } = useAppInfo();
  // Parties created from this form: listed and chosen at once, before the page reloads its list.
  const [created, setCreated] = useState<OrganizationDto[]>([]);
  const [addingOrg, setAddingOrg] = useState(false);
  const [orgListOpen, setOrgListOpen] = useState(false);
  const office = placeOfOffice(info.settings.officeName);
  const orgOptions = [...organizations, ...created.filter((c) => !organizations.some((o) => o.id === c.id))];
  const guard = useUnsavedGuard<BatchValues>(form, {
    draftKey: batch ? `draft:batch:${batch.id}` : 'draft:batch:new',
    initialValues: batch
      ? { ...batch, docNumber: batch.docNumber ?? undefined, mode: batch.mode ?? undefined, note: batch.note ?? undefined, receivedDate: dayjs(batch.receivedDate) }
      : { receivedDate: dayjs(today) },
  });
  useSaveShortcut(() => form.submit());
  const { saving, error, submit } = useSubmit(async (v: BatchValues) => {
    const saved = await call('batches:save', {
      id: batch?.id,
      organizationId: v.organizationId ?? 0,
      area: v.area ?? '',
      docNumber: v.docNumber || null,
      receivedDate: v.receivedDate?.format('YYYY-MM-DD') ?? '',
      topic: v.topic ?? '',
      mode: v.mode || null,
      note: v.note || null,
      version: batch?.version,
    });
    guard.saved();
    await onDone(saved);
  }, onClose);

  return (
    <Modal
      open
      title={batch ? '编辑反馈批次' : '登记反馈批次'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => guard.confirmClose(onClose)}
      maskClosable={false}
      destroyOnHidden
      width={720}
      okButtonProps={{ 'data-testid': 'save-batch' }}
    >
      <DraftBanner restoredAt={guard.restoredAt} onDiscard={guard.discardDraft} />
      <Form<BatchValues> form={form} layout="vertical" onFinish={submit} {...guard.formProps}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="organizationId" label="监督主体" rules={[{ required: true, message: '请选择监督主体' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择监督主体；没有的可在列表底部新增"
                options={orgOptions.map((o) => ({ value: o.id, label: o.name }))}
                data-testid="batch-org"
                open={orgListOpen}
                onOpenChange={setOrgListOpen}
                popupRender={(menu) => (
                  <>
                    {menu}
                    <Divider style={{ margin: '4px 0' }} />
                    <Button
                      type="link"
                      icon={<PlusOutlined />}
                      onClick={() => {
                        setOrgListOpen(false);
                        setAddingOrg(true);
                      }}
                      data-testid="batch-new-org"
                    >
                      新增监督主体
                    </Button>
                  </>
                )}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="mode" label="监督方式">
              <Select allowClear placeholder="选择监督方式" options={SUPERVISION_MODES.map((m) => ({ value: m, label: m }))} data-testid="batch-mode" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="topic" label="主题" rules={[{ required: true, whitespace: true, message: '请填写主题' }]}>
          <Input maxLength={200} placeholder="如：脱贫攻坚民主监督反馈意见" data-testid="batch-topic" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="area" label="监督领域" rules={[{ required: true, whitespace: true, message: '请填写监督领域' }]}>
              <Input maxLength={200} placeholder="如：脱贫攻坚" data-testid="batch-area" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="docNumber" label="文号">
              <Input maxLength={100} placeholder="如：民革市委〔2026〕5号" data-testid="batch-doc" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="receivedDate" label="收文日期" rules={[{ required: true, message: '请选择收文日期' }]}>
              <DatePicker style={{ width: '100%' }} allowClear={false} onKeyDown={keepEnterInDateField} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label="备注">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} showCount maxLength={2000} data-testid="batch-note" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
      {addingOrg && (
        <NewOrgModal
          defaults={office ? { level: COMMITTEE_LEVEL[office.level], place: office.place } : {}}
          onClose={() => setAddingOrg(false)}
          onCreated={(org) => {
            setCreated((c) => [...c, org]);
            form.setFields([{ name: 'organizationId', value: org.id, errors: [] }]);
          }}
        />
      )}
    </Modal>
  );
}
