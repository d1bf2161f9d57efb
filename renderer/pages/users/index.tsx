import { useCallback, useEffect, useState } from 'react';
import dayjs from 'dayjs';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PASSWORD_MIN, USER_ROLE_LABEL, USER_ROLES, type UserDto, type UserRole } from '../../../shared/contract/users.ts';
import { call } from '../../api.ts';
import { errorText } from '../../components/errors.ts';
import { useAuth } from '../sign-in/auth.tsx';

/**
 * 用户管理 (office mode, 管理员 only): one account per clerk, so the 操作日志 names who did what.
 * Roles: 管理员 keeps accounts and 设置; 文员 edits the ledger; 领导 reads, prints and exports.
 */
const ROLE_HELP: Record<UserRole, string> = {
  admin: '管理账号和办公室设置，也可修改台账',
  clerk: '录入和修改台账',
  leader: '只能查看、打印和导出',
};

export function UsersPage() {
  const { status, isAdmin } = useAuth();
  const [users, setUsers] = useState<UserDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<UserDto | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserDto | null>(null);
  const { message } = App.useApp();

  const load = useCallback(async () => {
    try {
      setUsers(await call('users:list', {}));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useEffect(() => {
    if (isAdmin) void load();
  }, [isAdmin, load]);

  if (!status.office) return <Alert type="info" showIcon title="单机台账不需要登录和用户管理" description="连接办公室共享数据库（设置 › 办公室共享数据库）后，每位文员用自己的账号登录。" />;
  if (!isAdmin) return <Alert type="warning" showIcon title="只有管理员可以管理用户" />;

  const toggle = async (u: UserDto) => {
    try {
      await call('users:disable', { id: u.id, disabled: !u.disabled });
      void message.success(u.disabled ? `已启用“${u.displayName}”` : `已停用“${u.displayName}”`);
      await load();
    } catch (err) {
      void message.error(errorText(err));
    }
  };

  return (
    <Card
      title="用户管理"
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-new">新建账号</Button>}
    >
      <Typography.Paragraph type="secondary">每位文员、领导各用一个账号登录共享台账，操作日志记下是谁做的。停用的账号不能再登录，它做过的操作仍保留在日志中。</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<UserDto>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={users}
        data-testid="users-table"
        columns={[
          { title: '姓名', dataIndex: 'displayName' },
          { title: '登录名', dataIndex: 'username' },
          { title: '角色', dataIndex: 'role', render: (r: UserRole) => <Tag>{USER_ROLE_LABEL[r]}</Tag> },
          { title: '状态', dataIndex: 'disabled', render: (d: boolean) => (d ? <Tag color="default">已停用</Tag> : <Tag color="green">启用</Tag>) },
          { title: '最后修改', dataIndex: 'updatedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          {
            title: '操作',
            render: (_, u) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(u)}>编辑</Button>
                <Button type="link" size="small" onClick={() => setResetting(u)}>重设密码</Button>
                {u.id !== status.user?.id && (
                  <Popconfirm title={u.disabled ? `启用“${u.displayName}”？` : `停用“${u.displayName}”？停用后不能再登录。`} okText="确定" cancelText="取消" onConfirm={() => toggle(u)}>
                    <Button type="link" size="small" danger={!u.disabled}>{u.disabled ? '启用' : '停用'}</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <UserModal
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(u) => {
            setEditing(null);
            void message.success(`已保存账号“${u.displayName}”`);
            void load();
          }}
        />
      )}
      {resetting && <ResetModal user={resetting} onClose={() => setResetting(null)} />}
    </Card>
  );
}

interface UserForm {
  displayName: string;
  username: string;
  role: UserRole;
  password?: string;
}

function UserModal({ user, onClose, onSaved }: { user: UserDto | null; onClose: () => void; onSaved: (u: UserDto) => void }) {
  const [form] = Form.useForm<UserForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('users:save', user ? { id: user.id, version: user.version, displayName: v.displayName, username: v.username, role: v.role } : { displayName: v.displayName, username: v.username, role: v.role, password: v.password }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={user ? `编辑账号“${user.displayName}”` : '新建账号'} okText="保存" cancelText="取消" onOk={() => void save()} onCancel={onClose} confirmLoading={busy} destroyOnHidden okButtonProps={{ 'data-testid': 'user-save' } as never}>
      <Form form={form} layout="vertical" requiredMark={false} initialValues={user ?? { role: 'clerk' }} data-testid="user-form">
        <Form.Item name="displayName" label="姓名（操作日志中显示）" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={20} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="username" label="登录名" rules={[{ required: true, whitespace: true, message: '请填写登录名' }]}>
          <Input maxLength={30} data-testid="user-username" />
        </Form.Item>
        <Form.Item name="role" label="角色">
          <Select data-testid="user-role" options={USER_ROLES.map((r) => ({ value: r, label: `${USER_ROLE_LABEL[r]}：${ROLE_HELP[r]}` }))} />
        </Form.Item>
        {!user && (
          <Form.Item name="password" label="初始密码（请当面告知本人，登录后可自行修改）" rules={[{ required: true, min: PASSWORD_MIN, message: `初始密码至少 ${PASSWORD_MIN} 位` }]}>
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="user-error" />}
    </Modal>
  );
}

function ResetModal({ user, onClose }: { user: UserDto; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const v = await form.validateFields();
    try {
      await call('users:reset-password', { id: user.id, password: v.password });
      void message.success(`已重设“${user.displayName}”的密码`);
      onClose();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <Modal open title={`重设“${user.displayName}”的密码`} okText="保存" cancelText="取消" onOk={() => void save()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="password" label="新密码" rules={[{ required: true, min: PASSWORD_MIN, message: `新密码至少 ${PASSWORD_MIN} 位` }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
