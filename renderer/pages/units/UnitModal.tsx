import { Alert, Col, Form, Input, Modal, Row, Select } from 'antd';
import type { UnitDto } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { useSubmit } from '../../components/use-submit.ts';

interface UnitValues {
  name?: string;
  contactPerson?: string;
  contactPhone?: string;
  aliases?: string[];
}

export function UnitModal({ unit, onClose, onDone }: { unit?: UnitDto; onClose: () => void; onDone: () => Promise<void> }) {
  const [form] = Form.useForm<UnitValues>();
  const { saving, error, submit } = useSubmit(async (v: UnitValues) => {
    await call('units:save', {
      id: unit?.id,
      name: v.name ?? '',
      contactPerson: v.contactPerson || null,
      contactPhone: v.contactPhone || null,
      aliases: v.aliases ?? [],
    });
    await onDone();
  }, onClose);

  return (
    <Modal open title={unit ? '编辑责任单位' : '新增责任单位'} okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={600}>
      <Form<UnitValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={unit ? { name: unit.name, contactPerson: unit.contactPerson ?? undefined, contactPhone: unit.contactPhone ?? undefined, aliases: unit.aliases } : { aliases: [] }}
      >
        <Form.Item name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}>
          <Input maxLength={100} placeholder="单位全称，如：青山县扶贫开发办公室" data-testid="unit-name" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="contactPerson" label="联系人">
              <Input maxLength={50} data-testid="unit-contact" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contactPhone" label="联系电话">
              <Input maxLength={50} data-testid="unit-phone" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="aliases" label="别名" extra="台账和导入表格里出现的简称，如“县扶贫办”；输入后按回车">
          <Select mode="tags" open={false} placeholder="输入简称后按回车" tokenSeparators={['、', '，', ',', '；', ';']} data-testid="unit-aliases" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
