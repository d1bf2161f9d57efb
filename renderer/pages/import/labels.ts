import { COLUMN_ROLES, FIELD_LABEL, type ColumnRole, type LedgerField, type RowOutcomeKind } from '../../../shared/contract/import.ts';
import { MEASURE_STATUS_LABEL, type MeasureStatus } from '../../../shared/domain/vocabulary.ts';

export function roleLabel(role: ColumnRole): string {
  if (role === 'ignore') return '（不导入）';
  if (role.startsWith('status:')) return `打勾列：${MEASURE_STATUS_LABEL[role.slice(7) as MeasureStatus]}`;
  return FIELD_LABEL[role as LedgerField];
}

export const ROLE_OPTIONS = COLUMN_ROLES.map((role) => ({ value: role, label: roleLabel(role) }));

export const OUTCOME: Record<RowOutcomeKind, { label: string; color: string }> = {
  import: { label: '导入', color: 'success' },
  warning: { label: '提示', color: 'warning' },
  refused: { label: '拒绝', color: 'error' },
  skipped: { label: '跳过', color: 'default' },
};
