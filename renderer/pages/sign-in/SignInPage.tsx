import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Popconfirm, Typography } from 'antd';
import { DatabaseOutlined, FileSearchOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import type { AuthStatus } from '../../../shared/contract/users.ts';
import { PASSWORD_MIN } from '../../../shared/domain/users.ts';
import { call } from '../../api.ts';
import { errorText } from '../../components/errors.ts';

/**
 * The shared ledger's door: each clerk signs in with their own account so that the 操作日志 names
 * who did what. On a ledger with no account yet, the first clerk creates the 管理员 account.
 */
export function SignInPage({ status, onSignedIn }: { status: AuthStatus; onSignedIn: (s: AuthStatus) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<AuthStatus>) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await work());
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5', padding: 24 }} data-testid="sign-in-page">
      <Card style={{ width: 400 }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 4 }}>
          <FileSearchOutlined style={{ fontSize: 26, color: '#b71c1c' }} />
          <Typography.Title level={3} style={{ margin: 0 }}>整改台账</Typography.Title>
        </div>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
          {status.officeName ? `${status.officeName} · ` : ''}办公室共享台账
          <br />
          <DatabaseOutlined /> 共享数据库：{status.where}
        </Typography.Paragraph>
        {status.needsFirstAdmin ? <FirstAdminForm busy={busy} onSubmit={(v) => run(() => call('auth:first-admin', v))} /> : <SignInForm busy={busy} onSubmit={(v) => run(() => call('auth:sign-in', v))} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="sign-in-error" />}
        <div style={{ marginTop: 16, textAlign: 'right' }}>
          <Popconfirm
            title="改回本机台账？"
            description="这台电脑将改为打开本机的台账文件；共享数据库中的台账不受影响，以后可在“设置 › 办公室共享数据库”重新连接。"
            okText="改回本机台账"
            cancelText="取消"
            onConfirm={() => run(async () => {
              await call('office:disconnect', {});
              window.location.reload();
              return status;
            })}
          >
            <Button type="link" size="small" data-testid="sign-in-go-local">改回本机台账</Button>
          </Popconfirm>
        </div>
      </Card>
    </div>
  );
}

function SignInForm({ busy, onSubmit }: { busy: boolean; onSubmit: (v: { username: string; password: string }) => void }) {
  return (
    <Form layout="vertical" onFinish={onSubmit} requiredMark={false} data-testid="sign-in-form">
      <Form.Item name="username" label="登录名" rules={[{ required: true, whitespace: true, message: '请填写登录名' }]}>
        <Input prefix={<UserOutlined />} autoFocus autoComplete="username" data-testid="sign-in-username" />
      </Form.Item>
      <Form.Item name="password" label="密码" rules={[{ required: true, message: '请填写密码' }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="sign-in-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">
        登录
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        忘记密码或没有账号，请联系本办公室的管理员。
      </Typography.Paragraph>
    </Form>
  );
}

function FirstAdminForm({ busy, onSubmit }: { busy: boolean; onSubmit: (v: { username: string; displayName: string; password: string }) => void }) {
  return (
    <Form layout="vertical" onFinish={(v: { username: string; displayName: string; password: string }) => onSubmit({ username: v.username, displayName: v.displayName, password: v.password })} requiredMark={false} data-testid="first-admin-form">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="这个共享台账还没有账号" description="请先创建管理员账号。管理员负责为每位文员和领导开设账号、设置办公室的选项。" />
      <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
        <Input autoFocus maxLength={20} data-testid="first-admin-name" />
      </Form.Item>
      <Form.Item name="username" label="登录名" rules={[{ required: true, whitespace: true, message: '请填写登录名' }]}>
        <Input prefix={<UserOutlined />} maxLength={30} autoComplete="username" data-testid="first-admin-username" />
      </Form.Item>
      <Form.Item name="password" label="密码" rules={[{ required: true, min: PASSWORD_MIN, message: `密码至少 ${PASSWORD_MIN} 位` }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="first-admin-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="再次输入密码"
        dependencies={['password']}
        rules={[{ required: true, message: '请再次输入密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))) })]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="first-admin-confirm" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="first-admin-submit">
        创建管理员并登录
      </Button>
    </Form>
  );
}
