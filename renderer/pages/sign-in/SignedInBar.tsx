import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { PASSWORD_MIN, USER_ROLE_LABEL } from '../../../shared/domain/users.ts';
import { call } from '../../api.ts';
import { errorText } from '../../components/errors.ts';
import { useAuth } from './auth.tsx';

const ROLE_COLOR = { admin: 'red', clerk: 'blue', leader: 'gold' } as const;

/** Office mode: who is signed in on this PC, their role, 修改密码 and 退出登录. Nothing on the single-PC ledger. */
export function SignedInBar() {
  const { status, signOut, readOnly } = useAuth();
  const [changing, setChanging] = useState(false);
  const user = status.user;
  if (!status.office || !user) return null;
  return (
    <div style={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 8, padding: '6px 20px', borderBottom: '1px solid #f0f0f0', background: '#fff' }} data-testid="signed-in-bar">
      {readOnly && <Typography.Text type="secondary" style={{ marginInlineEnd: 'auto', fontSize: 12 }}>领导账号：可以查看、打印和导出，不能修改台账</Typography.Text>}
      <Space size={4}>
        <UserOutlined />
        <span data-testid="signed-in-name">{user.displayName}</span>
        <Tag color={ROLE_COLOR[user.role]} style={{ marginInlineEnd: 0 }} data-testid="signed-in-role">{USER_ROLE_LABEL[user.role]}</Tag>
      </Space>
      <Button size="small" type="text" icon={<KeyOutlined />} onClick={() => setChanging(true)}>修改密码</Button>
      <Button size="small" icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="sign-out">退出登录</Button>
      {changing && <ChangePassword onClose={() => setChanging(false)} />}
    </div>
  );
}

function ChangePassword({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ oldPassword: string; newPassword: string; confirm: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await call('auth:change-password', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      void message.success('密码已修改，下次登录请用新密码');
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="修改我的密码" okText="保存" cancelText="取消" onOk={() => void save()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请填写原密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label="新密码" rules={[{ required: true, min: PASSWORD_MIN, message: `新密码至少 ${PASSWORD_MIN} 位` }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="再次输入新密码"
          dependencies={['newPassword']}
          rules={[{ required: true, message: '请再次输入新密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))) })]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Modal>
  );
}
