import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Core } from '../../shared/core/context.ts';
import { recycleDb, type BinFile } from '../../shared/core/recycle/schema.ts';
import { b64, basicSetup, call } from '../support/core.ts';

/** Helpers of recycle-bin.test.ts: a batch with everything under it, and a dump of the whole ledger. */

/** Every row (all columns) of every ledger table, the search rows and the id high-water marks. */
export async function dumpLedger(core: Core): Promise<Record<string, unknown[]>> {
  const pg = core.dialect === 'postgres';
  const tables = pg
    ? await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(core.db)
    : await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(core.db);
  const skip = new Set(['audit_log', 'recycle_bin', 'schema_migrations', 'sqlite_sequence', 'ledger_revision']);
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables.rows) {
    if (skip.has(name) || name.startsWith('search_')) continue;
    // Sorted by content, not rowid: some tables (snapshot rows) are WITHOUT ROWID.
    const rows = (await sql`SELECT * FROM ${sql.table(name)}`.execute(core.db)).rows;
    out[name] = rows.map((r) => [JSON.stringify(r), r] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  }
  if (pg) {
    out.search_docs = (await sql`SELECT finding_id, folded FROM search_docs ORDER BY finding_id`.execute(core.db)).rows;
    // The identity sequences' high-water marks (PostgreSQL's sqlite_sequence).
    out.sequences = (await sql`SELECT sequencename AS name, last_value AS seq FROM pg_sequences WHERE schemaname = current_schema() AND sequencename NOT LIKE 'audit_log%' AND sequencename NOT LIKE 'recycle_bin%' ORDER BY sequencename`.execute(core.db)).rows;
    return out;
  }
  for (const fts of ['search_trigram', 'search_bigram']) out[fts] = (await sql`SELECT rowid, body FROM ${sql.table(fts)} ORDER BY rowid`.execute(core.db)).rows;
  out.sqlite_sequence = (await sql`SELECT name, seq FROM sqlite_sequence WHERE name NOT IN ('audit_log', 'recycle_bin') ORDER BY name`.execute(core.db)).rows;
  return out;
}

/** The shared database's stored contents (sha256 → size): on PostgreSQL the files live there, not in the data folder. */
export async function storedBlobs(core: Core): Promise<Record<string, number>> {
  const rows = (await sql<{ sha256: string; size: number }>`SELECT sha256, size FROM file_blobs ORDER BY sha256`.execute(core.db)).rows;
  return Object.fromEntries(rows.map((r) => [r.sha256, Number(r.size)]));
}

/** Relative path → sha256 of every file under a folder of the data folder. */
export function filesUnder(core: Core, folder: string): Record<string, string> {
  const root = path.join(core.dataDir, folder);
  const out: Record<string, string> = {};
  if (!fs.existsSync(root)) return out;
  for (const rel of fs.readdirSync(root, { recursive: true }) as string[]) {
    const file = path.join(root, rel);
    if (fs.statSync(file).isFile()) out[rel.split(path.sep).join('/')] = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return out;
}

/** 民盟 batch: 2 findings, 3 measures (one late, with a co-unit and a 督办单), progress with files, a closure, an extra file. */
export async function richBatch(core: Core) {
  const { batch, finance, poverty } = await basicSetup(core);
  const f1 = await call(core, 'findings:create', {
    batchId: batch.id,
    category: '资金使用方面',
    text: '扶贫资金拨付滞后',
    measures: [
      { text: '清理拨付存量资金', leadUnitId: finance.id, coUnitIds: [poverty.id], leader: '张副县长', person: '王芳', deadline: { kind: 'date', date: '2026-05-31' } },
      { text: '建立按月通报制度', leadUnitId: poverty.id, deadline: { kind: 'standing' } },
    ],
  });
  const f2 = await call(core, 'findings:create', {
    batchId: batch.id,
    text: '产业项目带贫效果不明显',
    measures: [{ text: '完善利益联结机制', leadUnitId: poverty.id, deadline: { kind: 'date', date: '2026-09-30' } }],
  });
  const [m1, m2] = f1.measures;
  const progress = await call(core, 'progress:add', { measureId: m1.id, date: '2026-06-10', text: '已拨付八成', files: [{ name: '拨付清单.txt', base64: b64('拨付清单：第一批 120 万元') }, { name: '现场照片.jpg', base64: JPEG }] });
  await call(core, 'measures:transition', { id: m2.id, action: 'request_close', resultText: '已建立通报制度', files: [{ name: '通报.pdf', base64: b64('%PDF-1.4 通报') }] });
  await call(core, 'measures:transition', { id: m2.id, action: 'verify_close', verifiedBy: '赵敏' });
  await call(core, 'evidence:add', { measureId: f2.measures[0].id, files: [{ name: '利益联结协议.txt', base64: b64('利益联结协议') }] });
  const notice = await call(core, 'notice:create', { measureId: m1.id });
  return { batch, finance, poverty, f1, f2, m1, m2, progress, notice: notice.notice };
}

/** The first bytes of a JPEG: the evidence check reads content, not the name. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]).toString('base64');

/** Findings the ledger's search box finds (the ledger has one row per measure). */
export const findingIdsFor = async (core: Core, q: string) => [...new Set((await call(core, 'ledger:query', { filter: { q } })).rows.map((r) => r.findingId))];

/** A crash between the delete's commit and its file moves: put the files back in evidence/. */
export async function undoFileMoves(core: Core, binId: number): Promise<void> {
  const entry = await recycleDb(core.db).selectFrom('recycle_bin').select('files_json').where('id', '=', binId).executeTakeFirstOrThrow();
  for (const f of JSON.parse(entry.files_json) as BinFile[]) fs.renameSync(path.join(core.dataDir, f.binPath), path.join(core.dataDir, f.storedPath));
}
