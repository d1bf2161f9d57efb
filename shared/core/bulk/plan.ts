import type { BulkChanges, BulkFieldChange, BulkPreviewRow, BulkProblem } from '../../contract/bulk.ts';
import { chineseDate } from '../../domain/dates.ts';
import { measureNumber } from '../../domain/numbering.ts';
import { MEASURE_ACTION_LABEL, MEASURE_STATUS_LABEL, type DeadlineKind, type MeasureStatus } from '../../domain/vocabulary.ts';
import { newDeadlineNeed, nextStatus } from '../../domain/workflow.ts';
import { AppError } from '../../errors.ts';
import type { Db } from '../db/open.ts';
import { batchLabel } from '../ledger/batches.ts';
import { effectiveDeadline } from '../ledger/measures.ts';
import { recordsDb } from '../ledger/record-schema.ts';

/**
 * What a bulk edit would do to each selected measure, worked out once for the preview and again,
 * inside the write, before applying: the same function, so what the clerk confirmed is what is done.
 */

export type MeasureRow = Awaited<ReturnType<typeof loadRows>>[number];

export async function loadRows(db: Db, ids: readonly number[]) {
  const out = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await recordsDb(db)
      .selectFrom('measures as m')
      .innerJoin('findings as f', 'f.id', 'm.finding_id')
      .innerJoin('batches as b', 'b.id', 'f.batch_id')
      .innerJoin('organizations as o', 'o.id', 'b.organization_id')
      .innerJoin('units as u', 'u.id', 'm.lead_unit_id')
      .selectAll('m')
      .select(['f.seq as finding_seq', 'b.doc_number', 'b.topic', 'o.name as organization_name', 'u.name as lead_unit_name'])
      .where('m.id', 'in', ids.slice(i, i + 500))
      .execute();
    out.push(...rows);
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return out.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

const DEADLINE_WORD: Record<DeadlineKind, string | null> = { date: null, immediate: '立行立改', standing: '长期坚持', none: null };

/** A deadline in a clerk's words, dates in Chinese form. */
export function deadlineInWords(d: { deadline_kind: DeadlineKind; deadline_date: string | null; deadline_text: string | null }): string {
  switch (d.deadline_kind) {
    case 'standing':
      return '长期坚持';
    case 'immediate':
      return d.deadline_date ? `立行立改（${chineseDate(d.deadline_date)}）` : '立行立改';
    case 'date':
      return d.deadline_date ? chineseDate(d.deadline_date) : '（空）';
    default:
      return d.deadline_text?.trim() || '未定';
  }
}

const orEmpty = (v: string | null) => (v && v.trim() ? v : '（空）');

export function rowNumber(r: MeasureRow): string {
  return measureNumber(r.finding_seq, r.seq);
}

export function rowLabel(r: MeasureRow): string {
  return `措施 ${rowNumber(r)}（${r.doc_number ?? r.topic}）`;
}

export interface RowPlan {
  row: MeasureRow;
  /** Columns to set on the measure (besides version and updated_at). */
  set: Record<string, unknown>;
  changes: BulkFieldChange[];
  transition: boolean;
}

export interface Plan {
  rows: RowPlan[];
  problems: BulkProblem[];
  unitName: string | null;
}

/** Checks that do not depend on a row: refused before any row is looked at. */
export async function checkChanges(db: Db, c: BulkChanges, today: string): Promise<string | null> {
  let unitName: string | null = null;
  if (c.leadUnitId !== undefined) {
    const u = await db.selectFrom('units').select('name').where('id', '=', c.leadUnitId).executeTakeFirst();
    if (!u) throw new AppError('invalid_input', '所选牵头单位不存在，请重新选择');
    unitName = u.name;
  }
  const t = c.transition;
  if (t) {
    const label = MEASURE_ACTION_LABEL[t.action];
    if (t.date && t.date > today) throw new AppError('invalid_input', `${label}日期不能晚于今天`);
    if (t.action === 'request_close' && !t.resultText) throw new AppError('invalid_input', '批量申请销号须填写整改结果（整改完成情况）');
    if (t.action === 'verify_close' && !t.verifiedBy) throw new AppError('invalid_input', '批量验收销号须填写验收人');
    if ((t.action === 'return' || t.action === 'reopen') && !t.reason) throw new AppError('invalid_input', `批量${label}须填写原因`);
    if (t.newDeadline && t.action !== 'reopen' && t.action !== 'return') throw new AppError('invalid_input', `${label}时不能调整整改时限；如需调整，请在“整改时限”中修改`);
    if (t.newDeadline && t.newDeadline < today) throw new AppError('invalid_input', '新的整改时限不能早于今天');
    if (t.newDeadline && c.deadline) throw new AppError('invalid_input', '“整改时限”与状态操作中的新时限只能填写一处');
  }
  return unitName;
}

export function planRows(rows: MeasureRow[], c: BulkChanges, unitName: string | null, today: string, immediateDays: number): Plan {
  const plans: RowPlan[] = [];
  const problems: BulkProblem[] = [];
  const refuse = (r: MeasureRow, message: string) => problems.push({ measureId: r.id, number: rowNumber(r), message: `${rowLabel(r)}：${message}` });
  for (const r of rows) {
    const set: Record<string, unknown> = {};
    const changes: BulkFieldChange[] = [];
    if (c.leadUnitId !== undefined && c.leadUnitId !== r.lead_unit_id) {
      set.lead_unit_id = c.leadUnitId;
      changes.push({ label: '牵头单位', old: r.lead_unit_name, new: unitName ?? '' });
    }
    for (const [key, label] of [['leader', '责任领导'], ['person', '责任人']] as const) {
      const v = c[key];
      if (v === undefined) continue;
      const value = v === '' ? null : v;
      if (value !== r[key]) {
        set[key] = value;
        changes.push({ label, old: orEmpty(r[key]), new: orEmpty(value) });
      }
    }
    if (c.deadline) {
      const next = {
        deadline_kind: c.deadline.kind,
        deadline_date: effectiveDeadline(c.deadline, r.assigned_date, immediateDays),
        deadline_text: c.deadline.text ?? DEADLINE_WORD[c.deadline.kind],
      };
      const [oldWords, newWords] = [deadlineInWords(r), deadlineInWords(next)];
      if (oldWords !== newWords || next.deadline_text !== r.deadline_text) {
        if (r.status === 'closed') refuse(r, '已销号，不能修改整改时限（会改变是否按期完成的认定）；请取消勾选该项，或先“回头看”');
        Object.assign(set, next);
        changes.push({ label: '整改时限', old: oldWords, new: newWords });
      }
    }
    let transition = false;
    const t = c.transition;
    if (t) {
      const check = nextStatus(r.status, t.action);
      if (!check.ok) refuse(r, check.message);
      else {
        transition = true;
        changes.push({ label: '状态', old: MEASURE_STATUS_LABEL[r.status], new: MEASURE_STATUS_LABEL[check.to as MeasureStatus] });
        if (t.action === 'verify_close' && !r.result_text) refuse(r, '没有整改结果，不能验收销号');
        const deadlineNow = (set.deadline_kind as DeadlineKind | undefined) ?? r.deadline_kind;
        const dateNow = set.deadline_date !== undefined ? (set.deadline_date as string | null) : r.deadline_date;
        const need = newDeadlineNeed(t.action, { deadlineKind: deadlineNow, deadlineDate: dateNow }, today);
        if (need === 'required' && !t.newDeadline) refuse(r, `原整改时限（${deadlineInWords(r)}）已过，${MEASURE_ACTION_LABEL[t.action]}须填写新的整改时限`);
        if (t.newDeadline) changes.push({ label: '整改时限', old: deadlineInWords(r), new: chineseDate(t.newDeadline) });
      }
    }
    if (changes.length) plans.push({ row: r, set, changes, transition });
  }
  return { rows: plans, problems, unitName };
}

/** "整改时限：2026年6月30日 → 2026年9月30日（30 项）、…" — one line per field, the commonest changes first. */
export function summarize(plans: RowPlan[]): string[] {
  const byField = new Map<string, Map<string, number>>();
  for (const p of plans) {
    for (const ch of p.changes) {
      const pairs = byField.get(ch.label) ?? new Map<string, number>();
      const key = `${ch.old} → ${ch.new}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
      byField.set(ch.label, pairs);
    }
  }
  return [...byField].map(([label, pairs]) => {
    const sorted = [...pairs].sort((a, b) => b[1] - a[1]);
    const shown = sorted.slice(0, 3).map(([k, n]) => `${k}（${n} 项）`);
    const rest = sorted.slice(3).reduce((s, [, n]) => s + n, 0);
    return `${label}：${shown.join('、')}${rest ? `，另有 ${rest} 项其他原值` : ''}`;
  });
}

export function previewRow(p: RowPlan): BulkPreviewRow {
  const r = p.row;
  return {
    measureId: r.id,
    findingId: r.finding_id,
    number: rowNumber(r),
    batchLabel: batchLabel({ organizationName: r.organization_name, docNumber: r.doc_number, topic: r.topic }),
    measureText: r.text,
    changes: p.changes,
  };
}

/** The refusal when any row breaks a rule: names the rows (the first few) and why. */
export function problemsMessage(problems: BulkProblem[]): string {
  const shown = problems.slice(0, 5).map((p) => p.message).join('；');
  const more = problems.length > 5 ? `；另有 ${problems.length - 5} 项` : '';
  return `${problems.length} 项不能按本次修改处理，未修改任何一项：${shown}${more}。请取消勾选这些措施或调整修改内容后重试。`;
}
