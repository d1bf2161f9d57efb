import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Typography } from 'antd';
import { OFFICE_LEVELS, placeOfOffice, type OfficeLevel } from '../../shared/domain/org-names.ts';
import { call } from '../api.ts';
import { useAppInfo } from '../app-info.tsx';
import { useSubmit } from './use-submit.ts';

interface OfficeValues {
  officeName?: string;
  level?: OfficeLevel;
  place?: string;
}

/**
 * The first run's first question: which office this is. Its level and place turn the preset
 * 监督主体 into the committees it deals with (民建青山县委, 青山县工商联 …).
 */
export function OfficeSetup() {
  const { info, refresh } = useAppInfo();
  const { message } = App.useApp();
  const [form] = Form.useForm<OfficeValues>();
  const [later, setLater] = useState(false);
  const { saving, error, submit } = useSubmit(async (v: OfficeValues) => {
    await call('settings:update', { ...info.settings, officeName: v.officeName ?? '' });
    const orgs = await call('orgs:seed-for-level', { level: v.level ?? '县级', place: v.place ?? '' });
    message.success(`已保存本单位，监督主体已按${v.level}准备好（共 ${orgs.length} 个，可在“监督主体”页修改）`);
    await refresh();
  });
  if (info.settings.officeName || later) return null;

  // Typing 中共青山县委统战部 fills in 县级 and 青山县 where the clerk has not chosen them yet.
  const guess = (changed: Partial<OfficeValues>) => {
    if (changed.officeName === undefined) return;
    const found = placeOfOffice(changed.officeName);
    if (!found) return;
    if (!form.isFieldTouched('level')) form.setFieldValue('level', found.level);
    if (!form.isFieldTouched('place')) form.setFieldValue('place', found.place);
  };

  return (
    <Card size="small" title="先设置本单位" data-testid="office-setup" style={{ maxWidth: 760, margin: '0 auto 16px' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        填写本单位名称和层级后，监督主体会换成本级的名称（如县级：民革青山县委会、民建青山县委、青山县工商联），登记反馈批次时直接选用。
      </Typography.Paragraph>
      <Form<OfficeValues> form={form} layout="vertical" onFinish={submit} onValuesChange={guess} initialValues={{ level: '县级' }}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="officeName" label="本单位名称" rules={[{ required: true, whitespace: true, message: '请填写本单位名称' }]}>
              <Input maxLength={100} placeholder="如：中共青山县委统战部" data-testid="office-name" />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="level" label="层级" rules={[{ required: true, message: '请选择层级' }]}>
              <Select options={OFFICE_LEVELS.map((l) => ({ value: l, label: l }))} data-testid="office-level" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="place" label="所在地" rules={[{ required: true, whitespace: true, message: '请填写所在地，如：青山县' }]}>
              <Input maxLength={20} placeholder="如：青山县" data-testid="office-place" />
            </Form.Item>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="save-office">保存</Button>
        <Button type="link" onClick={() => setLater(true)}>以后再说</Button>
      </Form>
    </Card>
  );
}
