import type { SimilarFinding } from '../../contract/similar.ts';
import type { Db } from '../db/open.ts';
import { batchLabel } from '../ledger/batches.ts';
import { similarDb } from './schema.ts';
import { SIMILAR_THRESHOLD, bigramCode, bigramWeight, signatureOf, similarity } from './text.ts';

/**
 * Earlier findings that say nearly the same as a text. Candidates come from plain SQL over the
 * inverted index — the findings holding the most of the text's rarest bigrams — and are scored
 * here (text.ts), so SQLite and PostgreSQL give the same answer. Work per call is bounded by the
 * postings read, not by the size of the ledger.
 */

/** At most this many postings are read per call: the rarest bigrams are taken until it is reached. */
const POSTINGS_BUDGET = 12_000;
const MIN_PROBES = 3;
const MAX_PROBES = 12;
const CANDIDATES = 200;

export interface FindSimilarOptions {
  /** Only findings of batches received before this one (the batch the new finding goes into). */
  beforeBatchId?: number;
  /** Leave these findings out (the finding itself). */
  excludeFindingIds?: number[];
  limit?: number;
  threshold?: number;
}

interface Candidate {
  id: number;
  hits: number;
}

/** The bigrams (codes) that probe the index for a text: its rarest telling ones, within the postings budget. */
export async function probesOf(db: Db, text: string): Promise<number[]> {
  const sdb = similarDb(db);
  const sig = signatureOf(text);
  if (!sig.bigrams.size) return [];
  // Only bigrams that say what the problem is probe the index; genre words would match everything.
  const telling = [...sig.bigrams].filter((b) => bigramWeight(b) === 1);
  const probes = (telling.length >= MIN_PROBES ? telling : [...sig.bigrams]).map(bigramCode);
  const counts = await sdb.selectFrom('similar_df').select(['bigram', 'n']).where('bigram', 'in', probes).where('n', '>', 0).execute();
  counts.sort((a, b) => a.n - b.n || a.bigram - b.bigram);
  const chosen: number[] = [];
  let budget = 0;
  for (const c of counts) {
    if (chosen.length >= MAX_PROBES) break;
    if (chosen.length >= MIN_PROBES && budget + c.n > POSTINGS_BUDGET) break;
    chosen.push(c.bigram);
    budget += c.n;
  }
  return chosen;
}

/** The findings holding the most of the probe bigrams: one plain grouped read of the index. */
export function candidateQuery(db: Db, probes: number[]) {
  return similarDb(db)
    .selectFrom('similar_postings')
    .select(['finding_id', (eb) => eb.fn.countAll<number>().as('hits')])
    .where('bigram', 'in', probes)
    .groupBy('finding_id')
    .orderBy('hits', 'desc')
    .orderBy('finding_id', 'desc')
    .limit(CANDIDATES);
}

async function candidatesOf(db: Db, text: string): Promise<Candidate[]> {
  const chosen = await probesOf(db, text);
  if (!chosen.length) return [];
  const rows = await candidateQuery(db, chosen).execute();
  return rows.map((r) => ({ id: r.finding_id, hits: Number(r.hits) }));
}

export async function findSimilar(db: Db, text: string, opts: FindSimilarOptions = {}): Promise<SimilarFinding[]> {
  const threshold = opts.threshold ?? SIMILAR_THRESHOLD;
  const cands = await candidatesOf(db, text);
  if (!cands.length) return [];
  const exclude = new Set(opts.excludeFindingIds ?? []);
  const ids = cands.map((c) => c.id).filter((id) => !exclude.has(id));
  if (!ids.length) return [];
  let before: { id: number; received_date: string } | undefined;
  if (opts.beforeBatchId) {
    before = await db.selectFrom('batches').select(['id', 'received_date']).where('id', '=', opts.beforeBatchId).executeTakeFirst();
  }
  const rows = await db
    .selectFrom('findings as f')
    .innerJoin('batches as b', 'b.id', 'f.batch_id')
    .innerJoin('organizations as o', 'o.id', 'b.organization_id')
    .select(['f.id', 'f.text', 'f.seq', 'f.status', 'f.batch_id', 'b.received_date', 'b.doc_number', 'b.topic', 'o.name as organization_name'])
    .where('f.id', 'in', ids)
    .execute();
  const sig = signatureOf(text);
  const out: SimilarFinding[] = [];
  for (const r of rows) {
    if (before && !(r.received_date < before.received_date || (r.received_date === before.received_date && r.batch_id < before.id))) continue;
    const s = similarity(sig, signatureOf(r.text));
    if (s < threshold) continue;
    out.push({
      findingId: r.id,
      batchId: r.batch_id,
      seq: r.seq,
      text: r.text,
      status: r.status,
      receivedDate: r.received_date,
      batchLabel: batchLabel({ organizationName: r.organization_name, docNumber: r.doc_number, topic: r.topic }),
      similarity: Math.round(s * 1000) / 1000,
    });
  }
  out.sort((a, b) => b.similarity - a.similarity || b.receivedDate.localeCompare(a.receivedDate) || b.findingId - a.findingId);
  return out.slice(0, opts.limit ?? 5);
}
