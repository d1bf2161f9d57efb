import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Tooltip } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Settings } from '../../../shared/contract/index.ts';
import { THRESHOLD_DAYS } from '../../../shared/contract/ledger.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { DraftBanner } from '../../components/DraftBanner.tsx';
import { useSaveShortcut } from '../../components/shortcuts.ts';
import { useSubmit } from '../../components/use-submit.ts';
import { useUnsavedGuard } from '../../components/use-unsaved-guard.ts';
import { DocumentContactSection } from './DocumentContactSection.tsx';
import { AnalysisSection } from './AnalysisSection.tsx';
import { SignalSection } from './SignalSection.tsx';
import { OfficeDatabaseSection } from './OfficeDatabaseSection.tsx';
import { useAuth } from '../sign-in/auth.tsx';

const MODE_LABEL = { electron: '桌面程序', browser: '浏览器模式', cli: '命令行', test: '测试' } as const;

/** The same rule as the contract, shown before anything is sent: whole days within the range. */
function daysRule(label: string): Rule[] {
  const message = `${label}须为 ${THRESHOLD_DAYS.min} 到 ${THRESHOLD_DAYS.max} 之间的整数`;
  return [
    { required: true, message: `请填写${label}` },
    { type: 'integer', min: THRESHOLD_DAYS.min, max: THRESHOLD_DAYS.max, message },
  ];
}

/** 设置: who is writing (every change is logged under this name) and the warning thresholds. */
export function SettingsPage() {
  const { info, refresh } = useAppInfo();
  const office = useAuth().status.office;
  const { message } = App.useApp();
  const [form] = Form.useForm<Settings>();
  const guard = useUnsavedGuard(form, { draftKey: 'draft:settings', initialValues: info.settings });
  useSaveShortcut(() => form.submit());
  const { saving, error, submit } = useSubmit(async (v: Settings) => {
    await call('settings:update', v);
    guard.saved();
    message.success('已保存设置');
    await refresh();
  });

  return (
    <>
      <Card title="设置">
        <DraftBanner restoredAt={guard.restoredAt} onDiscard={guard.discardDraft} style={{ maxWidth: 560 }} />
        <Form<Settings> form={form} layout="vertical" {...guard.formProps} onFinish={submit} style={{ maxWidth: 560 }}>
          <Form.Item name="operator" label="操作人姓名" extra={office ? '共享台账的操作日志记下登录账号的姓名；这里的名字只用于本机台账' : '每一次修改都以这个名字记入操作日志'} rules={[{ required: true, whitespace: true, message: '请填写操作人姓名' }]}>
            <Input maxLength={50} data-testid="settings-operator" />
          </Form.Item>
          <Form.Item name="officeName" label="单位名称" extra="显示在界面和报告上，如：中共××县委统战部">
            <Input maxLength={100} data-testid="settings-office" />
          </Form.Item>
          {/* No min/max on the inputs: they would quietly change what was typed instead of saying why. */}
          <Form.Item name="dueSoonDays" label="临期提醒天数" extra="距整改时限不足这么多天时亮黄灯" rules={daysRule('临期提醒天数')}>
            <InputNumber suffix="天" style={{ width: 160 }} data-testid="settings-due-soon" />
          </Form.Item>
          <Form.Item name="stagnantDays" label="停滞提醒天数" extra="连续这么多天没有整改进展时亮黄灯" rules={daysRule('停滞提醒天数')}>
            <InputNumber suffix="天" style={{ width: 160 }} data-testid="settings-stagnant" />
          </Form.Item>
          <Form.Item name="immediateDays" label="立行立改期限" extra="“立行立改”的措施未写日期时，按交办后这么多天计算时限" rules={daysRule('立行立改期限')}>
            <InputNumber suffix="天" style={{ width: 160 }} data-testid="settings-immediate" />
          </Form.Item>
          <DocumentContactSection />
          <AnalysisSection />
          <SignalSection />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Tooltip title="Ctrl+S">
            <Button type="primary" htmlType="submit" loading={saving} data-testid="save-settings">保存设置</Button>
          </Tooltip>
        </Form>
      </Card>
      <OfficeDatabaseSection />
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
