import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryDto, MeasureDto, StaleDetails } from '../../shared/contract/index.ts';
import { openCore, type Core } from '../../shared/core/context.ts';
import { writeOfficeConnection } from '../../shared/core/office/connection-file.ts';
import { seededRng } from '../../shared/domain/seeded-random.ts';
import type { MeasureAction, MeasureStatus } from '../../shared/domain/vocabulary.ts';
import { nextStatus } from '../../shared/domain/workflow.ts';
import { invoke } from '../../shared/core/invoke.ts';
import type { AppErrorValue } from '../../shared/errors.ts';
import { basicSetup, call } from '../support/core.ts';
import { dropTestDatabase, freshTestDatabase, onPostgres } from '../support/postgres.ts';

/**
 * Issue 12, "no lost update": 20 clerks, each on their own PC (their own data folder whose
 * 办公室共享数据库 setting points at one PostgreSQL database), edit overlapping measures at the same
 * moment for a fixed number of rounds, through the real channels: 保存措施 with the version their
 * screen shows, 录入进展, 申请销号 / 验收销号 / 退回 / 回头看. Every write either lands (and is then in
 * the data and the 操作记录 under its clerk's name) or is refused to its clerk in Chinese; no accepted
 * save is overwritten by one made on an older copy; each accepted write moves the version by one.
 * Which clerk does what is drawn from a seeded random source; which of two simultaneous saves wins
 * is up to the server, and the checks hold either way.
 */

const TODAY = '2026-06-15';
const CLERKS = 20;
const ROUNDS = 10;
const SEED = 20261125;
const DEADLINE = '2026-12-31';

if (!onPostgres()) console.log('[office-concurrency] skipped: RECTIFY_TEST_DATABASE_URL is not set — the shared-ledger concurrency test needs a PostgreSQL server.');

type Kind = 'save' | 'progress' | 'transition';
interface Attempt {
  clerk: string;
  round: number;
  kind: Kind;
  measureId: number;
  /** The version the clerk's screen showed (null: 录入进展 sends none). */
  seen: number | null;
  /** What the clerk typed, unique to this attempt, to find it again in the data. */
  text: string;
  action?: MeasureAction;
  payload: Record<string, unknown>;
  outcome: { ok: true; data: unknown } | { ok: false; error: AppErrorValue };
}

const CHINESE = /[\u4e00-\u9fff]/;

describe.skipIf(!onPostgres())('20 clerks on one shared PostgreSQL ledger (no lost update)', () => {
  const dirs: string[] = [];
  const cores: Core[] = [];
  let url = '';
  let admin: Core;
  let clerks: Core[] = [];
  let unitIds: number[] = [];
  const measureIds: number[] = [];
  const findingIds: number[] = [];
  let closedId = 0;
  /** Each measure as it stood once seeding was done. */
  const seeded = new Map<number, MeasureDto>();
  const attempts: Attempt[] = [];

  /** A clerk's PC: its own data folder, whose 办公室共享数据库 setting points at the shared ledger. */
  async function officePc(): Promise<Core> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-office-'));
    dirs.push(dir);
    writeOfficeConnection(dir, url, new Date());
    const core = await openCore({ dataDir: dir, clock: () => new Date(`${TODAY}T12:00:00`), mode: 'test' });
    cores.push(core);
    return core;
  }

  beforeAll(async () => {
    url = await freshTestDatabase();
    admin = await officePc();
    await call(admin, 'auth:first-admin', { username: 'admin', displayName: '管理员', password: 'admin-secret' });
    const setup = await basicSetup(admin);
    const third = await call(admin, 'units:save', { name: '青山县教育局', aliases: ['县教育局'] });
    unitIds = [setup.finance.id, setup.poverty.id, third.id];
    for (let f = 1; f <= 10; f++) {
      const finding = await call(admin, 'findings:create', {
        batchId: setup.batch.id,
        seq: String(f),
        category: '扶贫资金使用方面',
        text: `第${f}个反馈问题：部分乡镇扶贫项目资金拨付滞后`,
        measures: [1, 2, 3].map((m) => ({
          text: `问题${f}措施${m}：建立资金拨付台账，按月通报`,
          leadUnitId: unitIds[(f + m) % 3],
          coUnitIds: [],
          leader: '副县长 陈刚',
          person: '王芳',
          deadline: { kind: 'date' as const, date: DEADLINE, text: null },
        })),
      });
      findingIds.push(finding.id);
      measureIds.push(...finding.measures.map((m) => m.id));
    }
    expect(measureIds).toHaveLength(30);
    clerks = [];
    for (let i = 1; i <= CLERKS; i++) {
      const nn = String(i).padStart(2, '0');
      await call(admin, 'users:save', { username: `clerk${nn}`, displayName: `文员${nn}`, role: 'clerk', password: `secret-${nn}` });
      const pc = await officePc();
      // Each clerk signs in on their own PC: the 操作记录 names them.
      expect((await call(pc, 'auth:sign-in', { username: `clerk${nn}`, password: `secret-${nn}` })).user).toMatchObject({ displayName: `文员${nn}`, role: 'clerk' });
      clerks.push(pc);
    }
  }, 180_000);

  afterAll(async () => {
    for (const c of cores) await c.close().catch(() => undefined);
    if (url) await dropTestDatabase(url);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it(`${CLERKS} clerks × ${ROUNDS} rounds of simultaneous edits: every write lands or is refused in Chinese, none is lost`, async () => {
    const rand = seededRng(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

    // Every clerk opened the ledger now: their screens show version 1 of every measure.
    const views = new Map<string, Map<number, MeasureDto>>();
    for (const c of clerks) {
      const view = new Map<number, MeasureDto>();
      for (const id of findingIds) for (const m of (await call(c, 'findings:get', { id })).measures) view.set(m.id, m);
      views.set(c.user!.displayName, view);
    }
    // Then the 管理员 closes one measure (开始 → 申请销号 → 验收销号); the clerks' screens still show it open.
    closedId = measureIds[29];
    let v = (await measureOf(admin, closedId)).version;
    v = (await call(admin, 'measures:transition', { id: closedId, action: 'start', version: v })).version;
    v = (await call(admin, 'measures:transition', { id: closedId, action: 'request_close', resultText: '台账已建立并按月通报', version: v })).version;
    await call(admin, 'measures:transition', { id: closedId, action: 'verify_close', verifiedBy: '县委统战部 赵敏', version: v });
    for (const id of measureIds) seeded.set(id, await measureOf(admin, id));
    expect(seeded.get(closedId)!.status).toBe('closed');
    const auditStart = Math.max(...(await call(admin, 'audit:list', { limit: 1 })).map((a) => a.id));

    // Six measures everyone works on, the rest now and then, and the closed one by clerks whose screen is old.
    const hot = measureIds.slice(0, 6);
    const open = measureIds.filter((id) => id !== closedId);

    for (let round = 1; round <= ROUNDS; round++) {
      const plans = clerks.map((core) => {
        const clerk = core.user!.displayName;
        const r = rand();
        const measureId = r < 0.08 ? closedId : r < 0.8 ? pick(hot) : pick(open);
        const k = rand();
        const kind: Kind = measureId === closedId ? 'progress' : k < 0.45 ? 'save' : k < 0.7 ? 'progress' : 'transition';
        return { core, clerk, measureId, kind, reload: rand() < 0.4, unit: pick(unitIds), co: rand() < 0.5 ? pick(unitIds) : null, choice: rand() };
      });
      await Promise.all(
        plans.map(async ({ core, clerk, measureId, kind, reload, unit, co, choice }) => {
          const view = views.get(clerk)!;
          if (reload) view.set(measureId, await measureOf(core, measureId));
          const shown = view.get(measureId)!;
          const tag = `${clerk}第${round}轮`;
          let attempt: Omit<Attempt, 'outcome'>;
          if (kind === 'save') {
            const text = `问题措施：建立资金拨付台账（${tag}修改）`;
            const payload = {
              id: measureId,
              version: shown.version,
              text,
              leadUnitId: unit,
              coUnitIds: co && co !== unit ? [co] : [],
              leader: `${tag}领导`,
              person: `${tag}责任人`,
              deadline: { kind: 'date' as const, date: DEADLINE, text: null },
            };
            attempt = { clerk, round, kind, measureId, seen: shown.version, text, payload };
          } else if (kind === 'progress') {
            const text = `${tag}进展：已完成拨付情况清理`;
            attempt = { clerk, round, kind, measureId, seen: null, text, payload: { measureId, date: TODAY, text } };
          } else {
            const { action, ...words } = stepFor(shown.status, choice, tag);
            attempt = { clerk, round, kind, measureId, seen: shown.version, text: words.text, action, payload: { id: measureId, action, version: shown.version, ...words.input } };
          }
          const channel = kind === 'save' ? 'measures:update' : kind === 'progress' ? 'progress:add' : 'measures:transition';
          const reply = await invoke(core, channel, attempt.payload);
          attempts.push({ ...attempt, outcome: reply.ok ? { ok: true, data: reply.data } : { ok: false, error: reply.error } });
          // What the clerk's screen shows next: the saved measure, or the fresh copy a refusal carries.
          if (reply.ok && kind !== 'progress') view.set(measureId, reply.data as MeasureDto);
          else if (!reply.ok && reply.error.code === 'stale') view.set(measureId, (reply.error.details as unknown as StaleDetails<MeasureDto>).fresh);
        }),
      );
    }

    const accepted = attempts.filter((a) => a.outcome.ok);
    const refused = attempts.filter((a) => !a.outcome.ok);
    console.log(
      `[office-concurrency] ${attempts.length} attempts: ${accepted.length} accepted (` +
        (['save', 'progress', 'transition'] as const).map((k) => `${k} ${accepted.filter((a) => a.kind === k).length}`).join(', ') +
        `), ${refused.length} refused (stale ${refused.filter((a) => !a.outcome.ok && a.outcome.error.code === 'stale').length}, ` +
        `invalid_transition ${refused.filter((a) => !a.outcome.ok && a.outcome.error.code === 'invalid_transition').length})`,
    );
    expect(attempts).toHaveLength(CLERKS * ROUNDS);
    // The plan (fixed by the seed) makes clerks collide: some saves must have been stale.
    expect(refused.some((a) => !a.outcome.ok && a.outcome.error.code === 'stale')).toBe(true);
    expect(refused.some((a) => a.measureId === closedId && !a.outcome.ok && a.outcome.error.code === 'invalid_transition')).toBe(true);
    expect(accepted.filter((a) => a.kind === 'save').length).toBeGreaterThan(10);

    // Every refusal reached its clerk, in Chinese, and says what to do.
    for (const a of refused) {
      const error = (a.outcome as { ok: false; error: AppErrorValue }).error;
      expect(['stale', 'invalid_transition'], `${a.clerk} ${a.kind} #${a.measureId}: ${error.code} ${error.message}`).toContain(error.code);
      expect(error.message).toMatch(CHINESE);
      if (error.code === 'stale') {
        expect(error.message).toMatch(/^该措施已被他人修改.*您的修改未保存。请查看最新内容后重新提交。$/);
        const details = error.details as unknown as StaleDetails<MeasureDto>;
        expect(details.version).toBeGreaterThan(a.seen!);
        expect(details.fresh.id).toBe(a.measureId);
      } else {
        // 录入进展 carries no version: on a measure closed meanwhile it is refused by the workflow.
        expect(a.kind).toBe('progress');
        expect(error.message).toBe('该措施已销号，如需继续整改请先“回头看”');
      }
    }

    // The 操作记录 of every measure, oldest first, from this run only.
    const log = new Map<number, AuditEntryDto[]>();
    for (const id of measureIds) {
      const rows = (await call(admin, 'audit:list', { entity: 'measure', entityId: id, limit: 1000 })).filter((r) => r.id > auditStart).reverse();
      log.set(id, rows);
    }
    const allRows = [...log.values()].flat();
    // Exactly one entry per accepted write, naming its clerk; no entry for a refused one.
    expect(allRows).toHaveLength(accepted.length);
    const matched = new Set<number>();
    for (const a of accepted) {
      const rows = log.get(a.measureId)!.filter((r) => r.operator === a.clerk && entryMatches(r, a));
      expect(rows, `${a.clerk} ${a.kind} ${a.text} on #${a.measureId}`).toHaveLength(1);
      expect(matched.has(rows[0].id)).toBe(false);
      matched.add(rows[0].id);
    }
    for (const a of refused) {
      expect(log.get(a.measureId)!.filter((r) => r.operator === a.clerk && entryMatches(r, a)), `refused ${a.clerk} ${a.kind} ${a.text}`).toHaveLength(0);
    }

    const progressRows = await admin.db.selectFrom('progress_entries').select(['measure_id', 'text', 'operator']).execute();
    const statusRows = await admin.db.selectFrom('status_changes').select(['measure_id', 'action', 'operator', 'note']).execute();
    for (const id of measureIds) {
      const rows = log.get(id)!;
      const start = seeded.get(id)!;
      // Versions: each accepted write moved the measure on by exactly one, from the version it read.
      expect(rows.map((r) => (r.before as { version: number }).version), `versions of #${id}`).toEqual(rows.map((_, i) => start.version + i));
      const now = await measureOf(admin, id);
      expect(now.version).toBe(start.version + rows.length);

      // Replaying the accepted writes in the order the server took them gives the measure as it is now.
      let state = { status: start.status as MeasureStatus, text: start.text, leader: start.leader, person: start.person, leadUnitId: start.leadUnitId, co: start.coUnits.map((c) => c.id), result: start.resultText, verifiedBy: start.verifiedBy };
      for (const r of rows) {
        const a = accepted.find((x) => x.measureId === id && x.clerk === r.operator && entryMatches(r, x))!;
        // No lost update: a save or step was accepted only on the version the measure had then.
        if (a.seen !== null) expect(a.seen, `${a.clerk} ${a.kind} on #${id}`).toBe((r.before as { version: number }).version);
        if (a.kind === 'save') {
          const p = a.payload as { text: string; leader: string; person: string; leadUnitId: number; coUnitIds: number[] };
          state = { ...state, text: p.text, leader: p.leader, person: p.person, leadUnitId: p.leadUnitId, co: p.coUnitIds };
        } else if (a.kind === 'progress') {
          expect(state.status).not.toBe('closed');
          if (state.status === 'not_started') state = { ...state, status: 'in_progress' };
        } else {
          const step = nextStatus(state.status, a.action!);
          expect(step.ok, `${a.action} from ${state.status}`).toBe(true);
          const input = a.payload as { resultText?: string; verifiedBy?: string };
          state = { ...state, status: (step as { to: MeasureStatus }).to };
          if (a.action === 'request_close') state.result = input.resultText!;
          if (a.action === 'verify_close') state.verifiedBy = input.verifiedBy!;
          if (a.action === 'return' || a.action === 'reopen') state = { ...state, result: null, verifiedBy: null };
        }
      }
      expect(
        { status: now.status, text: now.text, leader: now.leader, person: now.person, leadUnitId: now.leadUnitId, co: now.coUnits.map((c) => c.id), result: now.resultText, verifiedBy: now.verifiedBy },
        `measure #${id}`,
      ).toEqual(state);

      // Each accepted progress entry is there exactly once, under its clerk; no refused one is.
      for (const a of attempts.filter((x) => x.measureId === id && x.kind === 'progress')) {
        const found = progressRows.filter((p) => p.text === a.text);
        expect(found, a.text).toHaveLength(a.outcome.ok ? 1 : 0);
        if (a.outcome.ok) expect(found[0]).toMatchObject({ measure_id: id, operator: a.clerk });
      }
      // Each accepted step is in the measure's history under its clerk.
      for (const a of accepted.filter((x) => x.measureId === id && x.kind === 'transition')) {
        expect(statusRows.filter((s) => s.measure_id === id && s.operator === a.clerk && s.action === a.action && (a.text === '' || (s.note ?? '').includes(a.text)))).not.toHaveLength(0);
      }
    }
    expect(matched.size).toBe(allRows.length);
  }, 300_000);
});

/** The measure as a clerk's screen loads it. */
async function measureOf(core: Core, id: number): Promise<MeasureDto> {
  const row = await core.db.selectFrom('measures').select('finding_id').where('id', '=', id).executeTakeFirstOrThrow();
  const finding = await call(core, 'findings:get', { id: row.finding_id });
  return finding.measures.find((m) => m.id === id)!;
}

/** The step a clerk takes from what their screen shows (the buttons the screen offers). */
function stepFor(status: MeasureStatus, choice: number, tag: string): { action: MeasureAction; text: string; input: Record<string, unknown> } {
  switch (status) {
    case 'not_started':
      if (choice < 0.5) return { action: 'start', text: '', input: {} };
    // falls through: 申请销号 straight from 未启动 (done at once)
    case 'in_progress': {
      const resultText = `${tag}整改结果：资金已全部拨付`;
      return { action: 'request_close', text: resultText, input: { resultText } };
    }
    case 'pending': {
      if (choice < 0.5) {
        const verifiedBy = `${tag}验收人`;
        return { action: 'verify_close', text: verifiedBy, input: { verifiedBy } };
      }
      const reason = `${tag}退回：佐证材料不全`;
      return { action: 'return', text: reason, input: { reason } };
    }
    case 'closed':
    case 'standing': {
      const reason = `${tag}回头看：发现问题反弹`;
      return { action: 'reopen', text: reason, input: { reason } };
    }
  }
}

/** Whether an 操作记录 entry is this attempt's write (each attempt's words are unique). */
function entryMatches(r: AuditEntryDto, a: Attempt): boolean {
  const after = (r.after ?? {}) as Record<string, unknown>;
  const before = (r.before ?? {}) as Record<string, unknown>;
  if (a.kind === 'save') return r.action === 'update' && after.text === a.text;
  if (a.kind === 'progress') return r.action === 'progress' && after.text === a.text;
  if (r.action !== 'transition' || after.action !== a.action) return false;
  return a.text ? String(after.note ?? '').includes(a.text) : before.version === a.seen;
}
