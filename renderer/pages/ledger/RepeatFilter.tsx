import { Checkbox, Tooltip } from 'antd';
import type { LedgerView } from './ledger-url.ts';

/** 再次反馈: only findings confirmed as repeating a finding of an earlier round (屡改屡犯). */
export function RepeatFilter({ view, onChange }: { view: LedgerView; onChange: (patch: Partial<LedgerView>) => void }) {
  return (
    <Tooltip title="只看已确认为“再次反馈”的问题：与以往批次反馈的问题基本相同（屡改屡犯）">
      <Checkbox checked={!!view.repeat} onChange={(e) => onChange({ repeat: e.target.checked || undefined })} data-testid="filter-repeat">
        再次反馈
      </Checkbox>
    </Tooltip>
  );
}
