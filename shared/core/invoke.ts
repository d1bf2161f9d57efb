import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type ChannelParsed, type ChannelResult } from '../contract/index.ts';
import { AppError, type Result } from '../errors.ts';
import type { Core } from './context.ts';
import { reportToDeveloper, toClerkError } from './db/failures.ts';
import { handlers } from './handlers.ts';
import { officeGate } from './office/gate.ts';

export type Handler<K extends ChannelName> = (core: Core, input: ChannelParsed<K>) => Promise<ChannelResult<K>>;

/** Validate, run, and turn every failure into a value with a Chinese message (never the library's English). */
export async function invoke(core: Core, name: string, rawInput: unknown): Promise<Result<unknown>> {
  try {
    if (!isChannelName(name)) throw new AppError('not_found', `未知的操作：${name}`);
    await officeGate(core, name);
    const parsed = channels[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) throw zodToAppError(parsed.error);
    const handler = handlers[name] as (core: Core, input: unknown) => Promise<unknown>;
    return { ok: true, data: await handler(core, parsed.data) };
  } catch (err) {
    reportToDeveloper(name, err);
    return { ok: false, error: toClerkError(err) };
  }
}

function zodToAppError(error: z.ZodError): AppError {
  const first = error.issues[0];
  const path = first?.path.join('.') ?? '';
  const message = first && !/^(Invalid|Expected|Unrecognized|Too)/.test(first.message) ? first.message : `输入有误${path ? `（${path}）` : ''}`;
  return new AppError('invalid_input', message, { path, issues: error.issues.length });
}
