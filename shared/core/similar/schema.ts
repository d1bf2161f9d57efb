import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * The tables of migration 0009, merged onto the foundation's interfaces for Kysely the way
 * ledger/record-schema.ts adds its columns.
 */
export type SimilarTables = {
  /** The inverted index: which findings hold a bigram (bigramCode). Derived data. */
  similar_postings: { bigram: number; finding_id: number };
  /** The bigrams a finding was indexed with (codes, space-separated), to undo its postings. */
  similar_signatures: { finding_id: number; bigrams: string };
  /** How many findings hold each bigram: the rarest ones pick the candidates. */
  similar_df: { bigram: number; n: number };
  /** Findings whose text changed (or that were added or deleted) since they were indexed; filled by triggers. */
  similar_pending: { finding_id: number };
  /** A confirmed 再次反馈: `finding_id` repeats the earlier finding `earlier_finding_id`. */
  finding_repeats: { finding_id: number; earlier_finding_id: number; similarity: number | null; confirmed_at: string; operator: string };
};

export type SimilarDatabase = Database & SimilarTables;

export function similarDb(db: Kysely<Database>): Kysely<SimilarDatabase> {
  return db.withTables<SimilarTables>();
}
