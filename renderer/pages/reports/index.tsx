import { useMemo, useState } from 'react';
import { Alert, Card, Radio, Space, Typography } from 'antd';
import type { LedgerFilter } from '../../../shared/contract/index.ts';
import type { ReportOptionsDto } from '../../../shared/contract/reports.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useRoute } from '../../router.ts';
import { hasFilter, ledgerQueryOf, viewFromQuery } from '../ledger/ledger-url.ts';
import { PrintLedgerButton, usePrintShortcut, printLedger } from '../../print/index.tsx';
import { ExportCard } from './ExportCard.tsx';
import { NoticesCard } from './NoticesCard.tsx';
import { SummaryCard } from './SummaryCard.tsx';
import { TemplateCard } from './TemplateCard.tsx';
import { BinderCard } from './BinderCard.tsx';

/**
 * 报表: the Excel ledger, the Word report, letters to parties and 督办通知单. Opened from the ledger
 * as "#/reports?<the ledger's own query>", it offers what the ledger currently shows or everything.
 */
export default function ReportsPage() {
  const route = useRoute();
  const { dataVersion } = useAppInfo();
  const queryKey = route.query.toString();
  const view = useMemo(() => viewFromQuery(new URLSearchParams(queryKey)), [queryKey]);
  const filtered = hasFilter(view);
  const [scope, setScope] = useState<'filtered' | 'all'>(filtered ? 'filtered' : 'all');
  const filter: LedgerFilter = scope === 'filtered' && filtered ? ledgerQueryOf(view).filter : {};
  const loaded = useLoad(() => call('report:options', {}), [dataVersion]);
  const [saved, setSaved] = useState<ReportOptionsDto>();
  const options = saved ?? loaded.data;
  usePrintShortcut(() => void printLedger(filter));

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="reports-page">
      <Card
        title="报表与打印"
        size="small"
        extra={<PrintLedgerButton filter={filter} />}
      >
        <Space wrap>
          <Typography.Text>范围：</Typography.Text>
          <Radio.Group
            value={filtered ? scope : 'all'}
            onChange={(e) => setScope(e.target.value)}
            data-testid="report-scope"
            options={[
              { value: 'filtered', label: '台账当前筛选的措施', disabled: !filtered },
              { value: 'all', label: '全部措施' },
            ]}
          />
          {!filtered && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              在台账页筛选后点“导出/报表”，即可只导出筛选出的措施。
            </Typography.Text>
          )}
        </Space>
      </Card>
      {loaded.error && <Alert type="error" showIcon title={loaded.error} />}
      {/* The figures fill in when the core has counted them; the buttons below work at once. */}
      <SummaryCard filter={filter} />
      <ExportCard filter={filter} options={options} />
      <TemplateCard filter={filter} />
      <BinderCard filter={filter} />
      {options && <NoticesCard options={options} onOptionsSaved={setSaved} />}
    </Space>
  );
}
