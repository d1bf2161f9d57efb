import { useEffect, useState } from 'react';
import { Button, Card, Form, Input, Select, Skeleton, Space, Typography } from 'antd';
import { FileExcelOutlined, MailOutlined, TableOutlined } from '@ant-design/icons';
import type { LedgerFilter } from '../../../shared/contract/index.ts';
import { GROUP_BYS, GROUP_BY_LABEL, type GroupBy, type LedgerColumn, type ReportOptionsDto } from '../../../shared/contract/reports.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { useLoad } from '../../components/use-load.ts';
import { ColumnPicker } from './ColumnPicker.tsx';
import { ReportWordCard } from './ReportWordCard.tsx';
import { JobProgress } from './JobProgress.tsx';
import { useFileAction } from './use-file-action.ts';
import { useReportJob } from './use-report-job.ts';

/**
 * Excel 台账, Word 整改情况报告 and 办理情况反馈函, for the chosen scope. The buttons work before the
 * remembered options have loaded (the core then uses the saved ones); the ledger and the report
 * run as jobs with progress and 「取消」.
 */
export function ExportCard({ filter, options }: { filter: LedgerFilter; options: ReportOptionsDto | undefined }) {
  const { dataVersion } = useAppInfo();
  const [columns, setColumns] = useState<LedgerColumn[] | undefined>(options?.columns);
  const [groupBy, setGroupBy] = useState<GroupBy | undefined>(options?.groupBy);
  const [ledgerTitle, setLedgerTitle] = useState('');
  const [batchId, setBatchId] = useState<number>();
  const batches = useLoad(() => call('batches:list', {}), [dataVersion]);
  const { busy, run } = useFileAction();
  const job = useReportJob();
  const progressOf = (key: string) =>
    job.job?.key === key && <JobProgress job={job.job} onCancel={() => void job.cancel()} onSave={() => job.job?.status && void job.save(job.job.status)} onDismiss={job.dismiss} />;

  useEffect(() => {
    if (!options) return;
    setColumns(options.columns);
    setGroupBy(options.groupBy);
  }, [options]);

  return (
    <>
      <Card title="Excel 整改台账（可打印）" size="small">
        <Form layout="vertical">
          <Form.Item label="列（勾选并排序，下次导出沿用）">
            {columns ? <ColumnPicker value={columns} onChange={setColumns} /> : <Skeleton.Input active block size="small" />}
          </Form.Item>
          <Space wrap size="large">
            <Form.Item label="分组">
              <Select<GroupBy>
                style={{ width: 160 }}
                value={groupBy}
                onChange={setGroupBy}
                data-testid="group-by"
                options={GROUP_BYS.map((g) => ({ value: g, label: GROUP_BY_LABEL[g] }))}
              />
            </Form.Item>
            <Form.Item label="标题（可不填）">
              <Input style={{ width: 360 }} value={ledgerTitle} onChange={(e) => setLedgerTitle(e.target.value)} placeholder="默认：XX民主监督反馈问题整改台账" maxLength={100} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Button
              type="primary"
              icon={<FileExcelOutlined />}
              loading={job.running && job.job?.key === 'xlsx'}
              disabled={job.running && job.job?.key !== 'xlsx'}
              data-testid="export-xlsx"
              onClick={() => void job.start('xlsx', { kind: 'report:ledger-xlsx', input: { filter, columns, groupBy, title: ledgerTitle || undefined } })}
            >
              导出 Excel 台账
            </Button>
            <Button
              icon={<TableOutlined />}
              loading={job.running && job.job?.key === 'statistics'}
              disabled={job.running && job.job?.key !== 'statistics'}
              data-testid="export-statistics"
              onClick={() => void job.start('statistics', { kind: 'report:statistics-xlsx', input: { filter } })}
            >
              只导出统计表
            </Button>
          </Space>
          <Typography.Text type="secondary" style={{ marginInlineStart: 12, fontSize: 12 }}>
            A4 横向、每页重复表头、页脚“第 N 页 共 M 页”，另附按单位、党派、批次的统计表。
          </Typography.Text>
          {progressOf('xlsx')}
          {progressOf('statistics')}
        </Form>
      </Card>

      <ReportWordCard filter={filter} options={options} />

      <Card title="办理情况反馈函（致党派）" size="small">
        <Space wrap>
          <Select<number>
            style={{ width: 420 }}
            placeholder="选择反馈批次"
            value={batchId}
            onChange={setBatchId}
            loading={batches.loading}
            data-testid="letter-batch"
            showSearch={{ optionFilterProp: 'label' }}
            options={(batches.data ?? []).map((b) => ({ value: b.id, label: `${b.organizationName} ${b.docNumber ?? ''} ${b.topic}` }))}
          />
          <Button icon={<MailOutlined />} disabled={!batchId} loading={busy === 'letter'} data-testid="reply-letter" onClick={() => batchId && void run('letter', () => call('report:reply-letter', { batchId }))}>
            生成反馈函
          </Button>
        </Space>
      </Card>
    </>
  );
}
