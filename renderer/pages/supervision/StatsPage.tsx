import { useState } from 'react';
import { Alert, App, Button, Card, Select, Space, Table, Typography } from 'antd';
import { CopyOutlined, FileExcelOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import {
  ACTIVITY_KIND_LABEL, BRIEFING_KIND_LABEL, BRIEFING_KINDS, SATISFACTION_GRADES, SATISFACTION_LABEL, SUPERVISION_KINDS, SUPPORT_KINDS, WINDOW_LEVEL_LABEL, WINDOW_LEVELS,
  type SupervisionStatsRow,
} from '../../../shared/contract/supervision.ts';
import { call, printPage, saveFile } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { useLoad } from '../../components/use-load.ts';
import { yearOptions } from './shared.tsx';

const fit = (title: string) => Math.max(60, title.length * 14 + 22);
const n = (v: number) => (v ? v : <Typography.Text type="secondary">0</Typography.Text>);

const COLUMNS: ColumnsType<SupervisionStatsRow> = [
  { title: '党派', dataIndex: 'organizationName', fixed: 'left', width: 150, render: (v: string, r) => (r.organizationId === null ? <b>{v}</b> : v) },
  { title: '监督活动（次）', children: SUPERVISION_KINDS.map((k) => ({ title: ACTIVITY_KIND_LABEL[k], key: k, width: fit(ACTIVITY_KIND_LABEL[k]), align: 'right' as const, render: (_: unknown, r: SupervisionStatsRow) => n(r.activities[k]) })) },
  { title: '参与人次', dataIndex: 'participants', width: fit('参与人次'), align: 'right', render: n },
  { title: '报告或意见', dataIndex: 'reports', width: fit('报告或意见'), align: 'right', render: n },
  { title: '统战部配合（次）', children: SUPPORT_KINDS.map((k) => ({ title: k === 'invitation' ? '邀请参加' : ACTIVITY_KIND_LABEL[k], key: k, width: fit(k === 'invitation' ? '邀请参加' : ACTIVITY_KIND_LABEL[k]), align: 'right' as const, render: (_: unknown, r: SupervisionStatsRow) => n(r.activities[k]) })) },
  {
    title: '监督员（名）',
    children: [
      { title: '特邀监督员', key: 'sv', width: fit('特邀监督员'), align: 'right', render: (_, r) => n(r.supervisors.supervisor) },
      { title: '扶贫调查员', key: 'iv', width: fit('扶贫调查员'), align: 'right', render: (_, r) => n(r.supervisors.investigator) },
    ],
  },
  { title: '观察窗口（个）', children: WINDOW_LEVELS.map((l) => ({ title: WINDOW_LEVEL_LABEL[l], key: l, width: 60, align: 'right' as const, render: (_: unknown, r: SupervisionStatsRow) => n(r.windows[l]) })) },
  { title: '观察户数', dataIndex: 'households', width: fit('观察户数'), align: 'right', render: n },
  { title: '通报（次）', children: BRIEFING_KINDS.map((k) => ({ title: BRIEFING_KIND_LABEL[k], key: k, width: fit(BRIEFING_KIND_LABEL[k]), align: 'right' as const, render: (_: unknown, r: SupervisionStatsRow) => n(r.briefings[k]) })) },
  { title: '反馈批次', dataIndex: 'batches', width: fit('反馈批次'), align: 'right', render: n },
  { title: '反馈问题', dataIndex: 'findings', width: fit('反馈问题'), align: 'right', render: n },
  { title: '完成整改', dataIndex: 'closedFindings', width: fit('完成整改'), align: 'right', render: n },
  { title: '完成率', dataIndex: 'completionRate', width: 72, align: 'right', render: (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`) },
  { title: '满意度（批）', children: SATISFACTION_GRADES.map((g) => ({ title: SATISFACTION_LABEL[g], key: g, width: fit(SATISFACTION_LABEL[g]), align: 'right' as const, render: (_: unknown, r: SupervisionStatsRow) => n(r.satisfaction[g]) })) },
];

/** 监督统计: a year's supervision per party, the table for the archive and the paragraph for the 年度工作总结. */
export function StatsPage() {
  const { message } = App.useApp();
  const { info, dataVersion } = useAppInfo();
  const [year, setYear] = useState(Number(info.today.slice(0, 4)));
  const stats = useLoad(() => call('supervisionStats:get', { year }), [dataVersion, year]);
  const s = stats.data;
  const empty = s && !s.rows.length;

  const run = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const copy = () =>
    run(async () => {
      if (!s) return;
      await navigator.clipboard.writeText(s.paragraph);
      message.success('已复制，可粘贴到年度工作总结中');
    });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="stats-page">
      <Card
        title="年度工作总结段落"
        extra={
          <Space>
            <Select style={{ width: 110 }} value={year} onChange={setYear} options={yearOptions(info.today)} data-testid="stats-year" />
            <Button icon={<CopyOutlined />} onClick={copy} disabled={!s} data-testid="copy-paragraph">复制</Button>
            <Button icon={<FileWordOutlined />} onClick={() => run(async () => saveFile(await call('supervisionStats:docx', { year })))} disabled={!s} data-testid="export-paragraph">导出 Word</Button>
          </Space>
        }
      >
        {stats.error && <Alert type="error" showIcon title={stats.error} />}
        <Typography.Paragraph style={{ fontSize: 16, lineHeight: 2, textIndent: '2em', marginBottom: 0 }} data-testid="stats-paragraph">
          {s?.paragraph ?? '正在统计…'}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          由监督活动、特邀监督员、观察窗口、通报记录、满意度和反馈批次自动统计；数量为零的内容不写入。
        </Typography.Text>
      </Card>
      <Card
        title={`${year}年民主监督工作统计表`}
        extra={
          <Space>
            <Button icon={<FileExcelOutlined />} onClick={() => run(async () => saveFile(await call('supervisionStats:xlsx', { year })))} disabled={!s} data-testid="export-stats">导出 Excel</Button>
            <Button icon={<PrinterOutlined />} onClick={() => run(() => printPage({ landscape: true, title: `${year}年民主监督工作统计表` }))}>打印</Button>
          </Space>
        }
      >
        {empty ? (
          <Alert type="info" showIcon title={`${year}年还没有民主监督记录`} description="在“监督活动”“特邀监督员”“观察窗口”“通报记录”“满意度”中登记后，这里按党派自动汇总。" />
        ) : (
          <Table<SupervisionStatsRow>
            data-testid="stats-table"
            size="small"
            bordered
            rowKey={(r) => r.organizationId ?? 0}
            loading={stats.loading}
            dataSource={s ? [...s.rows, s.total] : []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={COLUMNS}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          口径：监督活动、人次、报告或意见按活动日期计入当年，人次和报告只计党派的监督活动；监督员为当年在任过的；观察窗口为当年年底前设立的；反馈批次按收文日期；完成整改为已销号的问题；满意度按评价日期。
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
