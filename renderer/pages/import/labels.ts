import { COLUMN_ROLES, FIELD_LABEL, type ColumnRole, type ImportSheetDto, type LedgerField, type RowOutcomeKind, type TableOrigin } from '../../../shared/contract/import.ts';
import { MEASURE_STATUS_LABEL, type MeasureStatus } from '../../../shared/domain/vocabulary.ts';

export function roleLabel(role: ColumnRole): string {
  if (role === 'ignore') return '（不导入）';
  if (role === 'extra') return '其他信息（记入备注）';
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

/** What the import page accepts, and the same in plain words for the clerk. */
export const IMPORT_ACCEPT = '.xlsx,.xlsm,.xls,.ods,.csv,.txt,.docx,.htm,.html';
export const IMPORT_HINT =
  '可以读取：Excel/WPS 表格（.xlsx .xls .ods）、CSV/文本（任意编码）、网页另存的 .xls 与 .htm、Word 反馈函与整改方案（.docx，表格或编号段落）。标题行、两行表头、分类行、合并单元格、一页多个表格都可以';

export const ORIGIN_LABEL: Record<TableOrigin, string> = {
  sheet: '工作表',
  'word-table': 'Word 表格',
  'word-form': 'Word 登记表',
  'word-paragraphs': 'Word 正文段落',
};

/** A located table's key: a sheet may hold several stacked tables (blocks). */
export const tableKey = (t: Pick<ImportSheetDto, 'name' | 'block'>): string => `${t.name}#${t.block}`;

/** "工作表“汇总” · 第 2 个表格", "Word 表格“表1”". */
export function tableTitle(t: Pick<ImportSheetDto, 'name' | 'block' | 'origin'>, blocksOnSheet: number): string {
  const where = `${ORIGIN_LABEL[t.origin] ?? '工作表'}“${t.name}”`;
  return blocksOnSheet > 1 ? `${where} · 第 ${t.block + 1} 个表格` : where;
}

/** Column letters of a grid shown to the clerk: A … Z, AA … */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A name the window gives a long import, to ask its progress and cancel it ([A-Za-z0-9_-]{8,64}). */
export function newJobId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID().replace(/-/g, '');
  return Array.from({ length: 4 }, () => Math.random().toString(36).slice(2, 10).padEnd(8, '0')).join('');
}
