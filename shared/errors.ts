/** Errors cross every boundary as values: { ok: false, error: { code, message } }, message in Chinese. */

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'invalid_transition'
  | 'file_refused'
  | 'db_too_new'
  | 'forbidden'
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

export function toErrorValue(err: unknown): AppErrorValue {
  if (err instanceof AppError) return err.toValue();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `程序内部错误：${message}` };
}
