import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, InputNumber, Result, Space, Typography, Upload } from 'antd';
import { CloudDownloadOutlined, FolderOpenOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { BACKUP_KEEP_MAX, BACKUP_KEEP_MIN, type BackupEntryDto, type RestoreResultDto } from '../../../shared/contract/backup.ts';
import { call, saveFile, toUpload } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { useLoad } from '../../components/use-load.ts';
import { BackupTable } from './BackupTable.tsx';
import { useAuth } from '../sign-in/auth.tsx';
import { navigate } from '../../router.ts';
import { chineseDateTime } from './labels.ts';

const FIRST_BACKUP_NOTE = '恢复前，程序会先自动备份当前数据；恢复后如发现不对，可以“撤销上次恢复”。';

/** 备份与恢复: backups in the data folder, a copy to a USB stick, restore and its undo, how many to keep. */
export default function BackupPage() {
  // A shared ledger is backed up on its server; these file backups are the single-PC ledger's.
  if (useAuth().status.office) return <SharedLedgerBackup />;
  return <FileBackups />;
}

function SharedLedgerBackup() {
  const { status } = useAuth();
  return (
    <Card title="备份与恢复">
      <Result
        status="info"
        title="共享台账由服务器统一备份"
        subTitle={`现在使用的是办公室共享数据库（${status.where}）。它的备份由管理服务器的同事在服务器上每天进行（见程序说明文档“办公室共享数据库”一节）；本页的备份只用于本机台账文件。需要一份本机副本时，可以把共享台账导出到本机文件夹。`}
        extra={<Button type="primary" onClick={() => navigate('settings')} data-testid="backup-shared-go-settings">到“设置 › 办公室共享数据库”导出</Button>}
        data-testid="backup-shared"
      />
    </Card>
  );
}

function FileBackups() {
  const { message, modal } = App.useApp();
  const { refresh, dataVersion } = useAppInfo();
  const overview = useLoad(() => call('backup:list', {}), [dataVersion]);
  const [busy, setBusy] = useState<string | null>(null);
  const [keep, setKeep] = useState<number | null>(null);
  useEffect(() => setKeep(overview.data?.keep ?? null), [overview.data?.keep]);

  const run = async (key: string, work: () => Promise<void>) => {
    setBusy(key);
    try {
      await work();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(null);
      await overview.reload();
    }
  };

  const restored = async (r: RestoreResultDto, what: string) => {
    message.success(`${what}：现有反馈问题 ${r.counts.findings} 个、整改措施 ${r.counts.measures} 项、佐证材料 ${r.counts.evidence} 份`);
    await refresh();
  };

  const confirmRestore = (title: string, content: string, restore: () => Promise<RestoreResultDto>) =>
    modal.confirm({
      title,
      content: `${content}${FIRST_BACKUP_NOTE}`,
      okText: '恢复',
      cancelText: '取消',
      onOk: () => run('restore', async () => restored(await restore(), '已恢复')),
    });

  const restoreRow = (b: BackupEntryDto) =>
    confirmRestore(
      `恢复到 ${chineseDateTime(b.createdAt)} 的备份？`,
      `台账将回到这份备份时的状态（问题 ${b.counts.findings} 个、措施 ${b.counts.measures} 项、佐证材料 ${b.counts.evidence} 份），之后的修改不再显示。`,
      () => call('backup:restore', { id: b.id }),
    );

  const restoreFile = async (file: File) => {
    const upload = await toUpload(file);
    confirmRestore(`从“${file.name}”恢复？`, '台账将换成这个备份文件中的数据。', () => call('backup:restore', { file: upload }));
  };

  const last = overview.data?.lastRestore;
  return (
    <Card title="备份与恢复">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        每天第一次打开、每次导入和恢复之前，程序都会自动备份（含佐证材料）。也可以随时手动备份，或把备份存到 U 盘，防止电脑损坏时丢失数据。
      </Typography.Paragraph>
      {overview.error && <Alert type="error" showIcon title={overview.error} style={{ marginBottom: 12 }} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<SaveOutlined />} loading={busy === 'create'} disabled={!!busy} data-testid="backup-now"
          onClick={() => run('create', async () => {
            const b = await call('backup:create', { reason: 'manual' });
            message.success(`已备份：${chineseDateTime(b.createdAt)}`);
          })}>立即备份</Button>
        <Button icon={<CloudDownloadOutlined />} loading={busy === 'usb'} disabled={!!busy}
          onClick={() => run('usb', async () => {
            const b = await call('backup:create', { reason: 'manual' });
            const file = await call('backup:export', { id: b.id });
            await saveFile(file);
            message.success(`已生成备份文件：${file.fileName}，请保存到 U 盘`);
          })}>备份到…（U盘）</Button>
        <Upload accept=".zip" showUploadList={false} disabled={!!busy} beforeUpload={(f) => (void restoreFile(f), false)}>
          <Button icon={<FolderOpenOutlined />} disabled={!!busy} data-testid="restore-from-file">从备份文件恢复…</Button>
        </Upload>
        {last && (
          <Button icon={<UndoOutlined />} danger disabled={!!busy} data-testid="undo-restore"
            onClick={() => modal.confirm({
              title: '撤销上次恢复？',
              content: `台账将回到 ${chineseDateTime(last.at)} 恢复之前的状态。只能撤销一次。`,
              okText: '撤销恢复',
              cancelText: '取消',
              onOk: () => run('undo', async () => restored(await call('backup:undo-restore', {}), '已撤销上次恢复')),
            })}>撤销上次恢复</Button>
        )}
      </Space>
      <BackupTable backups={overview.data?.backups ?? []} loading={overview.loading} busy={busy} onRestore={restoreRow}
        onExport={(b) => run(`export-${b.id}`, async () => {
          const file = await call('backup:export', { id: b.id });
          await saveFile(file);
          message.success(`已生成备份文件：${file.fileName}`);
        })} />
      <Space style={{ marginTop: 12 }} align="center">
        <span>保留自动备份份数</span>
        <InputNumber min={BACKUP_KEEP_MIN} max={BACKUP_KEEP_MAX} value={keep} onChange={(v) => setKeep(v)} suffix="份" style={{ width: 110 }} data-testid="backup-keep" />
        <Button disabled={!keep || keep === overview.data?.keep || !!busy}
          onClick={() => run('keep', async () => {
            await call('backup:set-keep', { keep: keep! });
            message.success(`已保存：保留最近 ${keep} 份自动备份`);
          })}>保存</Button>
        <Typography.Text type="secondary">手动备份不会被自动删除</Typography.Text>
      </Space>
    </Card>
  );
}
