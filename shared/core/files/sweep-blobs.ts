import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/open.ts';

/**
 * The shared ledger's leftovers: blobs nothing refers to any more — a 监督附件 removed from its
 * relation, the files of records deleted outright (not through the 回收站). Removed at start, in a
 * transaction that waits its turn behind writers (the advisory lock of ledger/write.ts's withWrite),
 * so a write that is about to point a new row at an existing blob is never robbed of it. A blob of
 * a write not yet committed is invisible here, so no age limit is needed.
 */
const WRITERS_LOCK = 7130219;

export async function sweepUnreferencedBlobs(db: Db | Kysely<any>): Promise<{ removed: string[]; bytes: number }> {
  return (db as Kysely<any>).transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${sql.lit(WRITERS_LOCK)})`.execute(trx);
    const gone = await sql<{ sha256: string; size: number }>`
      DELETE FROM file_blobs b
      WHERE b.kept = 0
        AND NOT EXISTS (SELECT 1 FROM evidence_files e WHERE e.sha256 = b.sha256)
        AND NOT EXISTS (SELECT 1 FROM supervision_files s WHERE s.sha256 = b.sha256)
        AND NOT EXISTS (SELECT 1 FROM recycle_bin r WHERE strpos(r.payload_json, b.sha256) > 0)
        AND NOT EXISTS (SELECT 1 FROM settings g WHERE strpos(g.value, b.sha256) > 0)
      RETURNING b.sha256, b.size`.execute(trx);
    if (gone.rows.length) await sql`DELETE FROM file_chunks c WHERE NOT EXISTS (SELECT 1 FROM file_blobs b WHERE b.sha256 = c.sha256)`.execute(trx);
    return { removed: gone.rows.map((r) => `共享数据库文件 ${r.sha256.slice(0, 12)}`), bytes: gone.rows.reduce((n, r) => n + Number(r.size), 0) };
  });
}
