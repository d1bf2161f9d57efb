import { z } from 'zod';
import { channel } from './define.ts';
import { id } from './common.ts';
import { SUPERVISION_ENTITIES, SUPERVISION_NOUN } from './supervision.ts';

/** Channels of the 回收站 (issue 8). Owned by shared/core/recycle. */

export const RECYCLE_ENTITIES = ['batch', 'finding', 'measure', 'progress', 'evidence', ...SUPERVISION_ENTITIES] as const;
export type RecycleEntity = (typeof RECYCLE_ENTITIES)[number];
export const RECYCLE_ENTITY_LABEL: Record<RecycleEntity, string> = {
  batch: '反馈批次',
  finding: '反馈问题',
  measure: '整改措施',
  progress: '整改进展',
  evidence: '佐证材料',
  ...SUPERVISION_NOUN,
};

/** What an entry holds, for "3 个问题、7 项措施、2 个佐证材料". */
export interface RecycleCounts {
  findings: number;
  measures: number;
  progress: number;
  evidence: number;
}

export interface RecycleEntryDto {
  id: number;
  entity: RecycleEntity;
  entityId: number;
  label: string;
  parentLabel: string | null;
  deletedAt: string;
  deletedBy: string;
  counts: RecycleCounts;
}

export interface RestoreResultDto {
  entity: RecycleEntity;
  entityId: number;
  label: string;
  /** Where to go to see it again: the finding's page, or null for a batch (the ledger filtered by it). */
  findingId: number | null;
  batchId: number | null;
  /** Evidence files found neither in the 回收站 folder nor in their place (removed by hand). */
  missingFiles: string[];
}

const empty = z.object({}).strict().optional().default({});

export const recycleChannels = {
  'recycle:list': channel<RecycleEntryDto[]>()(empty),
  'recycle:restore': channel<RestoreResultDto>()(z.object({ id })),
  'recycle:purge': channel<{ purged: number }>()(z.object({ id })),
  'recycle:empty': channel<{ purged: number }>()(empty),
  /** 删除佐证材料: moves one evidence file to the 回收站 (there was no way to delete one before). */
  'evidence:delete': channel<{ deleted: true; recycleId: number }>()(z.object({ id })),
};

/** "3 个问题、7 项措施、2 个佐证材料": what an entry holds, in the 包含 column. */
export function countsText(c: RecycleCounts): string {
  const parts = [
    c.findings ? `${c.findings} 个问题` : '',
    c.measures ? `${c.measures} 项措施` : '',
    c.progress ? `${c.progress} 条进展` : '',
    c.evidence ? `${c.evidence} 个佐证材料` : '',
  ].filter(Boolean);
  return parts.join('、') || '—';
}
