import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../errors.ts';

/** Who may hold a data folder, in the words the refusal uses. */
export type Door = '桌面程序' | '浏览器模式' | '命令行' | '测试';

export const LOCK_FILE = 'ledger.lock';

export interface LockHolder {
  pid: number;
  host: string;
  door: Door | string;
  /** ISO moment the holder took the folder. */
  startedAt: string;
}

export interface FolderLock {
  readonly file: string;
  readonly holder: LockHolder;
  release(): void;
}

/**
 * One program at a time per data folder: the desktop app, browser mode and the CLI each take
 * `ledger.lock` (created with O_EXCL, so two openers cannot both win) before opening the
 * database. A lock whose process is gone from this computer (a crash, a power cut) is taken over.
 */
export function acquireFolderLock(dataDir: string, door: Door, now: Date = new Date()): FolderLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, host: os.hostname(), door, startedAt: now.toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file, holder)) return held(file, holder);
    const current = readHolder(file);
    if (current === 'gone') continue;
    if (current !== 'unreadable' && !isStale(current)) throw new AppError('folder_in_use', inUseMessage(current));
    if (current === 'unreadable' && !olderThan(file, 10_000)) throw new AppError('folder_in_use', inUseMessage(null));
    takeOver(file);
  }
  throw new AppError('folder_in_use', inUseMessage(null));
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, JSON.stringify(holder));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** 'gone' when the lock vanished meanwhile; 'unreadable' when it is half written or garbage. */
export function readHolder(file: string): LockHolder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string') {
      return { pid: value.pid, host: value.host, door: String(value.door ?? ''), startedAt: String(value.startedAt ?? '') };
    }
  } catch {
    /* fall through */
  }
  return 'unreadable';
}

/** Only a lock of this computer can be judged: another computer's process cannot be seen. */
function isStale(holder: LockHolder): boolean {
  return holder.host === os.hostname() && !processAlive(holder.pid);
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function olderThan(file: string, ms: number): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs > ms;
  } catch {
    return true;
  }
}

/** Move the dead lock aside atomically, so that two programs taking it over cannot both delete a fresh one. */
function takeOver(file: string): void {
  const aside = `${file}.stale-${process.pid}-${Date.now()}`;
  try {
    fs.renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  // Another program may have taken over first and written a fresh lock we just moved: put it back.
  const moved = readHolder(aside);
  if (typeof moved === 'object' && !isStale(moved)) {
    try {
      fs.linkSync(aside, file);
    } catch {
      /* a third program holds it now; ours will be refused in the next round */
    }
  }
  fs.rmSync(aside, { force: true });
}

const heldLocks = new Set<FolderLock>();
let exitHookInstalled = false;

function held(file: string, holder: LockHolder): FolderLock {
  const lock: FolderLock = {
    file,
    holder,
    release() {
      heldLocks.delete(lock);
      const current = readHolder(file);
      // Remove it only while it is still ours (never another program's after a takeover).
      if (typeof current === 'object' && current.pid === holder.pid && current.startedAt === holder.startedAt) fs.rmSync(file, { force: true });
    },
  };
  heldLocks.add(lock);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A door that exits without closing the core (process.exit) still frees its folder.
    process.on('exit', () => {
      for (const l of [...heldLocks]) {
        try {
          l.release();
        } catch {
          /* exiting: nothing more can be done */
        }
      }
    });
  }
  return lock;
}

export function inUseMessage(holder: LockHolder | null): string {
  const advice = '请先关闭它，再打开整改台账。若确认它已经关闭，请删除数据文件夹中的 ledger.lock 文件后重试。';
  if (!holder) return `数据文件夹正由另一个整改台账程序使用，${advice}`;
  const who = holder.door || '另一个整改台账程序';
  const since = formatChineseMoment(holder.startedAt);
  const where = holder.host === os.hostname() ? '' : `另一台电脑“${holder.host}”上的`;
  return `数据文件夹正由${where}${who}（进程 ${holder.pid}${since ? `，自 ${since} 起` : ''}）使用，${advice}`;
}

/** 2026年11月25日 10:02, in this computer's time. */
function formatChineseMoment(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const hh = String(d.getHours()).padStart(2, '0');
  const mm = String(d.getMinutes()).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${hh}:${mm}`;
}
