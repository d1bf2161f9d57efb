import type { z } from 'zod';

/** A channel: its input schema (validated at every door) and its result type (a phantom). */
export interface ChannelDef<I extends z.ZodType = z.ZodType, R = unknown> {
  input: I;
  /** Type only: never read at run time. */
  result: R;
}

/** `channel<Result>()(inputSchema)`: the result type is named, the input type is inferred. */
export function channel<R>() {
  return <I extends z.ZodType>(input: I): ChannelDef<I, R> => ({ input, result: undefined as R });
}

export type ChannelMap = Record<string, ChannelDef>;
