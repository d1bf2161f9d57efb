import { useMemo } from 'react';
import { Alert, Button, Card, Col, Row, Space, Spin, Statistic, Typography } from 'antd';
import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import type { DashboardData, GroupFigures } from '../../../shared/contract/dashboard.ts';
import { MEASURE_STATUSES, MEASURE_STATUS_LABEL, SIGNALS, type Signal } from '../../../shared/domain/vocabulary.ts';
import type { ChartSpec } from '../../../shared/domain/chart-options.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { useLoad } from '../../components/use-load.ts';
import { hrefOf, navigate, type QueryValues } from '../../router.ts';
import { ChartCard, type FigureColumn } from './ChartCard.tsx';
import { TrendCard } from './TrendCard.tsx';
import { SnapshotCompare } from './SnapshotCompare.tsx';

/**
 * 分析: the ledger's figures (the same function as `stats --json`), each a click from the ledger
 * filtered to exactly its measures; each chart with its numbers in a table beside it.
 */

const ledger = (q: QueryValues) => hrefOf('ledger', q);
const NOT_CLOSED = MEASURE_STATUSES.filter((s) => s !== 'closed');
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const STATUS_COLORS = ['#8c8c8c', '#0072B2', '#E69F00', '#009E73', '#CC79A7'];

/** The usual columns of a group: 措施 / 已销号 / 未销号 / 逾期, each a ledger link. */
function groupColumns<R extends GroupFigures>(name: string, label: (r: R) => string, filter: (r: R) => QueryValues | null): FigureColumn<R>[] {
  const link = (r: R, extra: QueryValues) => {
    const f = filter(r);
    return f ? ledger({ ...f, ...extra }) : undefined;
  };
  return [
    { title: name, value: (r) => ({ text: label(r) }), align: 'left' },
    { title: '措施', value: (r) => ({ text: String(r.measures), href: link(r, {}) }) },
    { title: '已销号', value: (r) => ({ text: String(r.closed), href: link(r, { status: ['closed'] }) }) },
    { title: '未销号', value: (r) => ({ text: String(r.open), href: link(r, { status: NOT_CLOSED }) }) },
    { title: '逾期', value: (r) => ({ text: String(r.overdue), href: link(r, { signal: 'red' }) }) },
    { title: '完成率', value: (r) => ({ text: pct(r.measures ? r.closed / r.measures : null) }) },
  ];
}

/** A stacked bar of 已销号 / 未销号 per group; a click opens the ledger at that bar. */
function groupSpec<R extends GroupFigures>(title: string, rows: R[], label: (r: R) => string): ChartSpec {
  return {
    kind: 'bar',
    title,
    horizontal: true,
    categories: rows.map(label),
    series: [
      { name: '已销号', values: rows.map((r) => r.closed) },
      { name: '未销号', values: rows.map((r) => r.open) },
    ],
    colors: ['#009E73', '#E69F00'],
  };
}

function pickGroup<R>(rows: R[], filter: (r: R) => QueryValues | null) {
  return (i: number, series: number) => {
    const f = rows[i] && filter(rows[i]);
    if (f) navigate('ledger', { ...f, status: series === 0 ? ['closed'] : NOT_CLOSED });
  };
}

const barHeight = (n: number) => Math.max(160, Math.min(n, 20) * 28 + 60);

export default function AnalysisPage() {
  const { info } = useAppInfo();
  const dash = useLoad(() => call('dashboard:get', {}), []);
  const levels = info.settings.signalLevels;
  const signalLabel = (s: Signal) => levels?.[s]?.label ?? { red: '逾期', yellow: '临期/停滞', green: '正常' }[s];
  const d = dash.data;
  const specs = useMemo(() => (d ? chartSpecs(d, signalLabel, levels ? SIGNALS.map((s) => levels[s].color) : undefined) : null), [d, levels]);

  if (!d || !specs) return dash.error ? <Alert type="error" showIcon title={dash.error} /> : <Spin description="正在统计…" style={{ display: 'block', marginTop: 80 }} />;
  const unitFilter = (u: DashboardData['byUnit'][number]) => ({ lead: u.unitId });
  const orgFilter = (o: DashboardData['byOrganization'][number]) => ({ org: o.organizationId });
  const categoryFilter = (c: DashboardData['byCategory'][number]) => (c.category ? { category: c.category } : null);
  const batchFilter = (b: DashboardData['byBatch'][number]) => ({ batch: b.batchId });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="analysis-page">
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>分析</Typography.Title>
        <Space className="no-print">
          <Typography.Text type="secondary">统计日期 {d.today}</Typography.Text>
          <Button icon={<ReloadOutlined />} onClick={() => void dash.reload()} loading={dash.loading}>刷新</Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>打印</Button>
        </Space>
      </div>
      <Row gutter={[12, 12]} data-testid="analysis-kpis">
        <Kpi title="反馈问题" value={String(d.findings)} suffix="个" />
        <Kpi title="整改措施" value={String(d.measures)} suffix="项" href={ledger({})} testId="kpi-measures" />
        <Kpi title="已销号" value={String(d.completion.closed)} suffix="项" href={ledger({ status: ['closed'] })} testId="kpi-closed" />
        <Kpi title="完成率" value={pct(d.completion.rate)} note="已销号 ÷ 全部措施" testId="kpi-completion" />
        <Kpi title="按期完成率" value={pct(d.onTime.rate)} note={`按期销号 ${d.onTime.onTime} ÷（有时限的已销号＋已逾期）${d.onTime.counted}`} testId="kpi-ontime" />
        <Kpi title={signalLabel('red')} value={String(d.bySignal.red)} suffix="项" href={ledger({ signal: 'red' })} testId="kpi-red" danger />
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <ChartCard
            title="按整改状态"
            testId="by-status"
            spec={specs.status}
            rows={MEASURE_STATUSES.map((s) => ({ s, n: d.byStatus[s] }))}
            rowKey={(r) => r.s}
            columns={[
              { title: '状态', value: (r) => ({ text: MEASURE_STATUS_LABEL[r.s] }), align: 'left' },
              { title: '措施', value: (r) => ({ text: String(r.n), href: ledger({ status: [r.s] }) }) },
              { title: '占比', value: (r) => ({ text: pct(d.measures ? r.n / d.measures : null) }) },
            ]}
            onPick={(i) => navigate('ledger', { status: [MEASURE_STATUSES[i]] })}
            chartHeight={230}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title="按预警信号"
            testId="by-signal"
            spec={specs.signal}
            rows={SIGNALS.map((s) => ({ s, n: d.bySignal[s] }))}
            rowKey={(r) => r.s}
            columns={[
              { title: '信号', value: (r) => ({ text: signalLabel(r.s) }), align: 'left' },
              { title: '措施', value: (r) => ({ text: String(r.n), href: ledger({ signal: r.s }) }) },
              { title: '占比', value: (r) => ({ text: pct(d.measures ? r.n / d.measures : null) }) },
            ]}
            onPick={(i) => navigate('ledger', { signal: SIGNALS[i] })}
            chartHeight={230}
          />
        </Col>
      </Row>
      <ChartCard
        title={d.ranked ? '按责任单位（牵头，按完成率排名）' : '按责任单位（牵头，按名称排列）'}
        testId="by-unit"
        spec={specs.unit}
        rows={d.byUnit}
        rowKey={(r) => r.unitId}
        columns={[
          ...(d.ranked ? [{ title: '名次', value: (r: (typeof d.byUnit)[number]) => ({ text: String(d.byUnit.indexOf(r) + 1) }), width: 56 }] : []),
          ...groupColumns('责任单位', (r) => r.unit, unitFilter),
          { title: signalLabel('yellow'), value: (r) => ({ text: String(r.yellow), href: ledger({ lead: r.unitId, signal: 'yellow' }) }) },
        ]}
        onPick={pickGroup(d.byUnit, unitFilter)}
        chartHeight={barHeight(d.byUnit.length)}
        wideTable
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <ChartCard title="按监督主体" testId="by-org" spec={specs.org} rows={d.byOrganization} rowKey={(r) => r.organizationId} columns={groupColumns('监督主体', (r) => r.organization, orgFilter)} onPick={pickGroup(d.byOrganization, orgFilter)} chartHeight={barHeight(d.byOrganization.length)} />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title="按问题类别" testId="by-category" spec={specs.category} rows={d.byCategory} rowKey={(r) => r.category ?? ''} columns={groupColumns('问题类别', (r) => r.category ?? '（未分类）', categoryFilter)} onPick={pickGroup(d.byCategory, categoryFilter)} chartHeight={barHeight(d.byCategory.length)} />
        </Col>
      </Row>
      <ChartCard title="按反馈批次" testId="by-batch" spec={null} rows={d.byBatch} rowKey={(r) => r.batchId} columns={groupColumns('反馈批次', (r) => r.batch, batchFilter)} />
      <TrendCard signalLabel={signalLabel} />
      <SnapshotCompare />
    </Space>
  );
}

function chartSpecs(d: DashboardData, signalLabel: (s: Signal) => string, signalColors: string[] | undefined) {
  const first = <R,>(rows: R[]) => rows.slice(0, 20);
  return {
    status: { kind: 'pie', title: '按整改状态', categories: MEASURE_STATUSES.map((s) => MEASURE_STATUS_LABEL[s]), series: [{ name: '措施', values: MEASURE_STATUSES.map((s) => d.byStatus[s]) }], colors: STATUS_COLORS } satisfies ChartSpec,
    signal: { kind: 'pie', title: '按预警信号', categories: SIGNALS.map(signalLabel), series: [{ name: '措施', values: SIGNALS.map((s) => d.bySignal[s]) }], colors: signalColors ?? ['#D55E00', '#E69F00', '#009E73'] } satisfies ChartSpec,
    unit: groupSpec('按责任单位', first(d.byUnit), (r) => r.unit),
    org: groupSpec('按监督主体', first(d.byOrganization), (r) => r.organization),
    category: groupSpec('按问题类别', first(d.byCategory), (r) => r.category ?? '（未分类）'),
  };
}

function Kpi({ title, value, suffix, href, note, testId, danger }: { title: string; value: string; suffix?: string; href?: string; note?: string; testId?: string; danger?: boolean }) {
  const body = <Statistic title={title} value={value} suffix={suffix} styles={danger ? { content: { color: '#cf1322' } } : undefined} />;
  return (
    <Col xs={12} md={8} xl={4}>
      <Card size="small" data-testid={testId} hoverable={!!href} style={{ height: '100%' }}>
        {href ? <a href={href} style={{ color: 'inherit' }}>{body}</a> : body}
        {note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{note}</Typography.Text>}
      </Card>
    </Col>
  );
}
