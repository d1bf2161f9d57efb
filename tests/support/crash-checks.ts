import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openCore } from '../../shared/core/context.ts';
import { sweepEvidenceOrphans } from '../../shared/core/ledger/evidence-sweep.ts';
import { binHeldPaths } from '../../shared/core/recycle/entries.ts';

/**
 * What must hold in a data folder after the process writing it was killed at any moment
 * (crash-kill.test.ts): the database is sound, every write is whole, the audit log and the
 * journal of committed writes agree, and the next start's sweep leaves no orphan file.
 * Returns a list of problems (empty when all holds) and the figures to print.
 */

export interface JournalEntry {
  op: 'batch' | 'import' | 'create' | 'edit' | 'delete' | 'evidence' | 'evidence-delete';
  batchId?: number;
  findingId?: number;
  measureId?: number;
  evidenceId?: number;
  findings?: number;
  files?: number;
  text?: string;
}

export function readJournal(file: string): { entries: JournalEntry[]; fragments: number } {
  const entries: JournalEntry[] = [];
  let fragments = 0;
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      fragments++; // a line cut short by a kill
    }
  }
  return { entries, fragments };
}

/** The audit key each journaled op must have. */
function auditKey(e: JournalEntry): string {
  switch (e.op) {
    case 'batch': return `create batch ${e.batchId}`;
    case 'import': return `import batch ${e.batchId}`;
    case 'create': return `create finding ${e.findingId}`;
    case 'edit': return `update finding ${e.findingId}`;
    case 'delete': return `recycle finding ${e.findingId}`;
    case 'evidence': return `evidence measure ${e.measureId}`;
    case 'evidence-delete': return `recycle evidence ${e.evidenceId}`;
  }
}
const CHILD_KEYS = /^(create batch|import batch|create finding|update finding|recycle finding|evidence measure|recycle evidence) /;

export interface FolderCheck {
  problems: string[];
  committed: number;
  /** Writes in the audit log the journal lacks (killed between commit and journal line). */
  unjournaled: number;
  swept: number;
  imports: { whole: number; empty: number };
}

export async function checkFolder(dataDir: string, journalFile: string, importFindings: number): Promise<FolderCheck> {
  const problems: string[] = [];
  // The dead child's lock must be taken over here.
  const core = await openCore({ dataDir, mode: 'test' });
  try {
    const db = core.sqlite!;
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 3))}`);

    const audits = db.prepare('SELECT action, entity, entity_id AS id, after_json AS after FROM audit_log ORDER BY id').all() as { action: string; entity: string; id: number | null; after: string | null }[];
    const manual = db.prepare("SELECT id FROM batches WHERE topic = '手工录入'").pluck().all() as number[];
    const auditCount = new Map<string, number>();
    for (const a of audits) {
      const key = `${a.action} ${a.entity} ${a.id}`;
      if (!CHILD_KEYS.test(key) || (a.action === 'create' && a.entity === 'batch' && manual.includes(a.id!))) continue;
      auditCount.set(key, (auditCount.get(key) ?? 0) + 1);
    }
    const after = (a: { after: string | null }) => (a.after ? (JSON.parse(a.after) as Record<string, unknown>) : {});

    // Each import wholly in or wholly out, and audited exactly when in.
    const imports = { whole: 0, empty: 0 };
    const batches = db.prepare("SELECT b.id, (SELECT count(*) FROM findings f WHERE f.batch_id = b.id) AS n FROM batches b WHERE b.topic LIKE '导入批次%'").all() as { id: number; n: number }[];
    for (const b of batches) {
      const audited = auditCount.has(`import batch ${b.id}`);
      if (b.n === importFindings && audited) imports.whole++;
      else if (b.n === 0 && !audited) imports.empty++;
      else problems.push(`batch ${b.id}: ${b.n} findings (file has ${importFindings}), import audited: ${audited}`);
    }

    // Every journaled write is in the audit log, and its effect in the data.
    const { entries } = readJournal(journalFile);
    const journalCount = new Map<string, number>();
    for (const e of entries) journalCount.set(auditKey(e), (journalCount.get(auditKey(e)) ?? 0) + 1);
    for (const [key, n] of journalCount) {
      if ((auditCount.get(key) ?? 0) < n) problems.push(`journal has ${n}× "${key}", audit log ${auditCount.get(key) ?? 0}`);
    }
    const exists = (table: string, id: number | undefined) => db.prepare(`SELECT count(*) FROM ${table} WHERE id = ?`).pluck().get(id) === 1;
    for (const e of entries) {
      if (e.op === 'delete' && exists('findings', e.findingId)) problems.push(`deleted finding ${e.findingId} still in the ledger`);
      if (e.op === 'evidence-delete' && exists('evidence_files', e.evidenceId)) problems.push(`deleted evidence ${e.evidenceId} still in the ledger`);
      if (e.op === 'import' && e.findings !== importFindings) problems.push(`import into batch ${e.batchId} created ${e.findings} findings`);
    }
    let unjournaled = 0;
    for (const [key, n] of auditCount) unjournaled += Math.max(0, n - (journalCount.get(key) ?? 0));

    // Nothing in the audit log that is not in the data: live rows = audited additions − audited removals.
    const sum = (rows: typeof audits, f: (a: Record<string, unknown>) => number) => rows.reduce((s, a) => s + f(after(a)), 0);
    const recycled = audits.filter((a) => a.action === 'recycle');
    const liveFindings = Number(db.prepare('SELECT count(*) FROM findings').pluck().get());
    const addedFindings = audits.filter((a) => a.entity === 'finding' && (a.action === 'create' || a.action === 'import')).length;
    const removedFindings = sum(recycled, (x) => Number(x.findings ?? 0));
    if (liveFindings !== addedFindings - removedFindings) problems.push(`findings: ${liveFindings} in the ledger, audit log says ${addedFindings} − ${removedFindings}`);
    const liveEvidence = Number(db.prepare('SELECT count(*) FROM evidence_files').pluck().get());
    const addedEvidence = sum(audits.filter((a) => a.action === 'evidence'), (x) => (x.files as unknown[]).length);
    const removedEvidence = sum(recycled, (x) => Number(x.files ?? 0));
    if (liveEvidence !== addedEvidence - removedEvidence) problems.push(`evidence: ${liveEvidence} rows, audit log says ${addedEvidence} − ${removedEvidence}`);
    const lastText = new Map<number, string>();
    for (const a of audits) if (a.action === 'update' && a.entity === 'finding') lastText.set(a.id!, String(after(a).text));
    for (const [id, text] of lastText) {
      const now = db.prepare('SELECT text FROM findings WHERE id = ?').pluck().get(id) as string | undefined;
      if (now !== undefined && now !== text) problems.push(`finding ${id} reads "${now}", its last audited edit "${text}"`);
    }

    // Every recorded file is there, whole (written and renamed before its commit).
    const rows = db.prepare('SELECT stored_path AS p, sha256 FROM evidence_files').all() as { p: string; sha256: string }[];
    for (const r of rows) {
      const file = path.join(dataDir, r.p);
      if (!fs.existsSync(file)) problems.push(`recorded file missing: ${r.p}`);
      else if (crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex') !== r.sha256) problems.push(`recorded file changed: ${r.p}`);
    }

    // The next start's sweep (its files aged past the sweep's wait) leaves no orphan.
    const root = path.join(dataDir, 'evidence');
    const onDisk = () => (fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((p) => fs.statSync(path.join(root, p)).isFile()) : []);
    const aged = new Date(Date.now() - 60 * 60 * 1000);
    for (const p of onDisk()) fs.utimesSync(path.join(root, p), aged, aged);
    const swept = (await sweepEvidenceOrphans(core)).removed.length;
    const kept = new Set([...rows.map((r) => r.p), ...(await binHeldPaths(core.db))]);
    for (const p of onDisk()) {
      const rel = `evidence/${p.split(path.sep).join('/')}`;
      if (!kept.has(rel)) problems.push(`orphan left after the sweep: ${rel}`);
    }
    return { problems, committed: entries.length, unjournaled, swept, imports };
  } finally {
    await core.close();
  }
}
