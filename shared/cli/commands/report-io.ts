import fs from 'node:fs';
import path from 'node:path';
import type { FileOut } from '../../contract/common.ts';
import type { ChannelInput, ChannelName } from '../../contract/index.ts';
import type { Core } from '../../core/context.ts';
import { invoke } from '../../core/invoke.ts';
import { AppError } from '../../errors.ts';

/** The report commands call the same channels as the app (validation and Chinese errors included). */
export async function callChannel<K extends ChannelName>(core: Core, name: K, input: ChannelInput<K>): Promise<unknown> {
  const reply = await invoke(core, name, input);
  if (!reply.ok) throw new AppError(reply.error.code, reply.error.message, reply.error.details);
  return reply.data;
}

export function writeOut(file: FileOut, out: string | undefined): string {
  const target = path.resolve(out ?? file.fileName);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, Buffer.from(file.base64, 'base64'));
  return target;
}

/**
 * The ledger filter from flags: --filter '{"unitId":3}' (the ledger's own filter object) and/or
 * --batch, --org, --unit, --status a,b, --signal red, --category, --from, --to, --q.
 */
export function filterFromFlags(v: Record<string, string | boolean | undefined>): Record<string, unknown> {
  let f: Record<string, unknown> = {};
  if (typeof v.filter === 'string') {
    try {
      f = JSON.parse(v.filter) as Record<string, unknown>;
    } catch {
      throw new AppError('invalid_input', '--filter 应为 JSON，例如 --filter \'{"unitId":3,"statuses":["in_progress"]}\'');
    }
  }
  const num = (s: unknown) => (typeof s === 'string' ? Number(s) : undefined);
  const list = (s: unknown) => (typeof s === 'string' ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);
  const put = (key: string, value: unknown) => {
    if (value !== undefined) f[key] = value;
  };
  put('batchId', num(v.batch));
  put('organizationId', num(v.org));
  put('unitId', num(v.unit));
  put('statuses', list(v.status));
  put('signals', list(v.signal));
  put('category', v.category);
  put('deadlineFrom', v.from);
  put('deadlineTo', v.to);
  put('q', v.q);
  return f;
}

export const FILTER_FLAGS = {
  filter: { type: 'string' },
  batch: { type: 'string' },
  org: { type: 'string' },
  unit: { type: 'string' },
  status: { type: 'string' },
  signal: { type: 'string' },
  category: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  q: { type: 'string' },
} as const;
