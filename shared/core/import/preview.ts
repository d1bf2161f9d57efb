import type { ImportPreview, PreviewUnit } from '../../contract/import.ts';
import type { Core } from '../context.ts';
import { importOptions } from './import-options.ts';
import { compareFinding, findingKey, loadBatchFindings, type FindingComparison } from './match-existing.ts';
import type { ParseOptions } from './parse.ts';
import { enterStage } from './jobs.ts';
import { parseOffThread } from './parse-job.ts';
import { createHash } from 'node:crypto';
import type { ColumnRole, ParsedImport } from './types.ts';
import { loadUnitDirectory, type UnitDirectory } from './unit-directory.ts';
import { unitMatcher, type DirectoryUnit } from './values/unit-match.ts';
import type { Db } from '../db/open.ts';
import { placeOfOffice } from '../../domain/org-names.ts';
import { OFFICE_PLACE_KEY } from '../ledger/organizations.ts';
import { getSetting, getSettings } from '../ledger/settings.ts';

export interface PreparedImport {
  parsed: ParsedImport;
  comparisons: FindingComparison[];
  units: UnitDirectory;
  preview: ImportPreview;
}

/** Read the file and compare it with the ledger. Nothing is written. */
export async function prepareImport(
  core: Core,
  file: string,
  bytes: Uint8Array,
  batchId: number | undefined,
  chosen: Record<string, Record<string, ColumnRole>>,
  how: { headerRows?: Record<string, number>; allowUnlocated?: boolean } = {},
): Promise<PreparedImport> {
  const { options, remembered } = await importOptions(core, chosen, how.headerRows);
  options.allowUnlocated = how.allowUnlocated ?? false;
  const parsed = await parseCached(file, bytes, options);
  enterStage('比对台账', 0, parsed.findings.length);
  const units = await loadUnitDirectory(core.db);
  const existing = batchId ? await loadBatchFindings(core.db, batchId) : new Map();
  const comparisons = parsed.findings.map((f) => compareFinding(f, existing.get(findingKey(f.seq, f.text)), units));
  // Same 序号, different words: not the same finding, but the clerk should know before adding it.
  const seqs = new Set([...existing.values()].map((f) => f.seq));
  comparisons.forEach((c) => {
    if (c.match === 'new' && seqs.has(c.finding.seq)) c.changes.push(`该批次已有序号 ${c.finding.seq} 的问题，内容不同，将作为新问题导入`);
  });

  const unitRows = new Map<string, PreviewUnit>();
  for (const f of parsed.findings) {
    for (const m of f.measures) {
      for (const name of [m.leadUnit, ...m.coUnits]) {
        if (!name) continue;
        const row = unitRows.get(name) ?? { name, existing: units.find(name), suggested: null, measures: 0 };
        row.measures++;
        unitRows.set(name, row);
      }
    }
  }
  // A name the ledger does not know may still be a unit it has under another writing (县卫健局).
  const unknown = [...unitRows.values()].filter((u) => !u.existing);
  if (unknown.length) {
    const matcher = unitMatcher(await loadDirectoryUnits(core.db), { places: await officePlaces(core.db) });
    for (const u of unknown) u.suggested = matcher.suggest(u.name);
  }
  const count = (k: string) => parsed.rows.filter((r) => r.outcome === k).length;
  const previewUnits = [...unitRows.values()].sort((a, b) => Number(!!a.existing) - Number(!!b.existing) || b.measures - a.measures);
  // The commit re-prepares the same file and reads only the units: the full listing is built when asked for.
  const buildPreview = (): ImportPreview => ({
    file,
    sheets: parsed.sheets,
    rows: parsed.rows,
    findings: parsed.findings.map((f, i) => ({
      sheet: f.sheet,
      row: f.row,
      seq: f.seq,
      category: f.category,
      text: f.text,
      suggestion: f.suggestion,
      note: f.note,
      source: f.source,
      parentSeq: f.parentSeq,
      measures: f.measures.map((m) => ({
        text: m.text,
        leadUnit: m.leadUnit,
        coUnits: m.coUnits,
        leader: m.leader,
        deadline: m.deadline,
        status: m.status,
        row: m.row,
        closedDate: m.closedDate,
        progress: m.progress,
      })),
      match: comparisons[i].match,
      existingId: comparisons[i].existing?.id ?? null,
      changes: comparisons[i].changes,
    })),
    units: previewUnits,
    errors: parsed.errors,
    warnings: parsed.warnings,
    unlocated: parsed.unlocated,
    totals: {
      findings: parsed.counts.findings,
      measures: parsed.counts.measures,
      newFindings: comparisons.filter((c) => c.match === 'new').length,
      changedFindings: comparisons.filter((c) => c.match === 'changed').length,
      sameFindings: comparisons.filter((c) => c.match === 'same').length,
      rowsImported: count('import'),
      rowsWarning: count('warning'),
      rowsRefused: count('refused'),
      rowsSkipped: count('skipped'),
      // A proposed existing unit is not counted as new: it is taken unless the clerk says otherwise.
      newUnits: previewUnits.filter((u) => !u.existing && !u.suggested).length,
      measuresWithoutUnit: parsed.findings.reduce((n, f) => n + f.measures.filter((m) => !m.leadUnit).length, 0),
    },
    rememberedMapping: parsed.sheets.some((s) => remembered.has(s.signature)),
  });
  let preview: ImportPreview | null = null;
  return {
    parsed,
    comparisons,
    units,
    get preview() {
      return (preview ??= buildPreview());
    },
  };
}

/**
 * The clerk previews, then commits the same file: reading it is a pure function of its bytes and the
 * options, so the last few readings are kept rather than parsing a large file twice. What depends on
 * the database (matches, units) is always worked out afresh.
 */
const recent = new Map<string, ParsedImport>();
const KEEP = 2;

async function parseCached(file: string, bytes: Uint8Array, options: ParseOptions): Promise<ParsedImport> {
  // Hash first: parseOffThread hands the bytes over to the worker (the array is empty afterwards).
  // Preview (allowUnlocated) and commit read the same file the same way: one key for both.
  const { allowUnlocated, onProgress, ...reading } = options;
  void onProgress;
  const key = createHash('sha256').update(bytes).update(JSON.stringify([file, reading])).digest('hex');
  const hit = recent.get(key);
  if (hit && (allowUnlocated || hit.sheets.length > 0)) return hit;
  const parsed = await parseOffThread(file, bytes, options);
  recent.set(key, parsed);
  while (recent.size > KEEP) recent.delete(recent.keys().next().value!);
  return parsed;
}

async function loadDirectoryUnits(db: Db): Promise<DirectoryUnit[]> {
  const units = await db.selectFrom('units').select(['id', 'name']).execute();
  const aliases = await db.selectFrom('unit_aliases').select(['unit_id', 'alias']).execute();
  return units.map((u) => ({ ...u, aliases: aliases.filter((a) => a.unit_id === u.id).map((a) => a.alias) }));
}

/** The office's own place (its first run's answer, or read from its name): stripped from unit names. */
async function officePlaces(db: Db): Promise<string[]> {
  const said = await getSetting<{ place?: string }>(db, OFFICE_PLACE_KEY);
  const fromName = placeOfOffice((await getSettings(db)).officeName);
  return [said?.place ?? '', fromName?.place ?? ''].filter(Boolean);
}
