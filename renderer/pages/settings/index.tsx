import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber } from 'antd';
import type { Settings } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { useSubmit } from '../../components/use-submit.ts';

const MODE_LABEL = { electron: '桌面程序', browser: '浏览器模式', cli: '命令行', test: '测试' } as const;

/** 设置: who is writing (every change is logged under this name) and the warning thresholds. */
export function SettingsPage() {
  const { info, refresh } = useAppInfo();
  const { message } = App.useApp();
  const [form] = Form.useForm<Settings>();
  const { saving, error, submit } = useSubmit(async (v: Settings) => {
    await call('settings:update', v);
    message.success('已保存设置');
    await refresh();
  });

  return (
    <>
      <Card title="设置">
        <Form<Settings> form={form} layout="vertical" initialValues={info.settings} onFinish={submit} style={{ maxWidth: 560 }}>
          <Form.Item name="operator" label="操作人姓名" extra="每一次修改都以这个名字记入操作日志" rules={[{ required: true, whitespace: true, message: '请填写操作人姓名' }]}>
            <Input maxLength={50} data-testid="settings-operator" />
          </Form.Item>
          <Form.Item name="officeName" label="单位名称" extra="显示在界面和报告上，如：中共××县委统战部">
            <Input maxLength={100} data-testid="settings-office" />
          </Form.Item>
          <Form.Item name="dueSoonDays" label="临期提醒天数" extra="距整改时限不足这么多天时亮黄灯" rules={[{ required: true, message: '请填写临期提醒天数' }]}>
            <InputNumber min={0} max={365} suffix="天" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="stagnantDays" label="停滞提醒天数" extra="连续这么多天没有整改进展时亮黄灯" rules={[{ required: true, message: '请填写停滞提醒天数' }]}>
            <InputNumber min={1} max={3650} suffix="天" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="immediateDays" label="立行立改期限" extra="“立行立改”的措施未写日期时，按交办后这么多天计算时限" rules={[{ required: true, message: '请填写立行立改期限' }]}>
            <InputNumber min={0} max={365} suffix="天" style={{ width: 160 }} />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" loading={saving} data-testid="save-settings">保存设置</Button>
        </Form>
      </Card>
      <Card title="关于" style={{ marginTop: 16 }}>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'version', label: '版本', children: info.version },
            { key: 'mode', label: '运行方式', children: MODE_LABEL[info.mode] },
            { key: 'dir', label: '数据文件夹', children: <span style={{ wordBreak: 'break-all' }}>{info.dataDir}</span> },
            { key: 'today', label: '今天', children: info.today },
            {
              key: 'counts',
              label: '数据量',
              children: `${info.counts.batches} 个批次、${info.counts.findings} 个问题、${info.counts.measures} 条措施、${info.counts.units} 个单位`,
            },
          ]}
        />
      </Card>
    </>
  );
}
