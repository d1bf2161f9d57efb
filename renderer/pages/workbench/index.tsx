import { Alert, Button, Card, Col, Empty, List, Row, Space, Spin, Tag, Typography } from 'antd';
import { BarChartOutlined, FileWordOutlined, ImportOutlined, PlusOutlined, ReloadOutlined, TableOutlined, TeamOutlined } from '@ant-design/icons';
import type { WorkbenchData, WorkList } from '../../../shared/contract/dashboard.ts';
import { workListLink, type WorkListKind } from '../../../shared/domain/work-lists.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../components/use-load.ts';
import { useAppInfo } from '../../app-info.tsx';
import { hrefOf, navigate } from '../../router.ts';
import { ChangesCard } from './ChangesCard.tsx';
import { ItemLine } from './ItemLine.tsx';

/**
 * 工作台 (the home page): what the clerk must act on — overdue, due soon, awaiting 验收, silent,
 * 长期坚持 owing a periodic entry — each item a click from its finding and each list's 查看全部
 * the ledger filtered to exactly those measures; what changed since the last visit; quick actions.
 */

/** The ledger link behind a list: exactly its measures. */
export function listHref(kind: WorkListKind, wb: Pick<WorkbenchData, 'today' | 'dueSoonDays'>): string {
  return hrefOf('ledger', workListLink(kind, wb.today, wb.dueSoonDays));
}

const LISTS: { kind: WorkListKind; title: (wb: WorkbenchData) => string; color: string; empty: string }[] = [
  { kind: 'overdue', title: () => '已逾期', color: '#cf1322', empty: '没有逾期的措施' },
  { kind: 'dueSoon', title: (wb) => `${wb.dueSoonDays} 天内到期`, color: '#d48806', empty: '近期没有到期的措施' },
  { kind: 'pending', title: () => '待销号（待验收）', color: '#0958d9', empty: '没有待验收的措施' },
  { kind: 'stagnant', title: (wb) => `停滞（${wb.stagnantDays} 天以上无进展）`, color: '#d46b08', empty: '没有久无进展的措施' },
  { kind: 'standingDue', title: () => '长期坚持·未按期报送', color: '#531dab', empty: '长期坚持事项均已按期报送' },
];

function ListCard({ title, color, list, href, empty, testId }: { title: string; color: string; list: WorkList; href: string; empty: string; testId: string }) {
  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <Space>
          <span style={{ display: 'inline-block', width: 4, height: 16, background: color, verticalAlign: 'middle' }} />
          {title}
          <Tag color={list.total ? color : undefined} data-testid={`${testId}-count`} style={{ marginInlineStart: 4 }}>{list.total}</Tag>
        </Space>
      }
      extra={list.total > 0 ? <a href={href} data-testid={`${testId}-all`}>查看全部</a> : null}
      style={{ height: '100%' }}
      styles={{ body: { paddingTop: 4, paddingBottom: 4 } }}
    >
      {list.total === 0 ? (
        <Typography.Text type="secondary" style={{ display: 'block', padding: '12px 0' }}>{empty}</Typography.Text>
      ) : (
        <List size="small" dataSource={list.items.slice(0, 5)} renderItem={(item) => <ItemLine item={item} />} />
      )}
      {list.total > 5 && (
        <a href={href} style={{ display: 'block', padding: '4px 0 6px', fontSize: 12 }}>还有 {list.total - 5} 项，查看全部 ›</a>
      )}
    </Card>
  );
}

export function WorkbenchPage() {
  const { dataVersion } = useAppInfo();
  const wb = useLoad(() => call('workbench:get', {}), [dataVersion]);
  const data = wb.data;
  if (!data) return wb.error ? <Alert type="error" showIcon title={wb.error} /> : <Spin description="正在加载…" style={{ display: 'block', marginTop: 80 }} />;
  const nothing = LISTS.every((l) => data.lists[l.kind].total === 0);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="workbench-page">
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Space align="baseline">
          <Typography.Title level={3} style={{ margin: 0 }}>工作台</Typography.Title>
          <Typography.Text type="secondary">今天 {data.today}</Typography.Text>
        </Space>
        <Space wrap data-testid="quick-actions">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('batches', { new: 1 })}>新建批次</Button>
          <Button icon={<ImportOutlined />} onClick={() => navigate('import')}>导入</Button>
          <Button icon={<TeamOutlined />} onClick={() => navigate('import', { tab: 'units' })}>单位填报表</Button>
          <Button icon={<FileWordOutlined />} onClick={() => navigate('reports')}>报告</Button>
          <Button icon={<BarChartOutlined />} onClick={() => navigate('analysis')}>分析</Button>
          <Button icon={<TableOutlined />} onClick={() => navigate('ledger')}>台账</Button>
          <Button icon={<ReloadOutlined />} aria-label="刷新" onClick={() => void wb.reload()} loading={wb.loading} />
        </Space>
      </div>
      {nothing && <Empty description="眼下没有需要处理的事项" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      <Row gutter={[12, 12]}>
        {LISTS.map((l) => (
          <Col key={l.kind} xs={24} lg={12} xxl={8}>
            <ListCard title={l.title(data)} color={l.color} list={data.lists[l.kind]} href={listHref(l.kind, data)} empty={l.empty} testId={`work-${l.kind}`} />
          </Col>
        ))}
        <Col xs={24} lg={12} xxl={8}>
          <ChangesCard changes={data.changes} today={data.today} />
        </Col>
      </Row>
    </Space>
  );
}
