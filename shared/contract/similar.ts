import { z } from 'zod';
import type { FindingStatus } from '../domain/vocabulary.ts';
import { channel } from './define.ts';
import { id } from './common.ts';

/** Similar findings across rounds (issue 11): 屡改屡犯 made visible, 再次反馈 confirmed and stored. */

/** A finding of an earlier batch that reads nearly the same. */
export interface SimilarFinding {
  findingId: number;
  batchId: number;
  seq: string;
  text: string;
  status: FindingStatus;
  receivedDate: string;
  batchLabel: string;
  /** Weighted bigram Dice, 0–1; proposed from 0.5 (shared/core/similar/text.ts SIMILAR_THRESHOLD). */
  similarity: number;
}

/** A confirmed 再次反馈 link, seen from one side. */
export interface RepeatLink extends SimilarFinding {
  confirmedAt: string;
  operator: string;
}

export interface FindingSimilarity {
  findingId: number;
  /** Proposed, not yet confirmed: earlier findings above the threshold. */
  suggestions: SimilarFinding[];
  /** Confirmed: this finding is a 再次反馈 of these earlier ones. */
  repeats: RepeatLink[];
  /** Later findings confirmed as repeating this one. */
  repeatedBy: RepeatLink[];
}

const text = z.string().trim().max(4000, { message: '问题内容不超过 4000 字' });

export const similarChannels = {
  /** Earlier findings like a text being typed (新增问题) — of batches received before `batchId` when given. */
  'similar:find': channel<SimilarFinding[]>()(
    z.object({ text, batchId: id.optional(), excludeFindingId: id.optional(), limit: z.number().int().min(1).max(20).default(5) }),
  ),
  /** The same for many rows at once (导入预览): one list per text, in order. */
  'similar:find-many': channel<SimilarFinding[][]>()(
    z.object({ texts: z.array(text).max(5000, { message: '一次最多比对 5000 条' }), batchId: id.optional(), limit: z.number().int().min(1).max(10).default(3) }),
  ),
  'similar:of-finding': channel<FindingSimilarity>()(z.object({ findingId: id })),
  /** Confirm that a finding is a 再次反馈 of an earlier one (stored, audited). */
  'similar:confirm': channel<FindingSimilarity>()(z.object({ findingId: id, earlierFindingId: id })),
  'similar:unconfirm': channel<FindingSimilarity>()(z.object({ findingId: id, earlierFindingId: id })),
};
