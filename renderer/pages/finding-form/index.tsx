import { Alert, App, Button, Card, Empty, Form, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { FindingFields } from '../../components/FindingFields.tsx';
import { MeasureFields } from '../../components/MeasureFields.tsx';
import { measureInputOf, NEW_MEASURE, type MeasureFormValues } from '../../components/measure-form.ts';
import { useUnits } from '../../components/units.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useSubmit } from '../../components/use-submit.ts';
import { navigate } from '../../router.ts';

interface NewFindingValues {
  batchId?: number;
  seq?: string;
  category?: string;
  text?: string;
  suggestion?: string;
  target?: string;
  measures: MeasureFormValues[];
}

/** 新增问题: a finding and its checklist of measures, written in one go or not at all. */
export function NewFindingPage({ batchId }: { batchId?: number }) {
  const [form] = Form.useForm<NewFindingValues>();
  const { message } = App.useApp();
  const { refresh } = useAppInfo();
  const batches = useLoad(() => call('batches:list', {}), []);
  const facets = useLoad(() => call('ledger:facets', {}), []);
  const units = useUnits();
  const { saving, error, setError, submit } = useSubmit(async (v: NewFindingValues) => {
    const created = await call('findings:create', {
      batchId: v.batchId ?? 0,
      seq: v.seq?.trim() || undefined,
      category: v.category || null,
      text: v.text ?? '',
      suggestion: v.suggestion || null,
      target: v.target || null,
      measures: (v.measures ?? []).map(measureInputOf),
    });
    message.success(`已保存反馈问题 ${created.seq}`);
    await refresh();
    navigate(`findings/${created.id}`, {}, { replace: true });
  });

  if (batches.data && batches.data.length === 0) {
    return (
      <Card title="新增反馈问题">
        <Empty description="反馈问题要归入一个反馈批次，请先登记收到的反馈意见">
          <Button type="primary" onClick={() => navigate('batches', { new: 1 })}>登记反馈批次</Button>
        </Empty>
      </Card>
    );
  }

  return (
    <Card title="新增反馈问题" extra={<Button onClick={() => history.back()}>返回</Button>} data-testid="new-finding-form">
      <Form<NewFindingValues>
        form={form}
        layout="vertical"
        initialValues={{ batchId, measures: [NEW_MEASURE] }}
        onFinish={submit}
        onFinishFailed={() => setError('请按红字提示补全后再保存')}
        scrollToFirstError
        style={{ maxWidth: 960 }}
      >
        <Form.Item name="batchId" label="反馈批次" rules={[{ required: true, message: '请选择反馈批次' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择这条问题所属的反馈意见"
            loading={batches.loading}
            data-testid="finding-batch"
            options={batches.data?.map((b) => ({ value: b.id, label: `${b.organizationName}｜${b.topic}${b.docNumber ? `（${b.docNumber}）` : ''}` }))}
          />
        </Form.Item>
        <FindingFields categories={facets.data?.categories ?? []} />

        <Typography.Title level={5}>整改措施清单</Typography.Title>
        <Form.List name="measures">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  type="inner"
                  title={`措施 ${index + 1}`}
                  style={{ marginBottom: 12 }}
                  data-testid="measure-form-item"
                  extra={
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                      删除此措施
                    </Button>
                  }
                >
                  <MeasureFields prefix={[field.name]} listPath={['measures']} units={units} />
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(NEW_MEASURE)} data-testid="add-measure">
                添加一条整改措施
              </Button>
            </>
          )}
        </Form.List>

        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="form-error" />}
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="save-finding">保存</Button>
          <Button onClick={() => history.back()}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
