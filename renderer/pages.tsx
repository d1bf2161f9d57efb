import { Suspense } from 'react';
import { Button, Result, Spin } from 'antd';
import { navigate, type Route } from './router.ts';
import { PageFailure } from './page-load-failure.tsx';
import { lazyPage } from './lazy-page.ts';
import { WorkbenchPage } from './pages/workbench/index.tsx';

// Only the home page (工作台) is in the first download; every other page loads when first opened,
// so the window paints without parsing the ledger, forms, charts and import code first.
const LedgerPage = lazyPage(() => import('./pages/ledger/index.tsx').then((m) => m.LedgerPage));
const FindingPage = lazyPage(() => import('./pages/finding/index.tsx').then((m) => m.FindingPage));
const NewFindingPage = lazyPage(() => import('./pages/finding-form/index.tsx').then((m) => m.NewFindingPage));
const BatchesPage = lazyPage(() => import('./pages/batches/index.tsx').then((m) => m.BatchesPage));
const UnitsPage = lazyPage(() => import('./pages/units/index.tsx').then((m) => m.UnitsPage));
const UnitDetailPage = lazyPage(() => import('./pages/units/UnitDetail.tsx').then((m) => m.UnitDetailPage));
const OrganizationsPage = lazyPage(() => import('./pages/organizations/index.tsx').then((m) => m.OrganizationsPage));
const SettingsPage = lazyPage(() => import('./pages/settings/index.tsx').then((m) => m.SettingsPage));
const AuditPage = lazyPage(() => import('./pages/audit/index.tsx').then((m) => m.AuditPage));
const RecyclePage = lazyPage(() => import('./pages/recycle/index.tsx').then((m) => m.RecyclePage));
const HelpPage = lazyPage(() => import('./pages/help/index.tsx').then((m) => m.HelpPage));
const ImportPage = lazyPage(() => import('./pages/import/index.tsx').then((m) => m.default));
const AnalysisPage = lazyPage(() => import('./pages/analysis/index.tsx').then((m) => m.default));
const ReportsPage = lazyPage(() => import('./pages/reports/index.tsx').then((m) => m.default));
const BackupPage = lazyPage(() => import('./pages/backup/index.tsx').then((m) => m.default));
const AssessmentPage = lazyPage(() => import('./pages/assessment/index.tsx').then((m) => m.default));
const SupervisionPage = lazyPage(() => import('./pages/supervision/index.tsx').then((m) => m.default));
const UsersPage = lazyPage(() => import('./pages/users/index.tsx').then((m) => m.UsersPage));

/** The pages behind each first path segment, fetched ahead when the window opens on one (App.tsx). */
const PAGES_OF: Record<string, { preload(): Promise<unknown> }[]> = {
  ledger: [LedgerPage], findings: [FindingPage, NewFindingPage], batches: [BatchesPage], units: [UnitsPage, UnitDetailPage],
  organizations: [OrganizationsPage], settings: [SettingsPage], audit: [AuditPage], recycle: [RecyclePage], help: [HelpPage],
  import: [ImportPage], analysis: [AnalysisPage], reports: [ReportsPage], backup: [BackupPage], assessment: [AssessmentPage],
  supervision: [SupervisionPage], users: [UsersPage],
};

export function preloadPageOf(route: Route): Promise<unknown> {
  return Promise.all((PAGES_OF[route.segments[0] ?? 'workbench'] ?? []).map((page) => page.preload()));
}

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
    case 'users':
      return <UsersPage />;
    default:
      return <NotFound />;
  }
}

export function PageView({ route }: { route: Route }) {
  // Keyed by the page, so that moving to another page clears a failure shown for this one.
  return (
    <PageFailure key={route.segments.slice(0, 2).join('/')}>
      <Suspense fallback={<Spin description="正在加载…" style={{ display: 'block', marginTop: 80 }} />}>
        <Page route={route} />
      </Suspense>
    </PageFailure>
  );
}
