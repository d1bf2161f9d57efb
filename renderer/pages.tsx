import { lazy, Suspense } from 'react';
import { Button, Result, Spin } from 'antd';
import { navigate, type Route } from './router.ts';
import { LedgerPage } from './pages/ledger/index.tsx';
import { FindingPage } from './pages/finding/index.tsx';
import { NewFindingPage } from './pages/finding-form/index.tsx';
import { BatchesPage } from './pages/batches/index.tsx';
import { UnitsPage } from './pages/units/index.tsx';
import { UnitDetailPage } from './pages/units/UnitDetail.tsx';
import { OrganizationsPage } from './pages/organizations/index.tsx';
import { SettingsPage } from './pages/settings/index.tsx';
import { AuditPage } from './pages/audit/index.tsx';
import { RecyclePage } from './pages/recycle/index.tsx';
import { HelpPage } from './pages/help/index.tsx';
import { WorkbenchPage } from './pages/workbench/index.tsx';

// Import and reports pull in heavy libraries (charts); load them only when opened.
const ImportPage = lazy(() => import('./pages/import/index.tsx'));
const AnalysisPage = lazy(() => import('./pages/analysis/index.tsx'));
const ReportsPage = lazy(() => import('./pages/reports/index.tsx'));
const BackupPage = lazy(() => import('./pages/backup/index.tsx'));
const AssessmentPage = lazy(() => import('./pages/assessment/index.tsx'));
const SupervisionPage = lazy(() => import('./pages/supervision/index.tsx'));

function NotFound() {
  return (
    <Result
      status="404"
      title="找不到这个页面"
      extra={<Button type="primary" onClick={() => navigate('ledger')}>返回台账</Button>}
    />
  );
}

function Page({ route }: { route: Route }) {
  const [first, second] = route.segments;
  switch (first ?? 'workbench') {
    case 'workbench':
      return <WorkbenchPage />;
    case 'analysis':
      return <AnalysisPage />;
    case 'ledger':
      return <LedgerPage query={route.query} />;
    case 'findings':
      if (second === 'new') return <NewFindingPage batchId={Number(route.query.get('batch')) || undefined} />;
      if (Number(second) > 0) return <FindingPage key={second} findingId={Number(second)} />;
      return <NotFound />;
    case 'batches':
      return <BatchesPage />;
    case 'units':
      if (Number(second) > 0) return <UnitDetailPage key={second} unitId={Number(second)} />;
      return <UnitsPage />;
    case 'organizations':
      return <OrganizationsPage />;
    case 'import':
      return <ImportPage />;
    case 'reports':
      return <ReportsPage />;
    case 'settings':
      return <SettingsPage />;
    case 'audit':
      return <AuditPage />;
    case 'recycle':
      return <RecyclePage />;
    case 'supervision':
      return <SupervisionPage key={second} register={second} />;
    case 'backup':
      return <BackupPage />;
    case 'assessment':
      return <AssessmentPage />;
    case 'help':
      return <HelpPage />;
    default:
      return <NotFound />;
  }
}

export function PageView({ route }: { route: Route }) {
  return (
    <Suspense fallback={<Spin description="正在加载…" style={{ display: 'block', marginTop: 80 }} />}>
      <Page route={route} />
    </Suspense>
  );
}
