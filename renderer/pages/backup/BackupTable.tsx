import { Button, Space, Table, Tag } from 'antd';
import { BACKUP_REASON_LABEL, type BackupEntryDto } from '../../../shared/contract/backup.ts';
import { chineseDateTime, sizeText } from './labels.ts';

/** The backups in the data folder, newest first, with what each holds. */
export function BackupTable({ backups, loading, busy, onRestore, onExport }: {
  backups: BackupEntryDto[];
  loading: boolean;
  busy: string | null;
  onRestore: (b: BackupEntryDto) => void;
  onExport: (b: BackupEntryDto) => void;
}) {
  return (
    <Table<BackupEntryDto>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={backups}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      onRow={() => ({ 'data-testid': 'backup-row' }) as React.HTMLAttributes<HTMLElement>}
      locale={{ emptyText: '还没有备份。点击“立即备份”做第一份。' }}
      columns={[
        { title: '备份时间', dataIndex: 'createdAt', width: 170, render: (v: string) => chineseDateTime(v) },
        {
          title: '原因',
          dataIndex: 'reason',
          width: 90,
          render: (r: BackupEntryDto['reason']) => <Tag color={r === 'manual' ? 'blue' : r === 'restore' ? 'orange' : 'default'}>{BACKUP_REASON_LABEL[r]}</Tag>,
        },
        { title: '问题', align: 'right', width: 70, render: (_, b) => b.counts.findings },
        { title: '措施', align: 'right', width: 70, render: (_, b) => b.counts.measures },
        { title: '佐证材料', align: 'right', width: 80, render: (_, b) => b.counts.evidence },
        { title: '大小', dataIndex: 'size', align: 'right', width: 90, render: (v: number) => sizeText(v) },
        {
          title: '操作',
          width: 190,
          render: (_, b) => (
            <Space size={4}>
              <Button size="small" onClick={() => onRestore(b)} disabled={!!busy} data-testid="restore-backup">恢复</Button>
              <Button size="small" type="link" loading={busy === `export-${b.id}`} disabled={!!busy} onClick={() => onExport(b)}>备份到…</Button>
            </Space>
          ),
        },
      ]}
    />
  );
}
