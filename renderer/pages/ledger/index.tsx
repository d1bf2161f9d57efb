import { useCallback, useMemo, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Empty, Space, Table, Typography } from 'antd';
import { FileExcelOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { PrintLedgerButton, printLedger, usePrintShortcut } from '../../print/index.tsx';
import type { SorterResult } from 'antd/es/table/interface';
import { call } from '../../api.ts';
import type { LedgerRow } from '../../../shared/contract/index.ts';
import type { UndividedFindings } from '../../../shared/contract/ledger-types.ts';
import { useAppInfo } from '../../app-info.tsx';
import { FirstRun } from '../../components/FirstRun.tsx';
import { useLoad } from '../../components/use-load.ts';
import { navigate } from '../../router.ts';
import { PAGE_SCROLL_ID } from '../../layout.ts';
import { ColumnChooser } from './ColumnChooser.tsx';
import { columnsWidth, findingSpans, LEDGER_COLUMNS, ledgerColumns, SORT_OF_COLUMN } from './columns.tsx';
import { useHiddenColumns } from './column-prefs.ts';
import { LedgerFilters } from './LedgerFilters.tsx';
import { BulkEditBar, useBulkSelection } from './BulkEditModal.tsx';
import { QuickRanges, SortSelect } from './LedgerViewControls.tsx';
import { chinaToday } from './quick-ranges.ts';
import { useAuth } from '../sign-in/auth.tsx';
import { hasFilter, LEDGER_PAGE_SIZES, ledgerQueryOf, queryOfView, viewFromQuery, type LedgerView } from './ledger-url.ts';

/** Findings imported without measures (a party's list): named above the ledger until they are broken down. */
function UndividedAlert({ data }: { data: UndividedFindings }) {
  return (
    <Alert
      data-testid="undivided-findings"
      type="info"
      showIcon
      style={{ marginTop: 12 }}
      title={`有 ${data.total} 个反馈问题尚未分解整改措施（台账只列出已有措施的问题），点击问题进入后“新增措施”`}
      description={
        <Space wrap size={[12, 4]}>
          {data.items.map((f) => (
            <Typography.Link key={f.id} onClick={() => navigate(`findings/${f.id}`)} title={f.batch}>
              {f.seq}. {f.text.length > 24 ? `${f.text.slice(0, 24)}…` : f.text}
            </Typography.Link>
          ))}
          {data.total > data.items.length && <Typography.Text type="secondary">等 {data.total} 个</Typography.Text>}
        </Space>
      }
    />
  );
}

/** 台账: every measure with its finding, filtered, sorted and paged by the core. */
export function LedgerPage({ query }: { query: URLSearchParams }) {
  const { dataVersion } = useAppInfo();
  const queryKey = query.toString();
  const view = useMemo(() => viewFromQuery(new URLSearchParams(queryKey)), [queryKey]);
  const ledger = useLoad(() => call('ledger:query', ledgerQueryOf(view)), [view, dataVersion]);
  const facets = useLoad(() => call('ledger:facets', {}), [dataVersion]);
  const undivided = useLoad(() => call('findings:undivided', { batchId: view.batchId }), [view.batchId, dataVersion]);

  // Ctrl+P prints the ledger as filtered on screen: A4 landscape, header on every page.
  usePrintShortcut(useCallback(() => void printLedger(ledgerQueryOf(view).filter, { sort: view.sort, order: view.order }), [view]));

  const show = (next: LedgerView) => navigate('ledger', queryOfView(next), { replace: true });
  const filter = (patch: Partial<LedgerView>) => show({ ...view, ...patch, page: 1 });
  const rows = ledger.data?.rows ?? [];
  const spans = useMemo(() => findingSpans(rows), [rows]);
  const [hiddenColumns, setHiddenColumns] = useHiddenColumns();
  const columns = ledgerColumns(view, spans, hiddenColumns);
  const selection = useBulkSelection(JSON.stringify(ledgerQueryOf(view).filter));
  const { readOnly } = useAuth();

  // Judged from the ledger itself, not from app:info counts that may predate an import.
  if (ledger.data?.total === 0 && !hasFilter(view) && undivided.data?.total === 0) {
    return (
      <Card title="整改台账">
        <FirstRun />
      </Card>
    );
  }

  return (
    <Card
      title="整改台账"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void ledger.reload()}>刷新</Button>
          <PrintLedgerButton filter={ledgerQueryOf(view).filter} sort={view.sort} order={view.order} />
          <Button icon={<FileExcelOutlined />} onClick={() => navigate('reports', queryOfView({ ...view, page: 1 }))} data-testid="ledger-to-reports">
            导出/报表
          </Button>
          {!readOnly && <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('findings/new', { batch: view.batchId })}
            data-testid="new-finding"
          >
            新增问题
          </Button>}
        </Space>
      }
      styles={{ body: { paddingTop: 12 } }}
    >
      <LedgerFilters
        view={view}
        facets={facets.data}
        onChange={filter}
        onClear={() => show(viewFromQuery(new URLSearchParams()))}
        extra={
          <>
            <QuickRanges view={view} today={chinaToday()} onChange={filter} />
            <SortSelect view={view} onChange={filter} />
            <ColumnChooser columns={LEDGER_COLUMNS} hidden={hiddenColumns} onChange={setHiddenColumns} />
          </>
        }
      />
      {ledger.error && <Alert type="error" showIcon title={ledger.error} style={{ marginTop: 12 }} />}
      {!!undivided.data?.total && <UndividedAlert data={undivided.data} />}
      {!readOnly && <BulkEditBar selection={selection} total={ledger.data?.total ?? 0} filter={ledgerQueryOf(view).filter} onDone={() => void ledger.reload()} />}
      <Table<LedgerRow>
        data-testid="ledger-table"
        style={{ marginTop: 12 }}
        size="small"
        bordered
        rowKey="measureId"
        rowSelection={readOnly ? undefined : selection.rowSelection}
        loading={ledger.loading}
        dataSource={rows}
        columns={columns}
        scroll={{ x: columnsWidth(columns) }}
        sticky={{ getContainer: () => document.getElementById(PAGE_SCROLL_ID) ?? window }}
        locale={{
          emptyText: (
            <Empty description="没有符合条件的整改措施">
              <Button onClick={() => show(viewFromQuery(new URLSearchParams()))}>清除筛选条件</Button>
            </Empty>
          ),
        }}
        onRow={(row) =>
          ({
            'data-testid': 'ledger-row',
            style: { cursor: 'pointer' },
            onClick: () => navigate(`findings/${row.findingId}`),
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: view.page,
          pageSize: view.pageSize,
          total: ledger.data?.total ?? 0,
          pageSizeOptions: LEDGER_PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 条措施`,
        }}
        onChange={(pagination, _filters, sorter, { action }) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<LedgerRow>;
          // Paging keeps the order, also one no column shows (逾期优先).
          const byColumn = s.order ? (SORT_OF_COLUMN[String(s.columnKey)] ?? 'default') : 'default';
          const sort = action === 'sort' ? byColumn : view.sort;
          const order = action === 'sort' ? (s.order === 'descend' ? 'desc' : 'asc') : view.order;
          const sortChanged = sort !== view.sort || order !== view.order;
          show({
            ...view,
            sort,
            order,
            page: sortChanged ? 1 : (pagination.current ?? 1),
            pageSize: pagination.pageSize ?? view.pageSize,
          });
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        点击任一行查看问题详情、记录进展和办理销号。
      </Typography.Text>
    </Card>
  );
}
