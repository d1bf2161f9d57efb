import { ActivitiesPage } from './ActivitiesPage.tsx';
import { BriefingsPage } from './BriefingsPage.tsx';
import { RelationsPage } from './RelationsPage.tsx';
import { SatisfactionPage } from './SatisfactionPage.tsx';
import { StatsPage } from './StatsPage.tsx';
import { SupervisorsPage } from './SupervisorsPage.tsx';
import { WindowsPage } from './WindowsPage.tsx';

/** 民主监督 (issue 11): "#/supervision/<register>"; the menu group is in menu.tsx. */
export default function SupervisionPage({ register }: { register: string | undefined }) {
  switch (register) {
    case 'relations':
      return <RelationsPage />;
    case 'supervisors':
      return <SupervisorsPage />;
    case 'windows':
      return <WindowsPage />;
    case 'briefings':
      return <BriefingsPage />;
    case 'satisfaction':
      return <SatisfactionPage />;
    case 'stats':
      return <StatsPage />;
    default:
      return <ActivitiesPage />;
  }
}
