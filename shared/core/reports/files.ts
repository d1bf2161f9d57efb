import type { FileOut } from '../../contract/common.ts';
import type { LedgerFilter } from '../../contract/ledger.ts';
import { MEASURE_STATUS_LABEL, SIGNAL_LABEL } from '../../domain/vocabulary.ts';
import type { ReportReader } from './reader.ts';
import type { ReportRow } from './model.ts';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const xlsxFile = (fileName: string, bytes: Buffer): FileOut => ({ fileName, base64: bytes.toString('base64'), mime: XLSX_MIME });
export const docxFile = (fileName: string, bytes: Buffer): FileOut => ({ fileName, base64: bytes.toString('base64'), mime: DOCX_MIME });

/** The 监督领域 and party the rows share, for titles: "民革市委脱贫攻坚". */
function scopeWords(rows: readonly ReportRow[]): string {
  const areas = new Set(rows.map((r) => r.batchArea));
  const orgs = new Set(rows.map((r) => r.organizationName));
  return `${orgs.size === 1 ? [...orgs][0] : ''}${areas.size === 1 ? [...areas][0] : ''}`;
}

export const ledgerTitle = (rows: readonly ReportRow[]) => `${scopeWords(rows)}民主监督反馈问题整改台账`;
export const reportTitle = (rows: readonly ReportRow[]) => `关于${scopeWords(rows)}民主监督反馈问题整改情况的报告`;

/** The filter in words for the ledger's caption ("筛选：牵头单位 县财政局；状态 整改中"), or ''. */
export async function describeFilter(core: ReportReader, f: LedgerFilter): Promise<string> {
  const parts: string[] = [];
  const name = async (table: 'batches' | 'organizations' | 'units', id: number) => {
    if (table === 'batches') {
      const b = await core.db.selectFrom('batches').select(['topic', 'doc_number']).where('id', '=', id).executeTakeFirst();
      return b ? b.doc_number ?? b.topic : `#${id}`;
    }
    const r = await core.db.selectFrom(table).select('name').where('id', '=', id).executeTakeFirst();
    return r?.name ?? `#${id}`;
  };
  if (f.batchId) parts.push(`批次 ${await name('batches', f.batchId)}`);
  if (f.organizationId) parts.push(`监督主体 ${await name('organizations', f.organizationId)}`);
  if (f.unitId) parts.push(`责任单位 ${await name('units', f.unitId)}`);
  if (f.statuses?.length) parts.push(`状态 ${f.statuses.map((s) => MEASURE_STATUS_LABEL[s]).join('、')}`);
  if (f.signals?.length) parts.push(`预警 ${f.signals.map((s) => SIGNAL_LABEL[s]).join('、')}`);
  if (f.category) parts.push(`类别 ${f.category}`);
  if (f.deadlineFrom || f.deadlineTo) parts.push(`时限 ${f.deadlineFrom ?? '…'} 至 ${f.deadlineTo ?? '…'}`);
  if (f.q) parts.push(`含“${f.q}”`);
  return parts.length ? `筛选：${parts.join('；')}` : '';
}
