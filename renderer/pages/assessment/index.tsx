import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, Button, Card, DatePicker, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { chineseDate } from '../../../shared/domain/dates.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useFileAction } from '../reports/use-file-action.ts';
import { SnapshotCompare } from '../analysis/SnapshotCompare.tsx';
import { assessmentColumns, type ShownRow } from './columns.tsx';

/**
 * 单位考核 (纳入绩效考核): per lead unit and period, measures closed on time and late, still late,
 * notices received, rates and the office's weighted score, with every formula printed under the
 * table, as in the exported workbook. Units in name order; ranked only when 设置 says so.
 */
export default function AssessmentPage() {
  const { info, dataVersion } = useAppInfo();
  const today = info.today;
  const [range, setRange] = useState<[string, string]>([`${today.slice(0, 4)}-01-01`, today]);
  const table = useLoad(() => call('assessment:table', { from: range[0], to: range[1] }), [range[0], range[1], dataVersion]);
  const file = useFileAction();
  const t = table.data;
  const rows: ShownRow[] = t ? [...t.rows.map((r) => ({ ...r, key: String(r.unitId) })), { ...t.total, key: 'total', unitId: 0, unitName: '合计', rank: null }] : [];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="单位考核"
        extra={
          <Space wrap>
            <span>考核期间</span>
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(range[0]), dayjs(range[1])]}
              onChange={(v) => v?.[0] && v[1] && setRange([(v[0] as Dayjs).format('YYYY-MM-DD'), (v[1] as Dayjs).format('YYYY-MM-DD')])}
              data-testid="assessment-range"
            />
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              loading={file.busy === 'xlsx'}
              onClick={() => file.run('xlsx', () => call('assessment:export', { from: range[0], to: range[1] }))}
              data-testid="assessment-export"
            >
              导出 Excel
            </Button>
          </Space>
        }
      >
        {table.error && <Alert type="error" showIcon title={table.error} style={{ marginBottom: 12 }} />}
        {t && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {chineseDate(t.from)}至{chineseDate(t.to)}，统计截至{chineseDate(t.asOf)}；共 {t.rows.length} 个牵头单位、{t.total.measures} 项措施。
          </Typography.Paragraph>
        )}
        <Table<ShownRow>
          size="small"
          bordered
          loading={table.loading}
          rowKey="key"
          pagination={false}
          dataSource={rows}
          columns={t ? assessmentColumns(t, today) : []}
          rowClassName={(r) => (r.unitId ? '' : 'assessment-total')}
          onRow={(r) => (r.unitId ? {} : { style: { fontWeight: 600, background: '#fafafa' } })}
          scroll={{ x: 'max-content' }}
          data-testid="assessment-table"
        />
        {t && (
          <div data-testid="assessment-formula" style={{ marginTop: 12, fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>
            <Typography.Text strong>说明：</Typography.Text>
            {t.formulas.map((line) => (
              <div key={line} style={{ marginTop: 2 }}>{line}</div>
            ))}
          </div>
        )}
      </Card>
      <SnapshotCompare />
    </Space>
  );
}
