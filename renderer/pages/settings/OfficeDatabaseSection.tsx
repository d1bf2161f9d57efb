import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Space, Typography } from 'antd';
import { ApiOutlined, CloudServerOutlined, CloudUploadOutlined, DesktopOutlined, ExportOutlined, PlusOutlined } from '@ant-design/icons';
import type { OfficeConnectionInput, OfficeProbeDto, OfficeStatusDto } from '../../../shared/contract/office.ts';
import { call, SIGNED_OUT_EVENT } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { useLoad } from '../../components/use-load.ts';

type Connection = Required<Omit<OfficeConnectionInput, 'port'>> & { port: number };
type Busy = 'test' | 'migrate' | 'connect' | 'create' | 'export' | 'disconnect' | null;

const FIELDS_HELP = '下面这些信息由办公室管理服务器的同事提供（服务器的安装方法见程序说明文档 README 中的“办公室共享数据库”一节）。';

/**
 * 设置 › 办公室共享数据库 (issue 12): which ledger this PC uses — its own file, or the office's
 * shared ledger on a PostgreSQL server — and the ways between them, each confirmed first.
 */
export function OfficeDatabaseSection() {
  const { info, refresh } = useAppInfo();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Connection>();
  const status = useLoad(() => call('office:status', {}), []);
  const [probe, setProbe] = useState<{ ok: true; value: OfficeProbeDto } | { ok: false; error: string } | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [exportFolder, setExportFolder] = useState('');
  const [exported, setExported] = useState<string | null>(null);

  const run = async (what: Busy, fn: () => Promise<void>) => {
    setBusy(what);
    try {
      await fn();
    } catch (err) {
      modal.error({ title: '没有完成', content: errorText(err) });
    } finally {
      setBusy(null);
    }
  };

  const switched = async (text: string) => {
    message.success(text);
    setProbe(null);
    await refresh();
    // Another ledger, other accounts: the sign-in gate asks the core again (a shared ledger shows its sign-in page).
    window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    await status.reload();
  };

  const test = async () => {
    const values = await form.validateFields();
    setBusy('test');
    setProbe(null);
    try {
      setProbe({ ok: true, value: await call('office:test-connection', values) });
    } catch (err) {
      setProbe({ ok: false, error: errorText(err) });
    } finally {
      setBusy(null);
    }
  };

  const confirmMigrate = (p: OfficeProbeDto) =>
    modal.confirm({
      title: '迁移本机台账到服务器？',
      width: 520,
      content: (
        <div data-testid="office-migrate-confirm">
          将把这台电脑上的台账（{info.counts.batches} 个批次、{info.counts.findings} 个问题、{info.counts.measures} 条措施、{info.counts.units} 个单位，连同进展、操作日志等全部记录）复制到 {p.where}，逐表核对数量和内容无误后，本程序改用这本共享台账。
          <br />本机台账文件保留不动；迁移中途出错时服务器上不会留下任何数据。迁移后，每位同事用自己的账号登录。
        </div>
      ),
      okText: '开始迁移',
      cancelText: '取消',
      onOk: () =>
        run('migrate', async () => {
          const r = await call('office:migrate-to-server', { ...form.getFieldsValue(), connect: true });
          await switched(`已迁移并切换到共享台账：${r.counts.findings} 个问题、${r.counts.measures} 条措施，${r.tablesChecked} 张表核对一致`);
          if (r.evidenceNote) modal.info({ title: '关于佐证材料', content: r.evidenceNote });
        }),
    });

  const confirmConnect = (p: OfficeProbeDto, createEmpty: boolean) =>
    modal.confirm({
      title: createEmpty ? '新建空的共享台账？' : '连接已有共享台账？',
      width: 520,
      content: (
        <div data-testid="office-connect-confirm">
          {createEmpty
            ? `将在 ${p.where} 上新建一本空的共享台账，并改用它。本机台账的数据不会复制过去（如需带过去，请改用“迁移本机台账到服务器”）。`
            : `将改用 ${p.where} 上的共享台账${p.counts ? `（${p.counts.batches} 个批次、${p.counts.findings} 个问题、${p.counts.measures} 条措施）` : ''}。`}
          <br />本机台账文件保留不动，随时可以改回。切换后请用自己的账号登录。
        </div>
      ),
      okText: createEmpty ? '新建并切换' : '连接并切换',
      cancelText: '取消',
      onOk: () =>
        run(createEmpty ? 'create' : 'connect', async () => {
          await call('office:connect', { ...form.getFieldsValue(), createEmpty });
          await switched(createEmpty ? '已新建并切换到共享台账' : '已切换到共享台账');
        }),
    });

  const confirmDisconnect = (s: OfficeStatusDto) =>
    modal.confirm({
      title: '改回本机台账？',
      width: 520,
      content: (
        <div data-testid="office-disconnect-confirm">
          将改用这台电脑上的台账文件（{s.localFile}）。它是切换到共享台账之前的数据，不含之后大家在共享台账里的修改；共享台账仍完整保留在服务器上。
          <br />如需把共享台账的数据带到本机，请先“导出共享台账到本机文件”。
        </div>
      ),
      okText: '改回本机台账',
      cancelText: '取消',
      onOk: () =>
        run('disconnect', async () => {
          await call('office:disconnect', {});
          await switched('已改回本机台账');
        }),
    });

  const doExport = () =>
    run('export', async () => {
      const r = await call('office:export-to-local', { folder: exportFolder });
      setExported(`已导出到 ${r.file}：${r.counts.batches} 个批次、${r.counts.findings} 个问题、${r.counts.measures} 条措施，${r.tablesChecked} 张表核对一致。${r.evidenceNote ?? ''}`);
    });

  const s = status.data;
  const p = probe?.ok ? probe.value : null;
  return (
    <Card title="办公室共享数据库" style={{ marginTop: 16 }} data-testid="office-section">
      {status.error && <Alert type="error" showIcon title={status.error} style={{ marginBottom: 12 }} />}
      {s && (
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }} data-testid="office-mode"
          items={[
            {
              key: 'mode',
              label: '现在使用',
              children: s.mode === 'office'
                ? <Space><CloudServerOutlined /><span data-testid="office-mode-label">办公室共享台账</span><Typography.Text type="secondary">{s.where}{s.connection ? `，用户 ${s.connection.user}` : ''}</Typography.Text></Space>
                : <Space><DesktopOutlined /><span data-testid="office-mode-label">本机台账</span><Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>{s.where}</Typography.Text></Space>,
            },
          ]}
        />
      )}
      {s?.mode === 'office' && (
        <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 640 }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            共享台账保存在服务器上，由服务器统一备份。需要一份本机副本（如带离办公室、交上级）时，可导出为本机台账文件：导出的文件夹可在启动程序时指定为数据文件夹打开。
          </Typography.Paragraph>
          <Space.Compact style={{ width: '100%' }}>
            <Input placeholder={`保存到的空文件夹，如 ${info.dataDir.includes('\\') ? 'D:\\整改台账导出' : '/home/用户/整改台账导出'}`} value={exportFolder}
              onChange={(e) => setExportFolder(e.target.value)} data-testid="office-export-folder" />
            <Button icon={<ExportOutlined />} loading={busy === 'export'} disabled={!!busy || !exportFolder.trim()} onClick={doExport} data-testid="office-export">导出共享台账到本机文件</Button>
          </Space.Compact>
          {exported && <Alert type="success" showIcon title={exported} data-testid="office-export-result" />}
          <div>
            <Button icon={<DesktopOutlined />} loading={busy === 'disconnect'} disabled={!!busy} onClick={() => confirmDisconnect(s)} data-testid="office-disconnect">改回本机台账</Button>
          </div>
        </Space>
      )}
      {s?.mode === 'local' && (
        <>
          <Typography.Paragraph type="secondary" style={{ maxWidth: 640 }}>
            几位同事要共用一本台账时，由办公室在一台服务器上安装 PostgreSQL 数据库，各台电脑在这里连接它。{FIELDS_HELP}
          </Typography.Paragraph>
          <Form<Connection> form={form} layout="vertical" style={{ maxWidth: 560 }} initialValues={{ port: 5432, tls: false, password: '' }}
            onValuesChange={() => setProbe(null)}>
            <div style={{ display: 'flex' }}>
              <Form.Item name="host" label="服务器地址" style={{ flex: 1 }} rules={[{ required: true, whitespace: true, message: '请填写服务器地址' }]} extra="服务器电脑的 IP 地址或名称，如 192.168.1.20">
                <Input maxLength={200} data-testid="office-host" />
              </Form.Item>
              <Form.Item name="port" label="端口" style={{ width: 120, marginInlineStart: 12 }} rules={[{ required: true, message: '请填写端口' }]}>
                <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} data-testid="office-port" />
              </Form.Item>
            </div>
            <Form.Item name="database" label="数据库名" rules={[{ required: true, whitespace: true, message: '请填写数据库名' }]}>
              <Input maxLength={63} data-testid="office-database" />
            </Form.Item>
            <Form.Item name="user" label="用户名" rules={[{ required: true, whitespace: true, message: '请填写用户名' }]}>
              <Input maxLength={63} autoComplete="off" data-testid="office-user" />
            </Form.Item>
            <Form.Item name="password" label="密码">
              <Input.Password maxLength={200} autoComplete="new-password" data-testid="office-password" />
            </Form.Item>
            <Form.Item name="tls" valuePropName="checked" extra="服务器要求加密连接（SSL/TLS）时勾选">
              <Checkbox data-testid="office-tls">加密连接</Checkbox>
            </Form.Item>
            <Button icon={<ApiOutlined />} loading={busy === 'test'} disabled={!!busy && busy !== 'test'} onClick={() => void test()} data-testid="office-test">测试连接</Button>
          </Form>
          {probe && (
            <Alert style={{ marginTop: 12, maxWidth: 640 }} showIcon data-testid="office-probe"
              type={!probe.ok ? 'error' : p!.state === 'foreign' || p!.state === 'newer' ? 'warning' : 'success'}
              title={probe.ok ? probe.value.summary : probe.error} />
          )}
          {p && (p.state === 'empty' || p.state === 'ledger') && (
            <Space wrap style={{ marginTop: 12 }}>
              {!p.hasData && (
                <Button type="primary" icon={<CloudUploadOutlined />} loading={busy === 'migrate'} disabled={!!busy} onClick={() => confirmMigrate(p)} data-testid="office-migrate">迁移本机台账到服务器</Button>
              )}
              {p.state === 'ledger' && (
                <Button type={p.hasData ? 'primary' : 'default'} icon={<CloudServerOutlined />} loading={busy === 'connect'} disabled={!!busy} onClick={() => confirmConnect(p, false)} data-testid="office-connect">连接已有共享台账</Button>
              )}
              {p.state === 'empty' && (
                <Button icon={<PlusOutlined />} loading={busy === 'create'} disabled={!!busy} onClick={() => confirmConnect(p, true)} data-testid="office-create">新建空的共享台账</Button>
              )}
            </Space>
          )}
        </>
      )}
    </Card>
  );
}
