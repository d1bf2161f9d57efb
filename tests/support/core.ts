import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChannelInput, ChannelName, ChannelResult } from '../../shared/contract/index.ts';
import { openCore, type Core } from '../../shared/core/context.ts';
import { invoke } from '../../shared/core/invoke.ts';
import type { AppErrorValue } from '../../shared/errors.ts';

/** A real SQLite file in a fresh temp folder, with "today" fixed (noon, local time). */
export async function tempCore(today = '2026-06-15'): Promise<Core & { cleanup(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-test-'));
  const core = await openCore({ dataDir, clock: () => new Date(`${today}T12:00:00`), mode: 'test' });
  return Object.assign(core, {
    async cleanup() {
      await core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Call a channel as the UI does (validation included); throws with the Chinese message on failure. */
export async function call<K extends ChannelName>(core: Core, channel: K, input: ChannelInput<K>): Promise<ChannelResult<K>> {
  const r = await invoke(core, channel, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { value: r.error });
  return r.data as ChannelResult<K>;
}

/** Call a channel that must fail; returns its error value. */
export async function callFails<K extends ChannelName>(core: Core, channel: K, input: unknown): Promise<AppErrorValue> {
  const r = await invoke(core, channel, input);
  if (r.ok) throw new Error(`expected ${channel} to fail, it returned ${JSON.stringify(r.data).slice(0, 200)}`);
  return r.error;
}

/** Row counts of every table a write could touch: "nothing was written" is these staying equal. */
export async function tableCounts(core: Core): Promise<Record<string, number>> {
  const tables = ['units', 'unit_aliases', 'batches', 'findings', 'measures', 'measure_co_units', 'progress_entries', 'status_changes', 'evidence_files', 'audit_log'] as const;
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await core.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

export const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A batch with two units, ready for findings. */
export async function basicSetup(core: Core) {
  const org = (await call(core, 'orgs:list', {})).find((o) => o.party === '民盟')!;
  const batch = await call(core, 'batches:save', {
    organizationId: org.id,
    area: '脱贫攻坚',
    docNumber: '民盟市委〔2026〕1号',
    receivedDate: '2026-03-01',
    topic: '脱贫攻坚民主监督反馈意见',
    mode: '专项监督',
  });
  const finance = await call(core, 'units:save', { name: '青山县财政局', aliases: ['县财政局'], contactPerson: '王芳', contactPhone: '6202345' });
  const poverty = await call(core, 'units:save', { name: '青山县扶贫开发办公室', aliases: ['县扶贫办'], contactPerson: '李明', contactPhone: '6201234' });
  return { org, batch, finance, poverty };
}
