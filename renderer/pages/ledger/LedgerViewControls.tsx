import { Button, Select, Space } from 'antd';
import { LEDGER_SORTS } from '../../../shared/contract/ledger.ts';
import type { LedgerView } from './ledger-url.ts';
import { isQuickRangeOn, QUICK_RANGE_LABEL, toggleQuickRange, type QuickRange } from './quick-ranges.ts';

const SORT_LABEL: Record<(typeof LEDGER_SORTS)[number], string> = {
  default: '按反馈顺序',
  overdue: '逾期优先',
  deadline: '按整改时限',
  status: '按整改状态',
  unit: '按责任单位',
  updated: '按最新进展',
  signal: '按预警',
};
const SORT_OPTIONS = (['default', 'overdue', 'deadline', 'status', 'unit', 'updated', 'signal'] as const).map((s) => ({ value: s, label: SORT_LABEL[s] }));

/** 本周到期 / 本月到期 / 已逾期: press again to take the filter off. */
export function QuickRanges({ view, today, onChange }: { view: LedgerView; today: string; onChange: (patch: Partial<LedgerView>) => void }) {
  return (
    <Space.Compact data-testid="quick-ranges">
      {(['week', 'month', 'overdue'] as QuickRange[]).map((range) => {
        const on = isQuickRangeOn(view, range, today);
        return (
          <Button
            key={range}
            type={on ? 'primary' : 'default'}
            danger={range === 'overdue' && on}
            aria-pressed={on}
            onClick={() => onChange(toggleQuickRange(view, range, today))}
          >
            {QUICK_RANGE_LABEL[range]}
          </Button>
        );
      })}
    </Space.Compact>
  );
}

/** The order of the rows; the column headers set the same orders. */
export function SortSelect({ view, onChange }: { view: LedgerView; onChange: (patch: Partial<LedgerView>) => void }) {
  return (
    <Select
      aria-label="排序"
      style={{ width: 128 }}
      value={view.sort}
      options={SORT_OPTIONS}
      onChange={(sort) => onChange({ sort, order: 'asc' })}
      data-testid="ledger-sort"
    />
  );
}
