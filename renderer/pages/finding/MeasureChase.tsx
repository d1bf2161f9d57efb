import { useState } from 'react';
import { Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import type { MeasureDto } from '../../../shared/contract/index.ts';
import { NOTICE_HISTORY_ACTION } from '../../../shared/contract/reports.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../components/use-load.ts';
import { IssueNoticeModal } from '../reports/IssueNoticeModal.tsx';
import { NoticeHistory } from '../reports/NoticeHistory.tsx';

/** 催办 from a late (or stagnant, or due-soon) measure: a notice to its lead unit. */
export function ChaseMeasureButton({ measure, onChanged }: { measure: MeasureDto; onChanged: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const chasable = measure.signal.signal !== 'green' && ['not_started', 'in_progress', 'standing'].includes(measure.status);
  if (!chasable) return null;
  return (
    <>
      <Button icon={<BellOutlined />} danger={measure.signal.signal === 'red'} onClick={() => setOpen(true)} data-testid="chase-measure">
        催办
      </Button>
      {open && <IssueNoticeModal scope={{ kind: 'measure', measureId: measure.id }} onClose={() => setOpen(false)} onDone={() => void onChanged()} />}
    </>
  );
}

/** How many notices listed this measure (its history holds one 催办 entry per notice). */
export const noticeCount = (m: MeasureDto) => m.history.filter((h) => h.action === NOTICE_HISTORY_ACTION).length;

/** The notices that listed this measure, with 重印. */
export function MeasureNotices({ measure }: { measure: MeasureDto }) {
  const count = noticeCount(measure);
  const notices = useLoad(() => call('notice:list', { measureId: measure.id, limit: 200 }), [measure.id, count]);
  return <NoticeHistory notices={notices.data ?? []} loading={notices.loading} testId="measure-notices" />;
}
