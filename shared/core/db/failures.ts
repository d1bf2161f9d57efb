import { AppError, type AppErrorValue } from '../../errors.ts';

/**
 * What the disk and SQLite can refuse, said so a clerk knows what to do next. The library's own
 * English text and stack never reach the clerk: the caller writes them to stderr for whoever
 * maintains the PC (see `reportToDeveloper`).
 */
const KNOWN: { codes: RegExp; code: AppErrorValue['code']; message: string }[] = [
  {
    codes: /^(ENOSPC|EDQUOT|SQLITE_FULL)/,
    code: 'disk_full',
    message: '磁盘已满，这次操作没有保存。请清理数据文件夹所在的磁盘（删除不用的文件、清空回收站）后重试。',
  },
  {
    codes: /^(EROFS|EACCES|EPERM|SQLITE_READONLY|SQLITE_PERM|SQLITE_AUTH)/,
    code: 'read_only',
    message:
      '数据文件夹只读或没有写入权限，这次操作没有保存。请确认数据文件夹不在只读的U盘、光盘或受保护的位置，并且当前电脑用户可以写入它；必要时请电脑管理员放开权限。',
  },
  {
    codes: /^(SQLITE_BUSY|SQLITE_LOCKED|EBUSY)/,
    code: 'busy',
    message: '数据正被另一程序占用，这次操作没有保存。请稍等片刻再试；如果一直这样，请关闭其他正在使用台账数据的程序（另一个整改台账窗口、杀毒或备份软件）后重试。',
  },
  {
    codes: /^(SQLITE_CORRUPT|SQLITE_NOTADB)/,
    code: 'corrupt',
    message: '数据文件已损坏，请在“备份与恢复”中恢复最近的备份。恢复前请不要继续录入，以免损失更多数据。',
  },
  {
    codes: /^(SQLITE_IOERR|EIO)/,
    code: 'internal',
    message: '读写数据文件失败，这次操作没有保存。请检查数据文件夹所在的磁盘（U盘或移动硬盘是否已拔出），然后重试；如果反复出现，请在“备份与恢复”中恢复最近的备份。',
  },
  {
    codes: /^(SQLITE_CANTOPEN|ENOENT)/,
    code: 'internal',
    message: '无法打开数据文件：数据文件夹可能已被移动、删除或没有访问权限。请确认数据文件夹还在原处并且可以打开，然后重新启动整改台账。',
  },
];

const GENERIC = '程序内部错误，这次操作没有完成。请重试；如果仍然出错，请记下出错时间并联系维护人员。';

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** An AppError in Chinese for a failure of the disk or of SQLite, or null when it is none of those. */
export function knownFailure(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const code = codeOf(err);
  const known = code ? KNOWN.find((k) => k.codes.test(code)) : undefined;
  return known ? new AppError(known.code, known.message) : null;
}

/** Every failure as a value a clerk can act on; never English, never a stack. */
export function toClerkError(err: unknown): AppErrorValue {
  const known = knownFailure(err);
  return known ? known.toValue() : { code: 'internal', message: GENERIC };
}

/** The detail for the developer, on stderr; the clerk saw only the Chinese message. */
export function reportToDeveloper(where: string, err: unknown): void {
  if (err instanceof AppError && err.code !== 'internal') return;
  console.error(`[${where}]`, err);
}
