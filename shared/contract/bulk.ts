import { z } from 'zod';
import { MEASURE_ACTIONS } from '../domain/vocabulary.ts';
import { channel } from './define.ts';
import { id, isoDate, optionalText } from './common.ts';
import { deadlineInput, ledgerFilter } from './ledger.ts';

/** Bulk edits of measures (issue 10): preview what will change, then apply it in one transaction. */

export const BULK_MAX = 10_000;

/** The measures ticked in the ledger, or all that match a filter (全部符合筛选条件的 N 项). */
export const bulkSelection = z.union([
  z.object({ measureIds: z.array(id).min(1, { message: '请先勾选要修改的措施' }).max(BULK_MAX, { message: `一次最多批量修改 ${BULK_MAX} 项` }) }),
  z.object({ filter: ledgerFilter }),
]);

export const bulkChanges = z
  .object({
    leadUnitId: id.optional(),
    /** 责任领导 / 责任人: a name, or "" to clear it. Left out: unchanged. */
    leader: z.string().trim().max(100, { message: '责任领导不能超过 100 个字' }).optional(),
    person: z.string().trim().max(100, { message: '责任人不能超过 100 个字' }).optional(),
    deadline: deadlineInput.optional(),
    /** A status step for every row, through the closure workflow. */
    transition: z
      .object({
        action: z.enum(MEASURE_ACTIONS, { error: '请选择状态操作' }),
        date: isoDate.optional(),
        resultText: optionalText('整改结果', 4000),
        verifiedBy: optionalText('验收人', 50),
        reason: optionalText('原因', 2000),
        newDeadline: isoDate.optional(),
      })
      .optional(),
  })
  .refine((c) => c.leadUnitId !== undefined || c.leader !== undefined || c.person !== undefined || c.deadline !== undefined || c.transition !== undefined, {
    message: '请至少选择一项要修改的内容',
  });
export type BulkChanges = z.infer<typeof bulkChanges>;

/** One measure as the preview showed it: applying refuses the edit if it has changed since. */
export const bulkItem = z.object({ id, version: z.number().int().positive() });
export type BulkItem = z.infer<typeof bulkItem>;

export interface BulkFieldChange {
  label: string;
  old: string;
  new: string;
}

export interface BulkPreviewRow {
  measureId: number;
  findingId: number;
  /** measureNumber: "3-1". */
  number: string;
  batchLabel: string;
  measureText: string;
  changes: BulkFieldChange[];
}

export interface BulkProblem {
  measureId: number;
  number: string;
  message: string;
}

export interface BulkPreview {
  /** How many measures the selection holds. */
  total: number;
  /** How many of them the edit changes (the rest already have the new values). */
  changing: number;
  /** "将修改 37 项：整改时限 2026年6月30日 → 2026年9月30日（30 项）…" */
  headline: string;
  /** One line per field: "整改时限：2026年6月30日 → 2026年9月30日（30 项）". */
  summary: string[];
  /** Every selected measure with the version seen: send back to apply. */
  items: BulkItem[];
  /** The first rows that change, for the table of the preview. */
  rows: BulkPreviewRow[];
  /** Rows the workflow refuses: while any is listed, nothing can be applied. */
  problems: BulkProblem[];
}

export interface BulkResult {
  changed: number;
  /** The audit entry that marks this bulk edit. */
  bulkAuditId: number;
  message: string;
}

export const bulkChannels = {
  'bulk:preview': channel<BulkPreview>()(z.object({ selection: bulkSelection, changes: bulkChanges })),
  'bulk:apply': channel<BulkResult>()(
    z.object({
      items: z.array(bulkItem).min(1, { message: '没有要修改的措施' }).max(BULK_MAX, { message: `一次最多批量修改 ${BULK_MAX} 项` }),
      changes: bulkChanges,
    }),
  ),
};
