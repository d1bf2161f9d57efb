import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import type { z } from 'zod';
import { reportChannels } from '../../shared/contract/reports.ts';
import { reportHandlers } from '../../shared/core/reports/handlers.ts';
import { openCore, type Core } from '../../shared/core/context.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { deadlineSignal } from '../../shared/domain/signal.ts';
import { findingStatusOf } from '../../shared/domain/workflow.ts';
import type { DeadlineKind, MeasureStatus } from '../../shared/domain/vocabulary.ts';
import type { ReportRow } from '../../shared/core/reports/model.ts';
import { removeDataDir, tempDataDir, TEST_CLERK } from '../support/core.ts';

/** Shared by the report tests: hand-made rows for the writers, and a real SQLite ledger for the rest. */

export const TODAY = '2026-11-21';
const CATEGORIES = ['产业扶贫', '资金使用', '作风建设', '群众满意度'];
const UNITS = ['县财政局', '县农业农村局', '县扶贫开发办公室', '县教育局', '县卫生健康局', '县住房和城乡建设局'];
const STATUSES: MeasureStatus[] = ['closed', 'closed', 'in_progress', 'standing', 'pending', 'not_started', 'closed', 'in_progress'];
const LONG = '部分贫困村产业项目选择与市场需求衔接不够紧密，带贫益贫机制不够健全，项目资金使用效益不高，群众参与度和满意度有待提升';

/** n hand-made measure rows, two measures a finding, spread over units, statuses and deadlines. */
export function makeRows(n: number, today = TODAY): ReportRow[] {
  const rows: ReportRow[] = [];
  for (let i = 0; i < n; i++) {
    const f = Math.floor(i / 2);
    const status = STATUSES[i % STATUSES.length];
    const deadlineKind: DeadlineKind = i % 7 === 3 ? 'standing' : i % 11 === 5 ? 'immediate' : 'date';
    const deadlineDate = deadlineKind === 'standing' ? null : addDays(today, (i % 5) * 30 - 60);
    const closedDate = status === 'closed' && deadlineDate ? addDays(deadlineDate, (i % 3) - 1) : null;
    const base = {
      status, deadlineKind, deadlineDate, lastProgressDate: addDays(today, -(i % 45)), assignedDate: addDays(today, -200),
    };
    const statuses = [0, 1].map((k) => STATUSES[(f * 2 + k) % STATUSES.length]);
    rows.push({
      measureId: i + 1, findingId: f + 1, batchId: (f % 3) + 1, organizationId: (f % 3) + 1,
      party: ['民革', '民盟', '九三学社'][f % 3], organizationName: ['民革市委', '民盟市委', '九三学社市委'][f % 3],
      batchLabel: ['民革市委 市民革〔2026〕3号', '民盟市委 市民盟〔2026〕7号', '九三学社市委 九三〔2026〕1号'][f % 3],
      batchTopic: '脱贫攻坚民主监督', batchArea: '脱贫攻坚', batchDocNumber: `〔2026〕${(f % 3) + 1}号`, batchReceivedDate: '2026-03-15',
      findingSeq: String(f + 1), category: CATEGORIES[f % CATEGORIES.length],
      findingText: `第${f + 1}个问题：${LONG.slice(0, 20 + (f % 40))}`, suggestion: null, target: '全面完成整改', findingNote: null,
      findingStatus: findingStatusOf(statuses), measureSeq: (i % 2) + 1,
      measureText: `措施${i + 1}：${LONG.slice(0, 30 + (i % 30))}`, leadUnitId: (i % UNITS.length) + 1,
      leadUnitName: UNITS[i % UNITS.length], coUnitNames: i % 4 === 0 ? ['县审计局', '县统计局'] : [],
      leader: '张副县长', person: '李科长', deadlineText: null, resultText: status === 'closed' ? '已完成' : null,
      lastProgressText: '已召开专题会议研究部署，正在推进', closedDate, evidenceCount: i % 3,
      ...base,
      signal: deadlineSignal(base, today),
    });
  }
  return rows;
}

export async function tempCore(today = TODAY): Promise<{ core: Core; dir: string; dispose(): Promise<void> }> {
  // A SQLite file, or a fresh PostgreSQL database when the suite runs on PostgreSQL.
  const dir = await tempDataDir();
  const core = await openCore({ dataDir: dir, clock: () => new Date(`${today}T10:00:00`), mode: 'test', user: TEST_CLERK });
  return { core, dir, dispose: async () => { await core.close(); await removeDataDir(dir); } };
}

/**
 * Write a small but varied ledger straight into the real tables (the foundation's seeding command
 * makes bigger ones): batches from two parties, findings in categories, measures in every status.
 */
export async function seedLedger(core: Core, findings = 40, today = TODAY): Promise<void> {
  const db = core.db;
  const now = new Date().toISOString();
  const orgs = await db.selectFrom('organizations').select(['id', 'name']).orderBy('id').limit(2).execute();
  const unitIds: number[] = [];
  for (const name of UNITS) {
    const r = await db.insertInto('units').values({ name, contact_person: '王主任', contact_phone: '0816-1234567', created_at: now }).returning('id').executeTakeFirstOrThrow();
    unitIds.push(r.id);
  }
  const batchIds: number[] = [];
  for (const [i, org] of orgs.entries()) {
    const r = await db
      .insertInto('batches')
      .values({ organization_id: org.id, area: '脱贫攻坚', doc_number: `${org.name.slice(0, 2)}〔2026〕${i + 3}号`, received_date: `2026-0${i + 3}-15`, topic: '脱贫攻坚民主监督反馈意见', mode: '专项监督', note: null, created_at: now, updated_at: now })
      .returning('id').executeTakeFirstOrThrow();
    batchIds.push(r.id);
  }
  let m = 0;
  for (let f = 0; f < findings; f++) {
    const count = 1 + (f % 3);
    const statuses: MeasureStatus[] = [];
    const measures = [];
    for (let k = 0; k < count; k++, m++) {
      const status = STATUSES[m % STATUSES.length];
      statuses.push(status);
      const deadlineKind: DeadlineKind = m % 7 === 3 ? 'standing' : m % 13 === 6 ? 'none' : 'date';
      const deadlineDate = deadlineKind === 'date' ? addDays(today, (m % 6) * 25 - 80) : null;
      measures.push({
        seq: k + 1, text: `措施${m + 1}：${LONG.slice(0, 25 + (m % 30))}`, lead_unit_id: unitIds[m % unitIds.length],
        leader: '张副县长', person: '李科长', deadline_kind: deadlineKind, deadline_date: deadlineDate, deadline_text: null,
        status, assigned_date: addDays(today, -150), last_progress_date: m % 4 === 0 ? null : addDays(today, -(m % 50)),
        result_text: status === 'closed' || status === 'pending' ? '已按要求完成整改' : null,
        requested_date: null, verified_by: status === 'closed' ? '赵科长' : null,
        closed_date: status === 'closed' ? addDays(deadlineDate ?? today, (m % 3) * 10 - 10) : null,
        return_reason: null, created_at: now, updated_at: now,
      });
    }
    const finding = await db
      .insertInto('findings')
      .values({ batch_id: batchIds[f % batchIds.length], seq: String(f + 1), sort_order: f + 1, category: CATEGORIES[f % CATEGORIES.length], text: `${LONG.slice(0, 30 + (f % 25))}（问题${f + 1}）`, suggestion: '建议加强统筹', target: '限期整改到位', note: null, status: findingStatusOf(statuses), created_at: now, updated_at: now })
      .returning('id').executeTakeFirstOrThrow();
    for (const measure of measures) {
      const r = await db.insertInto('measures').values({ ...measure, finding_id: finding.id }).returning('id').executeTakeFirstOrThrow();
      if (measure.seq === 2) await db.insertInto('measure_co_units').values({ measure_id: r.id, unit_id: unitIds[(m + 1) % unitIds.length] }).execute();
      if (measure.last_progress_date) {
        await db.insertInto('progress_entries').values({ measure_id: r.id, entry_date: measure.last_progress_date, text: '已召开专题会议研究部署', operator: '管理员', created_at: now }).execute();
      }
    }
  }
}

/** One part of an .xlsx/.docx (a zip) as text, read with SheetJS's container reader. */
export function zipEntry(bytes: Buffer, name: string): string {
  const cfb = XLSX.CFB.read(bytes, { type: 'buffer' });
  const entry = XLSX.CFB.find(cfb, `/${name}`);
  if (!entry?.content) throw new Error(`${name} missing`);
  return Buffer.from(entry.content as Uint8Array).toString('utf8');
}

export function zipNames(bytes: Buffer): string[] {
  return XLSX.CFB.read(bytes, { type: 'buffer' }).FullPaths.map((p: string) => p.replace(/^Root Entry\//, ''));
}

export const fromBase64 = (file: { base64: string }) => Buffer.from(file.base64, 'base64');

/** Call a report channel as every door does: validate with its contract schema, then run the handler. */
export async function callReport<K extends keyof typeof reportChannels>(
  core: Core,
  name: K,
  input: z.input<(typeof reportChannels)[K]['input']>,
): Promise<(typeof reportChannels)[K]['result']> {
  const parsed = reportChannels[name].input.parse(input);
  return (reportHandlers[name] as (core: Core, input: unknown) => Promise<(typeof reportChannels)[K]['result']>)(core, parsed);
}
