import type { FindingMatch } from '../../contract/import.ts';
import { DEADLINE_KIND_LABEL, type DeadlineKind } from '../../domain/vocabulary.ts';
import type { Db } from '../db/open.ts';
import type { UnitDirectory } from './unit-directory.ts';
import type { ParsedFinding, ParsedMeasure } from './types.ts';

/**
 * Importing the same file again must not duplicate: a finding of the chosen batch with the same
 * 序号 and text is the same finding. What differs (category, a measure's unit, leader or deadline,
 * a new measure, new progress words) is offered as an update.
 */

export interface ExistingMeasure {
  id: number;
  seq: number;
  text: string;
  version: number;
  leadUnitId: number;
  coUnitIds: number[];
  leader: string | null;
  person: string | null;
  deadlineKind: DeadlineKind;
  deadlineDate: string | null;
  deadlineText: string | null;
  lastProgressText: string | null;
  status: string;
}

export interface ExistingFinding {
  id: number;
  seq: string;
  text: string;
  category: string | null;
  suggestion: string | null;
  target: string | null;
  note: string | null;
  measures: ExistingMeasure[];
}

export const findingKey = (seq: string, text: string) => `${seq}\u0000${text.replace(/\s+/g, '')}`;

export async function loadBatchFindings(db: Db, batchId: number): Promise<Map<string, ExistingFinding>> {
  const findings = await db
    .selectFrom('findings')
    .select(['id', 'seq', 'text', 'category', 'suggestion', 'target', 'note'])
    .where('batch_id', '=', batchId)
    .execute();
  const byId = new Map<number, ExistingFinding>();
  for (const f of findings) byId.set(f.id, { ...f, measures: [] });
  if (byId.size) {
    const measures = await db
      .selectFrom('measures as m')
      .innerJoin('findings as f', 'f.id', 'm.finding_id')
      .where('f.batch_id', '=', batchId)
      .select((eb) => [
        'm.id', 'm.finding_id', 'm.seq', 'm.text', 'm.version', 'm.lead_unit_id', 'm.leader', 'm.person', 'm.deadline_kind', 'm.deadline_date',
        'm.deadline_text', 'm.status',
        eb.selectFrom('progress_entries as p').whereRef('p.measure_id', '=', 'm.id').orderBy('p.entry_date', 'desc').orderBy('p.id', 'desc').select('p.text').limit(1).as('last_text'),
      ])
      .orderBy('m.seq')
      .execute();
    const co = await db
      .selectFrom('measure_co_units as c')
      .innerJoin('measures as m', 'm.id', 'c.measure_id')
      .innerJoin('findings as f', 'f.id', 'm.finding_id')
      .where('f.batch_id', '=', batchId)
      .select(['c.measure_id', 'c.unit_id'])
      .execute();
    const coOf = new Map<number, number[]>();
    for (const c of co) coOf.set(c.measure_id, [...(coOf.get(c.measure_id) ?? []), c.unit_id]);
    for (const m of measures) {
      byId.get(m.finding_id)?.measures.push({
        id: m.id,
        seq: m.seq,
        text: m.text,
        version: m.version,
        leadUnitId: m.lead_unit_id,
        coUnitIds: coOf.get(m.id) ?? [],
        leader: m.leader,
        person: m.person,
        deadlineKind: m.deadline_kind,
        deadlineDate: m.deadline_date,
        deadlineText: m.deadline_text,
        lastProgressText: (m.last_text as string | null) ?? null,
        status: m.status,
      });
    }
  }
  const byKey = new Map<string, ExistingFinding>();
  for (const f of byId.values()) byKey.set(findingKey(f.seq, f.text), f);
  return byKey;
}

export interface MeasureChange {
  parsed: ParsedMeasure;
  existing: ExistingMeasure | null;
  /** Field changes on an existing measure (not progress). */
  fieldsChanged: boolean;
  newProgress: string | null;
}

export interface FindingComparison {
  finding: ParsedFinding;
  match: FindingMatch;
  existing: ExistingFinding | null;
  changes: string[];
  categoryChanged: boolean;
  measures: MeasureChange[];
}

const deadlineWords = (kind: DeadlineKind, date: string | null) => (kind === 'date' ? date ?? '' : DEADLINE_KIND_LABEL[kind]);

export function compareFinding(parsed: ParsedFinding, existing: ExistingFinding | undefined, units: UnitDirectory): FindingComparison {
  if (!existing) {
    return { finding: parsed, match: 'new', existing: null, changes: [], categoryChanged: false, measures: parsed.measures.map((m) => ({ parsed: m, existing: null, fieldsChanged: false, newProgress: m.progress })) };
  }
  const changes: string[] = [];
  const categoryChanged = !!parsed.category && parsed.category !== existing.category;
  if (categoryChanged) changes.push(`问题类别：${existing.category ?? '（空）'} → ${parsed.category}`);
  const byText = new Map(existing.measures.map((m) => [m.text.replace(/\s+/g, ''), m]));
  const measures: MeasureChange[] = parsed.measures.map((m, i) => {
    const found = byText.get(m.text.replace(/\s+/g, '')) ?? null;
    const label = `措施${i + 1}`;
    if (!found) {
      changes.push(`新增${label}：${m.text.slice(0, 30)}`);
      return { parsed: m, existing: null, fieldsChanged: false, newProgress: m.progress };
    }
    let fieldsChanged = false;
    const lead = m.leadUnit ? units.find(m.leadUnit) : null;
    if (m.leadUnit && lead?.id !== found.leadUnitId) {
      changes.push(`${label} 牵头单位：${units.nameOf(found.leadUnitId) ?? ''} → ${m.leadUnit}`);
      fieldsChanged = true;
    }
    const co = m.coUnits.map((n) => units.find(n)?.id ?? -1).sort();
    if (co.join(',') !== [...found.coUnitIds].sort().join(',')) {
      changes.push(`${label} 配合单位：${found.coUnitIds.map((u) => units.nameOf(u)).join('、') || '（无）'} → ${m.coUnits.join('、') || '（无）'}`);
      fieldsChanged = true;
    }
    if ((m.leader ?? null) !== (found.leader ?? null) && m.leader) {
      changes.push(`${label} 责任领导：${found.leader ?? '（空）'} → ${m.leader}`);
      fieldsChanged = true;
    }
    const sameDeadline =
      m.deadline.kind === found.deadlineKind && (m.deadline.kind !== 'date' || m.deadline.date === found.deadlineDate);
    if (!sameDeadline && m.deadline.kind !== 'none') {
      changes.push(`${label} 整改时限：${deadlineWords(found.deadlineKind, found.deadlineDate)} → ${deadlineWords(m.deadline.kind, m.deadline.date)}`);
      fieldsChanged = true;
    }
    const newProgress = m.progress && m.progress !== found.lastProgressText && found.status !== 'closed' ? m.progress : null;
    if (newProgress) changes.push(`${label} 新增进展：${newProgress.slice(0, 30)}`);
    return { parsed: m, existing: found, fieldsChanged, newProgress };
  });
  return { finding: parsed, match: changes.length ? 'changed' : 'same', existing, changes, categoryChanged, measures };
}
