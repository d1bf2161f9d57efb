import { sql, type Kysely } from 'kysely';
import { indexAllFindings } from '../../search/search-index.ts';
import type { Db } from '../open.ts';
import type { Dialect } from '../dialect.ts';

/**
 * Frozen once released. Issue 7, "search finds only problem and measure text": a finding's
 * search rows now also hold its batch's 文号, the organisation, the measures' units, leaders and
 * persons. The rows are derived data: the tables are recreated as 0001 made them (dropping is
 * far quicker than deleting every FTS5 row) and filled from the ledger's tables.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`DELETE FROM search_docs`.execute(db);
    await indexAllFindings(db as Db);
    return;
  }
  await sql`DROP TABLE search_trigram`.execute(db);
  await sql`DROP TABLE search_bigram`.execute(db);
  await sql`CREATE VIRTUAL TABLE search_trigram USING fts5(body, tokenize = 'trigram')`.execute(db);
  await sql`CREATE VIRTUAL TABLE search_bigram USING fts5(body, tokenize = 'unicode61')`.execute(db);
  await indexAllFindings(db as Db);
}
