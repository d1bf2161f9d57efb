import { useRef } from 'react';
import { Alert, Col, Form, Input, Modal, Row, Select } from 'antd';
import type { OrganizationDto } from '../../../shared/contract/index.ts';
import { composeOrgName } from '../../../shared/domain/org-names.ts';
import { ORG_LEVELS, PARTIES } from '../../../shared/domain/vocabulary.ts';
import { call } from '../../api.ts';
import { useSubmit } from '../../components/use-submit.ts';

interface NewOrgValues {
  party?: string;
  level?: string;
  place?: string;
  name?: string;
}

/**
 * 新增监督主体 from the batch form: party, level and place compose the name as offices write it
 * (民革青山县委会, 民建青山县委, 青山县工商联); the clerk may still change the name.
 */
export function NewOrgModal({ defaults, onClose, onCreated }: {
  defaults: { level?: string; place?: string };
  onClose: () => void;
  onCreated: (org: OrganizationDto) => Promise<void> | void;
}) {
  const [form] = Form.useForm<NewOrgValues>();
  // Once the clerk types a name of their own, party/level/place no longer overwrite it.
  const nameEdited = useRef(false);
  const { saving, error, submit } = useSubmit(async (v: NewOrgValues) => {
    const org = await call('orgs:save', { name: v.name ?? '', party: v.party ?? '', level: v.level ?? '' });
    await onCreated(org);
  }, onClose);

  const recompose = (changed: NewOrgValues, all: NewOrgValues) => {
    if ('name' in changed) nameEdited.current = true;
    if (nameEdited.current || !all.party || !all.level) return;
    form.setFieldValue('name', composeOrgName(all.party, all.level, all.place ?? ''));
  };

  return (
    <Modal
      open
      title="新增监督主体"
      okText="保存并选用"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={520}
      okButtonProps={{ 'data-testid': 'save-new-org' }}
    >
      <Form<NewOrgValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ level: defaults.level, place: defaults.place }}
        onValuesChange={recompose}
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="party" label="党派" rules={[{ required: true, message: '请选择党派' }]}>
              <Select placeholder="选择党派" options={PARTIES.map((p) => ({ value: p, label: p }))} data-testid="new-org-party" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="level" label="级别" rules={[{ required: true, message: '请选择级别' }]}>
              <Select placeholder="选择级别" options={ORG_LEVELS.map((l) => ({ value: l, label: l }))} data-testid="new-org-level" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="place" label="所在地">
              <Input maxLength={20} placeholder="如：青山县" data-testid="new-org-place" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="name"
          label="名称"
          extra="按党派、级别和所在地自动填写，可以修改"
          rules={[{ required: true, whitespace: true, message: '请填写监督主体名称' }]}
        >
          <Input maxLength={100} placeholder="如：民建青山县委" data-testid="new-org-name" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
