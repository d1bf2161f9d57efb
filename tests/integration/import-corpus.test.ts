import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseImport } from '../../shared/core/import/parse.ts';
import type { ParsedFinding, ParsedImport, ParsedMeasure } from '../../shared/core/import/types.ts';
import { CORPUS, SKIPPED, writeCorpus, type Expected, type ExpectedFinding, type ExpectedMeasure } from '../fixtures/import/corpus/index.ts';

/**
 * The import corpus: ≥ 40 template shapes that published ledgers, lists and letters really use,
 * each file written the way Excel, WPS or LibreOffice writes it, and what a clerk expects from it.
 * Failures against the current importer are expected: the corpus defines "correct" for the rewrite.
 */

let dir: string;
let files: Record<string, string> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-import-corpus-'));
  files = await writeCorpus(dir);
}, 300_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Trailing sentence punctuation of a split piece ("…帮扶政策。") is not part of what is compared. */
const trimEnd = (t: unknown): unknown => (typeof t === 'string' ? t.replace(/[。；;，,\s]+$/u, '') : t);

/** The measure projected onto the fields the expectation names. */
function pickMeasure(m: ParsedMeasure | undefined, e: ExpectedMeasure): Record<string, unknown> {
  if (!m) return { missing: 'no such measure' };
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(e) as (keyof ExpectedMeasure)[]) {
    if (k === 'deadline') out.deadline = { kind: m.deadline?.kind, date: m.deadline?.date ?? null };
    else if (k === 'text') out.text = trimEnd(m.text);
    else out[k] = m[k as keyof ParsedMeasure];
  }
  return out;
}

/** The finding projected onto the expectation's fields; noteIncludes becomes the lines found (plus the note when any is missing). */
function pickFinding(f: ParsedFinding | undefined, e: ExpectedFinding): Record<string, unknown> {
  if (!f) return { missing: 'no such finding' };
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(e) as (keyof ExpectedFinding)[]) {
    if (k === 'measures') {
      const em = e.measures!;
      const n = Math.max(em.length, f.measures.length);
      out.measures = Array.from({ length: n }, (_, i) => (em[i] ? pickMeasure(f.measures[i], em[i]) : { extra: f.measures[i].text }));
    } else if (k === 'noteIncludes') {
      const found = e.noteIncludes!.filter((s) => (f.note ?? '').includes(s));
      out.noteIncludes = found;
      if (found.length !== e.noteIncludes!.length) out.note = f.note;
    } else if (k === 'text') out.text = trimEnd(f.text);
    else out[k] = f[k as keyof ParsedFinding];
  }
  return out;
}

function subset(actual: ParsedImport, e: Expected): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (e.sheets !== undefined) out.sheets = new Set(actual.sheets.map((s) => s.name)).size;
  if (e.blocks !== undefined) out.blocks = actual.sheets.length;
  const n = Math.max(e.findings.length, actual.findings.length);
  out.findings = Array.from({ length: n }, (_, i) =>
    e.findings[i] ? pickFinding(actual.findings[i], e.findings[i]) : { extra: `${actual.findings[i].seq} ${actual.findings[i].text}` },
  );
  return out;
}

/** The expectation as the comparison sees it (note present only where the actual lacks a line). */
function expectedView(e: Expected, actual: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (e.sheets !== undefined) out.sheets = e.sheets;
  if (e.blocks !== undefined) out.blocks = e.blocks;
  const actualFindings = actual.findings as Record<string, unknown>[];
  out.findings = e.findings.map((f, i) => {
    const { measures, ...rest } = f;
    const view: Record<string, unknown> = { ...rest };
    if (measures) view.measures = measures.map((m) => ({ ...m }));
    if (f.noteIncludes && actualFindings[i] && 'note' in actualFindings[i]) view.note = `(a note containing: ${f.noteIncludes.join(' | ')})`;
    return view;
  });
  return out;
}

describe('import corpus: real template shapes', () => {
  it('has at least 40 cases from at least 3 writers, each citing where its shape comes from', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    const writers = new Set(CORPUS.map((c) => c.writer));
    expect(writers.size).toBeGreaterThanOrEqual(3);
    for (const w of ['exceljs', 'sheetjs', 'libreoffice', 'xml', 'text']) expect(writers.has(w as never)).toBe(true);
    expect(new Set(CORPUS.map((c) => c.id)).size).toBe(CORPUS.length);
    expect(new Set(CORPUS.map((c) => c.file)).size).toBe(CORPUS.length);
    for (const c of CORPUS) {
      expect(c.source.length, c.id).toBeGreaterThan(10);
      expect(c.expect.findings.length, c.id).toBeGreaterThan(0);
    }
  });

  for (const c of CORPUS) {
    it(`${c.id} [${c.writer}] ${c.shape}`, (ctx) => {
      const file = files[c.id];
      if (!file) {
        console.warn(`[import-corpus] ${c.id}: ${SKIPPED[c.id] ?? 'file not written'}`);
        ctx.skip();
        return;
      }
      const parsed = parseImport(c.file, fs.readFileSync(file), { defaultYear: 2021 });
      const actual = subset(parsed, c.expect);
      expect(actual).toEqual(expectedView(c.expect, actual));
    });
  }
});
