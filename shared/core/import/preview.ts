import type { ImportPreview, PreviewUnit } from '../../contract/import.ts';
import type { Core } from '../context.ts';
import { importOptions } from './import-options.ts';
import { compareFinding, findingKey, loadBatchFindings, type FindingComparison } from './match-existing.ts';
import { parseImport } from './parse.ts';
import type { ColumnRole, ParsedImport } from './types.ts';
import { loadUnitDirectory, type UnitDirectory } from './unit-directory.ts';

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
): Promise<PreparedImport> {
  const { options, remembered } = await importOptions(core, chosen);
  const parsed = parseImport(file, bytes, options);
  const units = await loadUnitDirectory(core.db);
  const existing = batchId ? await loadBatchFindings(core.db, batchId) : new Map();
  const comparisons = parsed.findings.map((f) => compareFinding(f, existing.get(findingKey(f.seq, f.text)), units));

  const unitRows = new Map<string, PreviewUnit>();
  for (const f of parsed.findings) {
    for (const m of f.measures) {
      for (const name of [m.leadUnit, ...m.coUnits]) {
        if (!name) continue;
        const row = unitRows.get(name) ?? { name, existing: units.find(name), measures: 0 };
        row.measures++;
        unitRows.set(name, row);
      }
    }
  }
  const count = (k: string) => parsed.rows.filter((r) => r.outcome === k).length;
  const previewUnits = [...unitRows.values()].sort((a, b) => Number(!!a.existing) - Number(!!b.existing) || b.measures - a.measures);
  const preview: ImportPreview = {
    file,
    sheets: parsed.sheets,
    rows: parsed.rows,
    findings: parsed.findings.map((f, i) => ({
      sheet: f.sheet,
      row: f.row,
      seq: f.seq,
      category: f.category,
      text: f.text,
      measures: f.measures.map((m) => ({ text: m.text, leadUnit: m.leadUnit, coUnits: m.coUnits, leader: m.leader, deadline: m.deadline, status: m.status, row: m.row })),
      match: comparisons[i].match,
      existingId: comparisons[i].existing?.id ?? null,
      changes: comparisons[i].changes,
    })),
    units: previewUnits,
    errors: parsed.errors,
    warnings: parsed.warnings,
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
      newUnits: previewUnits.filter((u) => !u.existing).length,
    },
    rememberedMapping: parsed.sheets.some((s) => remembered.has(s.signature)),
  };
  return { parsed, comparisons, units, preview };
}
