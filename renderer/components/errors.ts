import { ApiError } from '../api.ts';

/** The message to show a clerk: the core's own Chinese message, or a plain fallback. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && /[\u4e00-\u9fff]/.test(err.message)) return err.message;
  return '操作失败，请重试；如仍失败，请联系管理员';
}
