import { Descriptions, Typography } from 'antd';
import {
  DEADLINE_KIND_LABEL, MEASURE_ACTION_LABEL, MEASURE_STATUS_LABEL,
  type DeadlineKind, type MeasureAction, type MeasureStatus,
} from '../../../shared/domain/vocabulary.ts';

/** Field names the core writes into audit records (camelCase or snake_case), in the clerk's words. */
const FIELD_LABEL: Record<string, string> = {
  id: '编号', status: '状态', action: '办理', date: '日期', note: '备注', files: '文件', text: '内容',
  findingId: '问题编号', leadUnitId: '牵头单位编号', coUnitIds: '配合单位编号', leader: '责任领导', person: '责任人',
  deadline: '整改时限', deadlineKind: '时限类型', deadlineDate: '时限日期', deadlineText: '时限说明', assignedDate: '交办日期',
  batchId: '批次编号', seq: '序号', category: '问题类别', suggestion: '意见建议', target: '整改目标',
  organizationId: '监督主体编号', area: '监督领域', docNumber: '文号', receivedDate: '收文日期', topic: '主题', mode: '监督方式',
  name: '名称', aliases: '别名', contactPerson: '联系人', contactPhone: '联系电话', party: '党派', level: '层级',
  resultText: '整改结果', verifiedBy: '验收人', requestedDate: '申请销号日期', closedDate: '销号日期', returnReason: '退回原因',
  operator: '操作人', officeName: '单位名称', dueSoonDays: '临期提醒天数', stagnantDays: '停滞提醒天数', immediateDays: '立行立改期限',
  from: '原单位', into: '并入单位', aliasesAdded: '新增别名', loaded: '已载入', removedBatches: '删除批次数',
  findingsRemoved: '删除问题数', isSample: '示例数据', version: '版本', createdAt: '创建时间', updatedAt: '更新时间',
  batches: '批次数', findings: '问题数', measures: '措施数', units: '单位数', progress: '进展数', progressEntries: '进展数',
  removed: '删除记录数', ms: '用时（毫秒）',
};

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (key === 'status' && typeof value === 'string') return MEASURE_STATUS_LABEL[value as MeasureStatus] ?? value;
  if (key === 'action' && typeof value === 'string') return MEASURE_ACTION_LABEL[value as MeasureAction] ?? value;
  if ((key === 'deadlineKind' || key === 'kind') && typeof value === 'string') return DEADLINE_KIND_LABEL[value as DeadlineKind] ?? value;
  if (key === 'deadline' && typeof value === 'object') {
    const d = value as { kind?: DeadlineKind; date?: string | null; text?: string | null };
    return [d.kind ? DEADLINE_KIND_LABEL[d.kind] : '', d.date ?? '', d.text ?? ''].filter(Boolean).join(' ');
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('、') : '—';
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.name === 'string') return o.name;
    return JSON.stringify(value);
  }
  return String(value);
}

/** One side (before / after) of an audit record as a small labelled table. */
export function Snapshot({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">（无）</Typography.Text>;
  if (typeof value !== 'object' || Array.isArray(value)) return <span>{valueText('', value)}</span>;
  const entries = Object.entries(value as Record<string, unknown>);
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      styles={{ label: { width: 120 } }}
      items={entries.map(([key, v]) => {
        const k = camel(key);
        return { key, label: FIELD_LABEL[k] ?? key, children: <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{valueText(k, v)}</span> };
      })}
    />
  );
}
