import { Layout, Menu, Typography } from 'antd';
import {
  AuditOutlined, BankOutlined, FileSearchOutlined, ImportOutlined, InboxOutlined,
  PieChartOutlined, SettingOutlined, TableOutlined, TeamOutlined,
} from '@ant-design/icons';
import { useAppInfo } from './app-info.tsx';
import { navigate, useRoute } from './router.ts';
import { SampleBanner } from './components/SampleBanner.tsx';
import { PAGE_SCROLL_ID } from './layout.ts';
import { PageView } from './pages.tsx';

const MENU = [
  { key: 'ledger', icon: <TableOutlined />, label: '台账' },
  { key: 'batches', icon: <InboxOutlined />, label: '反馈批次' },
  { key: 'units', icon: <BankOutlined />, label: '责任单位' },
  { key: 'organizations', icon: <TeamOutlined />, label: '监督主体' },
  { key: 'import', icon: <ImportOutlined />, label: '导入' },
  { key: 'reports', icon: <PieChartOutlined />, label: '报表' },
  { key: 'settings', icon: <SettingOutlined />, label: '设置' },
  { key: 'audit', icon: <AuditOutlined />, label: '操作日志' },
];

/** The menu item a page belongs to: a finding's page sits under 台账. */
function menuKeyOf(first: string | undefined): string {
  if (!first || first === 'findings') return 'ledger';
  return first;
}

export function Shell() {
  const route = useRoute();
  const { info } = useAppInfo();
  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Sider width={168} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
        <div style={{ padding: '16px 20px', display: 'flex', alignItems: 'center', gap: 8 }}>
          <FileSearchOutlined style={{ fontSize: 22, color: '#b71c1c' }} />
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>整改台账</Typography.Title>
        </div>
        <Menu
          mode="inline"
          data-testid="main-menu"
          selectedKeys={[menuKeyOf(route.segments[0])]}
          items={MENU}
          onClick={({ key }) => navigate(key)}
          style={{ borderInlineEnd: 'none' }}
        />
        {info.settings.officeName && (
          <Typography.Text type="secondary" style={{ display: 'block', padding: '12px 20px', fontSize: 12 }}>
            {info.settings.officeName}
          </Typography.Text>
        )}
      </Layout.Sider>
      <Layout>
        <SampleBanner />
        <Layout.Content id={PAGE_SCROLL_ID} style={{ overflow: 'auto', padding: 20, background: '#f5f5f5' }}>
          <PageView route={route} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
