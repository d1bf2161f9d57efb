import { useEffect, useState } from 'react';
import { Button, DatePicker, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import type { LedgerFacets } from '../../../shared/contract/index.ts';
import { MEASURE_STATUSES, MEASURE_STATUS_LABEL, SIGNALS, SIGNAL_LABEL } from '../../../shared/domain/vocabulary.ts';
import type { LedgerView } from './ledger-url.ts';

interface Props {
  view: LedgerView;
  facets: LedgerFacets | undefined;
  /** Apply a change; the page goes back to 1 because the rows are different. */
  onChange: (patch: Partial<LedgerView>) => void;
  onClear: () => void;
}

const STATUS_OPTIONS = MEASURE_STATUSES.map((s) => ({ value: s, label: MEASURE_STATUS_LABEL[s] }));
const SIGNAL_OPTIONS = SIGNALS.map((s) => ({ value: s, label: SIGNAL_LABEL[s] }));
const searchable = { optionFilterProp: 'label' } as const;

export function LedgerFilters({ view, facets, onChange, onClear }: Props) {
  const [q, setQ] = useState(view.q ?? '');
  useEffect(() => setQ(view.q ?? ''), [view.q]);

  return (
    <Space wrap size={[8, 8]} data-testid="ledger-filters">
      <Input.Search
        allowClear
        placeholder="搜索问题、措施内容"
        style={{ width: 260 }}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(value) => onChange({ q: value.trim() || undefined })}
        data-testid="ledger-search"
        aria-label="搜索"
      />
      <Select
        allowClear
        showSearch={searchable}
        placeholder="反馈批次"
        style={{ width: 220 }}
        value={view.batchId}
        options={facets?.batches.map((b) => ({ value: b.id, label: b.label }))}
        onChange={(batchId) => onChange({ batchId })}
        data-testid="filter-batch"
      />
      <Select
        allowClear
        showSearch={searchable}
        placeholder="监督主体"
        style={{ width: 160 }}
        value={view.organizationId}
        options={facets?.organizations.map((o) => ({ value: o.id, label: o.name }))}
        onChange={(organizationId) => onChange({ organizationId })}
        data-testid="filter-org"
      />
      <Select
        allowClear
        showSearch={searchable}
        placeholder="责任单位"
        style={{ width: 180 }}
        value={view.unitId}
        options={facets?.units.map((u) => ({ value: u.id, label: u.name }))}
        onChange={(unitId) => onChange({ unitId })}
        data-testid="filter-unit"
      />
      <Select
        mode="multiple"
        allowClear
        placeholder="整改状态"
        style={{ minWidth: 140 }}
        maxTagCount="responsive"
        value={view.statuses}
        options={STATUS_OPTIONS}
        onChange={(statuses) => onChange({ statuses })}
        data-testid="filter-status"
      />
      <Select
        mode="multiple"
        allowClear
        placeholder="预警"
        style={{ minWidth: 120 }}
        maxTagCount="responsive"
        value={view.signals}
        options={SIGNAL_OPTIONS}
        onChange={(signals) => onChange({ signals })}
        data-testid="filter-signal"
      />
      <Select
        allowClear
        showSearch={searchable}
        placeholder="问题类别"
        style={{ width: 150 }}
        value={view.category}
        options={facets?.categories.map((c) => ({ value: c, label: c }))}
        onChange={(category) => onChange({ category })}
        data-testid="filter-category"
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={['时限起', '时限止']}
        style={{ width: 240 }}
        value={[view.deadlineFrom ? dayjs(view.deadlineFrom) : null, view.deadlineTo ? dayjs(view.deadlineTo) : null]}
        onChange={(range) =>
          onChange({
            deadlineFrom: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
            deadlineTo: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
          })
        }
        data-testid="filter-deadline"
      />
      <Button onClick={onClear}>清除筛选</Button>
    </Space>
  );
}
