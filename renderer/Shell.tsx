import { Button, Layout, Menu, Tooltip, Typography } from 'antd';
import {
  AuditOutlined, BankOutlined, FileSearchOutlined, ImportOutlined, InboxOutlined,
  PieChartOutlined, QuestionCircleOutlined, SettingOutlined, TableOutlined, TeamOutlined,
} from '@ant-design/icons';
import { DeleteOutlined } from '@ant-design/icons';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { SolutionOutlined } from '@ant-design/icons';
import { BarChartOutlined, HomeOutlined } from '@ant-design/icons';
import { useAutoSnapshot } from './pages/assessment/use-auto-snapshot.ts';
import { useOpeningReminder } from './pages/workbench/use-opening-reminder.ts';
import { useLedgerRevision } from './revision.tsx';
import { useAppInfo } from './app-info.tsx';
import { navigate, useRoute } from './router.ts';
import { SampleBanner } from './components/SampleBanner.tsx';
import { DataFolderWarning } from './components/DataFolderWarning.tsx';
import { useGlobalShortcuts } from './components/shortcuts.ts';
import { PAGE_SCROLL_ID } from './layout.ts';
import { PageView } from './pages.tsx';
import { SUPERVISION_MENU_GROUP } from './pages/supervision/menu.tsx';
import { useAuth } from './pages/sign-in/auth.tsx';
import { SignedInBar } from './pages/sign-in/SignedInBar.tsx';
import { withUsersMenu } from './pages/users/menu.tsx';

const MENU = [
  { key: 'workbench', icon: <HomeOutlined />, label: '工作台' },
  { key: 'ledger', icon: <TableOutlined />, label: '台账' },
  { key: 'analysis', icon: <BarChartOutlined />, label: '分析' },
  { key: 'batches', icon: <InboxOutlined />, label: '反馈批次' },
  { key: 'units', icon: <BankOutlined />, label: '责任单位' },
  { key: 'organizations', icon: <TeamOutlined />, label: '监督主体' },
  SUPERVISION_MENU_GROUP,
  { key: 'import', icon: <ImportOutlined />, label: '导入' },
  { key: 'reports', icon: <PieChartOutlined />, label: '报表' },
  { key: 'assessment', icon: <SolutionOutlined />, label: '单位考核' },
  { key: 'settings', icon: <SettingOutlined />, label: '设置' },
  { key: 'audit', icon: <AuditOutlined />, label: '操作日志' },
  { key: 'recycle', icon: <DeleteOutlined />, label: '回收站' },
  { key: 'backup', icon: <SafetyCertificateOutlined />, label: '备份与恢复' },
  { key: 'help', icon: <QuestionCircleOutlined />, label: '帮助' },
];

/** The menu item a page belongs to: a finding's page sits under 台账. */
function menuKeyOf(first: string | undefined, second?: string): string {
  if (!first) return 'workbench';
  if (first === 'findings') return 'ledger';
  if (first === 'supervision') return `supervision/${second || 'activities'}`;
  return first;
}

export function Shell() {
  const route = useRoute();
  const { info } = useAppInfo();
  const { isAdmin } = useAuth();
  useGlobalShortcuts();
  useAutoSnapshot();
  useOpeningReminder();
  useLedgerRevision();
  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Sider width={168} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0', overflowY: 'auto' }}>
        <div style={{ padding: '16px 6px 16px 20px', display: 'flex', alignItems: 'center', gap: 6 }}>
          <FileSearchOutlined style={{ fontSize: 22, color: '#b71c1c' }} />
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>整改台账</Typography.Title>
          <Tooltip title="帮助（F1）" placement="bottom">
            <Button type="text" size="small" icon={<QuestionCircleOutlined />} aria-label="帮助" onClick={() => navigate('help')} data-testid="help-button" />
          </Tooltip>
        </div>
        <Menu
          mode="inline"
          data-testid="main-menu"
          selectedKeys={[menuKeyOf(route.segments[0], route.segments[1])]}
          defaultOpenKeys={route.segments[0] === 'supervision' ? ['supervision'] : []}
          items={withUsersMenu(MENU, isAdmin)}
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
        <SignedInBar />
        <DataFolderWarning />
        <SampleBanner />
        <Layout.Content id={PAGE_SCROLL_ID} style={{ overflow: 'auto', padding: 20, background: '#f5f5f5' }}>
          <PageView route={route} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
