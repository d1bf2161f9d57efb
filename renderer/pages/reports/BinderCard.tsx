import { useState } from 'react';
import { Alert, Button, Card, Select, Space, Typography } from 'antd';
import { FolderOpenOutlined } from '@ant-design/icons';
import type { LedgerFilter } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { useLoad } from '../../components/use-load.ts';
import { JobProgress } from './JobProgress.tsx';
import { useReportJob } from './use-report-job.ts';

const mb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`);

/**
 * 佐证材料汇编: every 佐证材料 of a batch (or of the page's scope) in one .zip, named
 * {问题序号}-{措施序号}-{文件序号}-{题名}, with its 材料清单 in Excel and Word. Built as a job.
 */
export function BinderCard({ filter }: { filter: LedgerFilter }) {
  const { dataVersion } = useAppInfo();
  const [batchId, setBatchId] = useState<number>();
  const scope: LedgerFilter = batchId ? { ...filter, batchId } : filter;
  const batches = useLoad(() => call('batches:list', {}), [dataVersion]);
  const preview = useLoad(() => call('binder:preview', { filter: scope }), [dataVersion, JSON.stringify(scope)]);
  const job = useReportJob();
  const p = preview.data;

  return (
    <Card title="佐证材料汇编" size="small" data-testid="binder-card">
      <Space direction="vertical" size={10} style={{ width: '100%' }}>
        <Space wrap>
          <Select<number>
            style={{ width: 420 }}
            allowClear
            placeholder="全部批次（即上方选择的范围）"
            value={batchId}
            onChange={setBatchId}
            loading={batches.loading}
            data-testid="binder-batch"
            showSearch={{ optionFilterProp: 'label' }}
            options={(batches.data ?? []).map((b) => ({ value: b.id, label: `${b.organizationName} ${b.docNumber ?? ''} ${b.topic}` }))}
          />
          <Button
            type="primary"
            icon={<FolderOpenOutlined />}
            disabled={!p || p.files === 0 || (job.running && job.job?.key !== 'binder')}
            loading={job.running && job.job?.key === 'binder'}
            onClick={() => void job.start('binder', { kind: 'binder', input: { filter: scope } })}
            data-testid="binder-build"
          >
            生成汇编（.zip）
          </Button>
        </Space>
        <Typography.Text data-testid="binder-preview" type={p && p.files === 0 ? 'secondary' : undefined}>
          {preview.loading && !p
            ? '正在统计佐证材料…'
            : p && p.files > 0
              ? `共 ${p.files} 份佐证材料，涉及 ${p.measures} 项整改措施，约 ${mb(p.bytes)}。`
              : '所选范围内还没有佐证材料。'}
        </Typography.Text>
        {p && p.missing > 0 && (
          <Alert type="warning" showIcon title={`${p.missing} 份佐证材料的文件在数据文件夹中缺失，汇编时将略过，并在材料清单的备注中注明。可在“备份与恢复”页检查数据。`} />
        )}
        {job.job?.key === 'binder' && (
          <JobProgress job={job.job} onCancel={() => void job.cancel()} onSave={() => job.job?.status && void job.save(job.job.status)} onDismiss={job.dismiss} />
        )}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 12 }}>
          文件按“问题序号-措施序号-文件序号-题名”命名（如 3-2-1-会议纪要.pdf，序号与台账一致）；多个批次时每个批次一个文件夹。附材料清单（Excel 和 Word 各一份），栏目按《归档文件整理规则》（DA/T 22）的归档文件目录：序号、文号、责任者、题名、日期、页数、备注。
        </Typography.Paragraph>
      </Space>
    </Card>
  );
}
