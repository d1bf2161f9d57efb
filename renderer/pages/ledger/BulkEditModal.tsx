import { useEffect, useState, type Key, type MouseEvent } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Input, Modal, Radio, Select, Space, Table, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { call } from '../../api.ts';
import type { BulkChanges, BulkPreview, BulkPreviewRow } from '../../../shared/contract/bulk.ts';
import type { LedgerFilter, LedgerRow } from '../../../shared/contract/index.ts';
import { MEASURE_ACTIONS, MEASURE_ACTION_LABEL, type MeasureAction } from '../../../shared/domain/vocabulary.ts';
import { errorText } from '../../components/errors.ts';
import { useLoad } from '../../components/use-load.ts';

/**
 * 批量修改: tick measures in the ledger (or take every one the filter shows), choose what to
 * change, see in words what will change, confirm. The core applies it in one transaction.
 */

/** The ledger's row selection; cleared whenever the rows shown are a different set. */
export function useBulkSelection(resetKey: string) {
  const [keys, setKeys] = useState<number[]>([]);
  const [allOfFilter, setAllOfFilter] = useState(false);
  useEffect(() => {
    setKeys([]);
    setAllOfFilter(false);
  }, [resetKey]);
  return {
    keys,
    allOfFilter,
    setAllOfFilter,
    clear: () => {
      setKeys([]);
      setAllOfFilter(false);
    },
    rowSelection: {
      selectedRowKeys: keys,
      preserveSelectedRowKeys: true,
      columnWidth: 36,
      onChange: (next: Key[]) => {
        setKeys(next.map(Number));
        setAllOfFilter(false);
      },
      // A tick must not open the finding (the row's own click does).
      renderCell: (_checked: boolean, _row: LedgerRow, _i: number, node: React.ReactNode) => (
        <span onClick={(e: MouseEvent) => e.stopPropagation()} data-testid="bulk-select">
          {node}
        </span>
      ),
    },
  };
}

export type BulkSelectionState = ReturnType<typeof useBulkSelection>;

/** Above the table: how many are ticked, "全部符合筛选条件的 N 项", and the 批量修改 button. */
export function BulkEditBar({ selection, total, filter, onDone }: { selection: BulkSelectionState; total: number; filter: LedgerFilter; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const count = selection.allOfFilter ? total : selection.keys.length;
  return (
    <div style={{ marginTop: 12, minHeight: 32 }} data-testid="bulk-bar">
      <Space wrap>
        <Button icon={<EditOutlined />} disabled={!count} onClick={() => setOpen(true)} data-testid="bulk-edit">
          批量修改{count ? `（${count} 项）` : ''}
        </Button>
        {count === 0 && <Typography.Text type="secondary">勾选左侧方框可批量修改牵头单位、责任人、整改时限或状态</Typography.Text>}
        {count > 0 && <Typography.Text data-testid="bulk-count">{selection.allOfFilter ? `已选择全部符合筛选条件的 ${total} 项` : `已勾选 ${count} 项`}</Typography.Text>}
        {!selection.allOfFilter && selection.keys.length > 0 && total > selection.keys.length && (
          <Typography.Link onClick={() => selection.setAllOfFilter(true)} data-testid="bulk-all-of-filter">
            选择全部符合筛选条件的 {total} 项
          </Typography.Link>
        )}
        {count > 0 && <Typography.Link onClick={selection.clear}>清除选择</Typography.Link>}
      </Space>
      {open && (
        <BulkEditModal
          selection={selection.allOfFilter ? { filter } : { measureIds: selection.keys }}
          count={count}
          onClose={(done) => {
            setOpen(false);
            if (done) {
              selection.clear();
              onDone();
            }
          }}
        />
      )}
    </div>
  );
}

type DeadlineKind = 'date' | 'immediate' | 'standing';
interface Draft {
  unit?: number;
  leader?: string;
  person?: string;
  deadlineKind?: DeadlineKind;
  deadlineDate?: string;
  action?: MeasureAction;
  resultText?: string;
  verifiedBy?: string;
  reason?: string;
  newDeadline?: string;
}
type Field = 'unit' | 'leader' | 'person' | 'deadline' | 'action';
const FIELD_LABEL: Record<Field, string> = { unit: '牵头单位', leader: '责任领导', person: '责任人', deadline: '整改时限', action: '整改状态' };

function changesOf(on: Set<Field>, d: Draft): BulkChanges | string {
  const c: BulkChanges = {};
  if (on.has('unit')) {
    if (!d.unit) return '请选择新的牵头单位';
    c.leadUnitId = d.unit;
  }
  if (on.has('leader')) c.leader = d.leader ?? '';
  if (on.has('person')) c.person = d.person ?? '';
  if (on.has('deadline')) {
    const kind = d.deadlineKind ?? 'date';
    if (kind === 'date' && !d.deadlineDate) return '请选择新的整改时限日期';
    c.deadline = { kind, date: kind === 'date' ? d.deadlineDate! : null, text: null };
  }
  if (on.has('action')) {
    if (!d.action) return '请选择状态操作';
    c.transition = { action: d.action, resultText: d.resultText ?? null, verifiedBy: d.verifiedBy ?? null, reason: d.reason ?? null, newDeadline: d.newDeadline };
  }
  if (!on.size) return '请至少勾选一项要修改的内容';
  return c;
}

const dateValue = (v: string | undefined) => (v ? dayjs(v) : null);

function BulkEditModal({ selection, count, onClose }: { selection: { filter: LedgerFilter } | { measureIds: number[] }; count: number; onClose: (done: boolean) => void }) {
  const { message } = App.useApp();
  const units = useLoad(() => call('units:list', {}), []);
  const [on, setOn] = useState<Set<Field>>(new Set());
  const [draft, setDraft] = useState<Draft>({ deadlineKind: 'date' });
  const [preview, setPreview] = useState<BulkPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setPreview(null);
  };
  const toggle = (f: Field, checked: boolean) => {
    setOn((s) => {
      const n = new Set(s);
      if (checked) n.add(f);
      else n.delete(f);
      return n;
    });
    setPreview(null);
  };

  const runPreview = async () => {
    const changes = changesOf(on, draft);
    if (typeof changes === 'string') return setError(changes);
    setBusy(true);
    setError(null);
    try {
      setPreview(await call('bulk:preview', { selection, changes }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    const changes = changesOf(on, draft);
    if (typeof changes === 'string' || !preview) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('bulk:apply', { items: preview.items, changes });
      message.success(`已批量修改 ${r.changed} 项措施`);
      onClose(true);
    } catch (err) {
      setError(errorText(err));
      setPreview(null);
    } finally {
      setBusy(false);
    }
  };

  const canApply = !!preview && preview.changing > 0 && preview.problems.length === 0;
  const row = (f: Field, control: React.ReactNode) => (
    <div style={{ display: 'flex', alignItems: 'flex-start', gap: 8, minHeight: 32 }}>
      <Checkbox checked={on.has(f)} onChange={(e) => toggle(f, e.target.checked)} style={{ width: 110, paddingTop: 5 }} data-testid={`bulk-field-${f}`}>
        {FIELD_LABEL[f]}
      </Checkbox>
      <div style={{ flex: 1, opacity: on.has(f) ? 1 : 0.45 }}>{control}</div>
    </div>
  );
  const action = draft.action;

  return (
    <Modal
      open
      width={880}
      title={`批量修改整改措施（${count} 项）`}
      onCancel={() => onClose(false)}
      maskClosable={false}
      footer={
        <Space>
          <Button onClick={() => onClose(false)}>取消</Button>
          <Button onClick={() => void runPreview()} loading={busy && !preview} data-testid="bulk-preview">
            预览修改
          </Button>
          <Button type="primary" disabled={!canApply} loading={busy && !!preview} onClick={() => void apply()} data-testid="bulk-apply">
            {preview && canApply ? `确认修改 ${preview.changing} 项` : '确认修改'}
          </Button>
        </Space>
      }
      data-testid="bulk-modal"
    >
      <Space orientation="vertical" style={{ width: '100%' }} size={8}>
        <Typography.Text type="secondary">勾选要修改的内容，只有勾选的项目会被修改；先“预览修改”核对，再确认。状态按销号流程逐项校验，任何一项不符合，全部不修改。</Typography.Text>
        {row(
          'unit',
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="新的牵头单位"
            style={{ width: 320 }}
            value={draft.unit}
            disabled={!on.has('unit')}
            options={units.data?.map((u) => ({ value: u.id, label: u.name }))}
            onChange={(unit) => set({ unit })}
            data-testid="bulk-unit"
          />,
        )}
        {row('leader', <Input placeholder="新的责任领导（留空则清除）" style={{ width: 320 }} disabled={!on.has('leader')} value={draft.leader} onChange={(e) => set({ leader: e.target.value })} />)}
        {row('person', <Input placeholder="新的责任人（留空则清除）" style={{ width: 320 }} disabled={!on.has('person')} value={draft.person} onChange={(e) => set({ person: e.target.value })} data-testid="bulk-person" />)}
        {row(
          'deadline',
          <Space wrap>
            <Radio.Group
              disabled={!on.has('deadline')}
              value={draft.deadlineKind}
              onChange={(e) => set({ deadlineKind: e.target.value as DeadlineKind })}
              options={[
                { value: 'date', label: '日期' },
                { value: 'immediate', label: '立行立改' },
                { value: 'standing', label: '长期坚持' },
              ]}
            />
            {draft.deadlineKind === 'date' && (
              <DatePicker disabled={!on.has('deadline')} value={dateValue(draft.deadlineDate)} onChange={(d) => set({ deadlineDate: d?.format('YYYY-MM-DD') })} data-testid="bulk-deadline-date" />
            )}
          </Space>,
        )}
        {row(
          'action',
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Select
              placeholder="状态操作"
              style={{ width: 200 }}
              disabled={!on.has('action')}
              value={action}
              options={MEASURE_ACTIONS.map((a) => ({ value: a, label: MEASURE_ACTION_LABEL[a] }))}
              onChange={(a) => set({ action: a })}
              data-testid="bulk-action"
            />
            {action === 'request_close' && on.has('action') && <Input.TextArea rows={2} placeholder="整改结果（整改完成情况，必填）" value={draft.resultText} onChange={(e) => set({ resultText: e.target.value })} />}
            {action === 'verify_close' && on.has('action') && <Input placeholder="验收人（必填）" style={{ width: 200 }} value={draft.verifiedBy} onChange={(e) => set({ verifiedBy: e.target.value })} />}
            {(action === 'return' || action === 'reopen') && on.has('action') && (
              <Space wrap>
                <Input placeholder="原因（必填）" style={{ width: 320 }} value={draft.reason} onChange={(e) => set({ reason: e.target.value })} />
                <DatePicker placeholder="新的整改时限（时限已过时必填）" style={{ width: 240 }} value={dateValue(draft.newDeadline)} onChange={(d) => set({ newDeadline: d?.format('YYYY-MM-DD') })} />
              </Space>
            )}
          </Space>,
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="bulk-error" />}
        {preview && <PreviewPanel preview={preview} />}
      </Space>
    </Modal>
  );
}

function PreviewPanel({ preview }: { preview: BulkPreview }) {
  return (
    <div data-testid="bulk-preview-panel">
      {preview.problems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={`${preview.problems.length} 项不能按本次修改处理，确认前请取消勾选这些措施或调整修改内容（任何一项不符合，全部不修改）`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {preview.problems.slice(0, 8).map((p) => (
                <li key={p.measureId}>{p.message}</li>
              ))}
              {preview.problems.length > 8 && <li>另有 {preview.problems.length - 8} 项</li>}
            </ul>
          }
          data-testid="bulk-problems"
        />
      ) : (
        <Alert type={preview.changing ? 'info' : 'warning'} showIcon title={preview.headline} data-testid="bulk-headline" />
      )}
      {preview.rows.length > 0 && (
        <Table<BulkPreviewRow>
          style={{ marginTop: 8 }}
          size="small"
          rowKey="measureId"
          dataSource={preview.rows}
          pagination={preview.rows.length > 5 ? { pageSize: 5, size: 'small', showTotal: (n) => `预览前 ${n} 项` } : false}
          columns={[
            { title: '编号', dataIndex: 'number', width: 64 },
            { title: '整改措施', dataIndex: 'measureText', ellipsis: true },
            {
              title: '修改内容',
              key: 'changes',
              width: 380,
              render: (_: unknown, r) => (
                <Space orientation="vertical" size={0}>
                  {r.changes.map((c, i) => (
                    <span key={i}>
                      {c.label}：<Typography.Text delete type="secondary">{c.old}</Typography.Text> → <Typography.Text strong>{c.new}</Typography.Text>
                    </span>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
