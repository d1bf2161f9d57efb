import { Alert, Card, Skeleton, Statistic, Table, Typography } from 'antd';
import type { LedgerFilter } from '../../../shared/contract/index.ts';
import { COMPLETION_RATE_NOTE, ON_TIME_RATE_NOTE, type MeasureStatsDto } from '../../../shared/contract/reports.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { useLoad } from '../../components/use-load.ts';

const rate = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 10000) / 100).toFixed(2)}%`);

/** The report's numbers for the chosen scope, before anything is exported. */
export function SummaryCard({ filter }: { filter: LedgerFilter }) {
  const { dataVersion } = useAppInfo();
  const key = JSON.stringify(filter);
  const summary = useLoad(() => call('report:summary', { filter }), [key, dataVersion]);
  const s = summary.data;
  return (
    <Card title="整改情况" size="small" data-testid="report-summary" data-loaded={s ? 'true' : 'false'}>
      {summary.error && <Alert type="error" showIcon title={summary.error} />}
      {!s && !summary.error && <Skeleton active paragraph={{ rows: 4 }} />}
      {s && (
        <>
          <div style={{ display: 'flex', gap: 32, flexWrap: 'wrap' }}>
            <Statistic title="反馈问题" value={s.findings.total} suffix="个" />
            <Statistic title="完成整改" value={s.findings.completed} suffix="个" />
            <Statistic title="持续整改" value={s.findings.continuing} suffix="个" />
            <Statistic title="未完成" value={s.findings.notDone} suffix="个" />
            <Statistic title="总体完成率" value={rate(s.findings.completionRate)} />
            <Statistic title="逾期措施" value={s.total.overdue} suffix="条" styles={{ content: { color: s.total.overdue ? '#cf1322' : undefined } }} />
          </div>
          <Typography.Paragraph style={{ marginTop: 12 }} data-testid="summary-sentence">
            {s.sentence}。
          </Typography.Paragraph>
          <Table<MeasureStatsDto>
            size="small"
            bordered
            rowKey="key"
            pagination={s.units.length > 10 ? { pageSize: 10, size: 'small' } : false}
            dataSource={s.units}
            columns={[
              { title: '牵头单位', dataIndex: 'label' },
              { title: '措施数', dataIndex: 'measures', align: 'center', sorter: (a, b) => a.measures - b.measures },
              { title: '已销号', dataIndex: 'closed', align: 'center' },
              { title: '待销号', dataIndex: 'pending', align: 'center' },
              { title: '整改中', dataIndex: 'inProgress', align: 'center' },
              { title: '长期坚持', dataIndex: 'standing', align: 'center' },
              { title: '逾期', dataIndex: 'overdue', align: 'center', sorter: (a, b) => a.overdue - b.overdue },
              { title: '完成率', dataIndex: 'completionRate', align: 'center', render: rate },
              { title: '按期完成率', dataIndex: 'onTimeRate', align: 'center', render: rate },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            完成整改＝问题已销号；持续整改＝长期坚持或待验收销号。{COMPLETION_RATE_NOTE}{ON_TIME_RATE_NOTE}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
