import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, DatePicker, Input, Select, Space, Tag, type InputRef } from 'antd';
import dayjs from 'dayjs';
import type { LedgerFacets } from '../../../shared/contract/index.ts';
import { MEASURE_STATUSES, MEASURE_STATUS_LABEL, SIGNALS, SIGNAL_LABEL } from '../../../shared/domain/vocabulary.ts';
import { FOCUS_SEARCH_EVENT } from '../../components/shortcuts.ts';
import type { LedgerView } from './ledger-url.ts';
import { RepeatFilter } from './RepeatFilter.tsx';

interface Props {
  view: LedgerView;
  facets: LedgerFacets | undefined;
  /** Apply a change; the page goes back to 1 because the rows are different. */
  onChange: (patch: Partial<LedgerView>) => void;
  onClear: () => void;
  /** Shown after the filters, in the same wrapping row (quick ranges, order, columns). */
  extra?: ReactNode;
}

const STATUS_OPTIONS = MEASURE_STATUSES.map((s) => ({ value: s, label: MEASURE_STATUS_LABEL[s] }));
const SIGNAL_OPTIONS = SIGNALS.map((s) => ({ value: s, label: SIGNAL_LABEL[s] }));
const searchable = { optionFilterProp: 'label' } as const;

/** A filter of one value from a list: cleared with ×, searched by what it shows. */
function PickOne<V extends string | number>({ placeholder, width, value, options, onChange, testId }: {
  placeholder: string;
  width: number;
  value: V | undefined;
  options: { value: V; label: string }[] | undefined;
  onChange: (value: V | undefined) => void;
  testId: string;
}) {
  return (
    <Select<V>
      allowClear
      showSearch={searchable}
      placeholder={placeholder}
      style={{ width }}
      value={value}
      options={options}
      onChange={onChange}
      data-testid={testId}
    />
  );
}

export function LedgerFilters({ view, facets, onChange, onClear, extra }: Props) {
  const [q, setQ] = useState(view.q ?? '');
  useEffect(() => setQ(view.q ?? ''), [view.q]);
  // Ctrl+F or "/" anywhere on the ledger (the shell's shortcuts announce it).
  const search = useRef<InputRef>(null);
  useEffect(() => {
    const focus = () => search.current?.focus({ cursor: 'all' });
    window.addEventListener(FOCUS_SEARCH_EVENT, focus);
    return () => window.removeEventListener(FOCUS_SEARCH_EVENT, focus);
  }, []);

  return (
    <Space wrap size={[8, 8]} data-testid="ledger-filters">
      <Input.Search
        ref={search}
        allowClear
        placeholder="搜索问题、措施、文号、单位、人名"
        style={{ width: 300 }}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(value) => onChange({ q: value.trim() || undefined })}
        data-testid="ledger-search"
        aria-label="搜索"
      />
      <PickOne
        placeholder="反馈批次"
        width={220}
        value={view.batchId}
        options={facets?.batches.map((b) => ({ value: b.id, label: b.label }))}
        onChange={(batchId) => onChange({ batchId })}
        testId="filter-batch"
      />
      <PickOne
        placeholder="监督主体"
        width={160}
        value={view.organizationId}
        options={facets?.organizations.map((o) => ({ value: o.id, label: o.name }))}
        onChange={(organizationId) => onChange({ organizationId })}
        testId="filter-org"
      />
      <PickOne
        placeholder="责任单位"
        width={180}
        value={view.unitId}
        options={facets?.units.map((u) => ({ value: u.id, label: u.name }))}
        onChange={(unitId) => onChange({ unitId })}
        testId="filter-unit"
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
      <PickOne
        placeholder="问题类别"
        width={150}
        value={view.category}
        options={facets?.categories.map((c) => ({ value: c, label: c }))}
        onChange={(category) => onChange({ category })}
        testId="filter-category"
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
      <RepeatFilter view={view} onChange={onChange} />
      {view.leadUnitId && (
        <Tag closable onClose={() => onChange({ leadUnitId: undefined })} data-testid="filter-lead-unit">
          牵头单位：{facets?.units.find((u) => u.id === view.leadUnitId)?.name ?? view.leadUnitId}
        </Tag>
      )}
      {view.stagnant && <Tag closable onClose={() => onChange({ stagnant: undefined })} data-testid="filter-stagnant">停滞（久无进展）</Tag>}
      {view.periodMissing && <Tag closable onClose={() => onChange({ periodMissing: undefined })} data-testid="filter-period-missing">长期坚持·未按期报送</Tag>}
      <Button onClick={onClear}>清除筛选</Button>
      {extra}
    </Space>
  );
}
