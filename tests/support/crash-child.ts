import fs from 'node:fs';
import { openCore, type Core } from '../../shared/core/context.ts';
import { invoke } from '../../shared/core/invoke.ts';
import { seededRng } from './fuzz-mutations.ts';
import { pdf, png } from './evidence-files.ts';

/**
 * The process crash-kill.test.ts kills: it opens a data folder the way every door does, then
 * writes through the channels for ever — imports a real spreadsheet into a new batch, adds,
 * edits and deletes findings, adds and deletes evidence — and after each call that committed,
 * appends one line to the journal and flushes it. The journal therefore never claims a write
 * the database may not have; the database may hold at most one write the journal lacks.
 *
 * Run: tsx tests/support/crash-child.ts '<json config>'
 */
interface Config {
  dataDir: string;
  journal: string;
  seed: number;
  /** The fixture to import, and the unit names it brings (confirmed as new units). */
  importFile: { name: string; base64: string };
  newUnits: string[];
}

const config = JSON.parse(process.argv[2]) as Config;
const rng = seededRng(config.seed);
const journal = fs.openSync(config.journal, 'a');
let core: Core;

function record(entry: Record<string, unknown>): void {
  // Each line starts on its own: a line cut short by a kill never merges with the next run's first.
  fs.writeSync(journal, `\n${JSON.stringify(entry)}`);
  fs.fsyncSync(journal);
}

async function call(channel: string, input: unknown): Promise<any> {
  const reply = await invoke(core, channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.data;
}

const one = (sql: string): number | undefined => core.sqlite!.prepare(sql).pluck().get() as number | undefined;

async function setup(): Promise<{ manualBatch: number; unitId: number; orgId: number }> {
  const orgId = (await call('orgs:list', {}))[0].id as number;
  const manual = one("SELECT id FROM batches WHERE topic = '手工录入' LIMIT 1");
  const manualBatch =
    manual ?? (await call('batches:save', { organizationId: orgId, area: '脱贫攻坚', receivedDate: '2026-03-01', topic: '手工录入' })).id;
  const unit = one("SELECT id FROM units WHERE name = '崩溃测试局' LIMIT 1");
  const unitId = unit ?? (await call('units:save', { name: '崩溃测试局' })).id;
  return { manualBatch, unitId, orgId };
}

/** Written without top-level await: the test may compile this file to CommonJS, as the app ships. */
async function main(): Promise<void> {
  core = await openCore({ dataDir: config.dataDir, mode: 'cli' });
  const { manualBatch, unitId, orgId } = await setup();
  process.stdout.write('READY\n');
  for (let n = 1; ; n++) await step(n, manualBatch, unitId, orgId);
}

/** One write, chosen at random, journaled once committed. */
async function step(n: number, manualBatch: number, unitId: number, orgId: number): Promise<void> {
  const roll = rng();
  if (roll < 0.12) {
    const batch = await call('batches:save', { organizationId: orgId, area: '脱贫攻坚', receivedDate: '2026-03-01', topic: `导入批次${config.seed}-${n}` });
    record({ op: 'batch', batchId: batch.id });
    const result = await call('import:commit', { file: config.importFile, batchId: batch.id, newUnits: config.newUnits });
    record({ op: 'import', batchId: batch.id, findings: result.createdFindings });
  } else if (roll < 0.35) {
    const f = await call('findings:create', {
      batchId: manualBatch,
      text: `手工问题${n}`,
      measures: [{ text: `措施${n}`, leadUnitId: unitId, deadline: { kind: 'date', date: '2026-09-30' } }],
    });
    record({ op: 'create', findingId: f.id });
  } else if (roll < 0.5) {
    const id = one('SELECT id FROM findings ORDER BY random() LIMIT 1');
    if (!id) return;
    const text = `修改后的问题${config.seed}-${n}`;
    await call('findings:update', { id, text });
    record({ op: 'edit', findingId: id, text });
  } else if (roll < 0.6) {
    const id = one(`SELECT id FROM findings WHERE batch_id = ${manualBatch} ORDER BY random() LIMIT 1`);
    if (!id) return;
    await call('findings:delete', { id });
    record({ op: 'delete', findingId: id });
  } else if (roll < 0.88) {
    const measureId = one('SELECT id FROM measures ORDER BY random() LIMIT 1');
    if (!measureId) return;
    const salt = `${config.seed}-${n}`;
    const files = [{ name: `整改说明${salt}.pdf`, base64: pdf(salt).toString('base64') }];
    if (rng() < 0.5) files.push({ name: `现场照片${salt}.png`, base64: Buffer.concat([png(), Buffer.from(salt)]).toString('base64') });
    await call('evidence:add', { measureId, files });
    record({ op: 'evidence', measureId, files: files.length });
  } else {
    const id = one('SELECT id FROM evidence_files ORDER BY random() LIMIT 1');
    if (!id) return;
    await call('evidence:delete', { id });
    record({ op: 'evidence-delete', evidenceId: id });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
