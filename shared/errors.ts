/** Errors cross every boundary as values: { ok: false, error: { code, message } }, message in Chinese. */

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  /** A save made on an old copy: details carry what changed and the fresh record (StaleDetails). */
  | 'stale'
  | 'invalid_transition'
  /** The clerk stopped a long job (an import); nothing was written. */
  | 'cancelled'
  | 'file_refused'
  | 'db_too_new'
  | 'folder_in_use'
  | 'disk_full'
  | 'read_only'
  | 'busy'
  | 'corrupt'
  | 'forbidden'
  /** The shared PostgreSQL server cannot be reached or refused the login. */
  | 'db_unavailable'
  /** Office mode: nobody signed in, or the signed-in role may not do this. */
  | 'unauthenticated'
  | 'internal';

export interface AppErrorValue {
  code: ErrorCode;
  message: string;
  /** Where in the input: a field path, or file / sheet / row / column for imports. */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
  toValue(): AppErrorValue {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorValue };

/** For callers outside the core; the core's doors use shared/core/db/failures.ts, which also names disk and database failures. */
export function toErrorValue(err: unknown): AppErrorValue {
  if (err instanceof AppError) return err.toValue();
  return { code: 'internal', message: '程序内部错误，这次操作没有完成。请重试；如果仍然出错，请记下出错时间并联系维护人员。' };
}
