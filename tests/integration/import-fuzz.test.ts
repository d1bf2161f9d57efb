import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../shared/core/invoke.ts';
import { PARSE_BUDGET } from '../../shared/core/import/parse-job.ts';
import { XLSX } from '../../shared/core/import/sheetjs.ts';
import type { AppErrorValue } from '../../shared/errors.ts';
import { makeDocxFixtures } from '../fixtures/import/docx-fixtures.ts';
import { makeBatch, tableCounts, tempLedger } from '../fixtures/import/env.ts';
import { GOOD_FIXTURES, makeFixtures } from '../fixtures/import/make-fixtures.ts';
import { mutate, seededRng } from '../support/fuzz-mutations.ts';

/**
 * Damaged spreadsheets and documents, made from the real import fixtures by seeded mutations
 * (fuzz-mutations.ts), each sent through import:preview on a real ledger (read in the worker, with
 * its budget): every one must come back in time as a preview or a Chinese refusal naming the
 * file, and nothing may be written. FUZZ_SEED and
 * FUZZ_CASES replay or widen a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const CASES = Number(process.env.FUZZ_CASES ?? 3000);
const DOCX_SEEDS = ['a-letter-table.docx', 'b-numbered-letter.docx', 'c-plan-table.docx', 'd-forms.docx'];

/** Words a clerk's message may carry in Latin letters: formats and programs they know. */
const KNOWN = /\b(PDF|Excel|WPS|Word|CSV|UTF-?8|GBK|XML|HTML|ODS|OFD|MB|KB|xlsx|xlsm|xls|docx|csv|ods|txt)\b/gi;

/** What is wrong with a refusal, or null: it names the file, is Chinese, and carries no English library text. */
function messageProblem(error: AppErrorValue, file: string): string | null {
  if (!error.message.includes(`“${file}”`)) return 'does not name the file';
  if (!/[\u4e00-\u9fa5]/.test(error.message)) return 'no Chinese';
  // Quoted names (the file, a part inside it, a sheet) are the clerk's own words, not ours.
  const rest = error.message.replace(/“[^”]*”/g, '').replace(KNOWN, '');
  if (/[A-Za-z]{4,}\s+[a-z]{3,}/.test(rest) || /[A-Za-z]{5,}/.test(rest)) return `English text: ${rest}`;
  return null;
}

describe('import fuzz: damaged real files', () => {
  let dir = '';
  const seeds: { name: string; bytes: Buffer }[] = [];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-fuzz-'));
    const sheets = await makeFixtures(path.join(dir, 'sheets'));
    for (const name of GOOD_FIXTURES) seeds.push({ name, bytes: fs.readFileSync(sheets[name]) });
    // An .ods of the basic ledger, written by SheetJS.
    const basic = XLSX.read(fs.readFileSync(sheets['01-basic.xlsx']), { type: 'buffer' });
    seeds.push({ name: '12-basic.ods', bytes: XLSX.write(basic, { bookType: 'ods', type: 'buffer' }) as Buffer });
    fs.mkdirSync(path.join(dir, 'docx'));
    const docs = await makeDocxFixtures(path.join(dir, 'docx'));
    for (const name of DOCX_SEEDS) seeds.push({ name, bytes: fs.readFileSync(docs[name]) });
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`${CASES} mutated files: each a preview or a Chinese refusal within the budget, nothing written`, async () => {
    const ledger = await tempLedger();
    try {
      const batchId = await makeBatch(ledger.core);
      const before = await tableCounts(ledger.core);
      const rng = seededRng(SEED);
      const tally = { previewed: 0, refused: 0, internal: 0, timedOut: 0 };
      const problems: string[] = [];
      let slowest = { ms: 0, how: '' };
      let slowestWarm = 0;
      const started = performance.now();

      for (let i = 0; i < CASES; i++) {
        const seed = seeds[i % seeds.length];
        const { bytes, how } = mutate(rng, seed.bytes);
        const ext = path.extname(seed.name);
        const name = `变异${String(i).padStart(4, '0')}-${path.basename(seed.name, ext)}${ext}`;
        const t0 = performance.now();
        // The clerk's own door: import:preview, which reads in the worker with its budget (parse-job.ts).
        const reply = await invoke(ledger.core, 'import:preview', { file: { name, base64: bytes.toString('base64') }, batchId });
        const ms = performance.now() - t0;
        if (ms > slowest.ms) slowest = { ms, how: `${name} ${how}` };
        // The first case also starts the reader thread and loads SheetJS: reported apart.
        if (i > 0 && ms > slowestWarm) slowestWarm = ms;
        if (reply.ok) {
          tally.previewed++;
          continue;
        }
        if (reply.error.code === 'internal') tally.internal++;
        else tally.refused++;
        if (reply.error.message.includes('仍未完成，已停止')) tally.timedOut++;
        const problem = reply.error.code === 'file_refused' ? messageProblem(reply.error, name) : `code ${reply.error.code}`;
        if (problem) problems.push(`${name} (${how}): ${problem} — ${reply.error.message}`);
      }

      const total = Math.round((performance.now() - started) / 1000);
      console.log(
        `[fuzz] seed ${SEED}: ${CASES} cases in ${total} s — previewed ${tally.previewed}, refused ${tally.refused} (${tally.timedOut} stopped at the time budget), internal ${tally.internal}; ` +
          `slowest ${Math.round(slowest.ms)} ms (${slowest.how}), after the first ${Math.round(slowestWarm)} ms; budget ${PARSE_BUDGET.timeMs} ms`,
      );
      expect(problems.slice(0, 20)).toEqual([]);
      // A file that makes a parser spin is stopped at the budget: a second covers ending the thread.
      expect(slowest.ms).toBeLessThan(PARSE_BUDGET.timeMs + 1000);
      expect(tally.previewed + tally.refused + tally.internal).toBe(CASES);
      expect(await tableCounts(ledger.core)).toEqual(before);
    } finally {
      await ledger.dispose();
    }
  }, 300_000);
});
