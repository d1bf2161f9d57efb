import fs from 'node:fs';
import path from 'node:path';

/**
 * Places where a SQLite ledger in WAL mode gets damaged: network shares (no shared memory, unreliable
 * locks), folders a sync client copies while the app writes, and FAT/exFAT disks (no journaling,
 * often USB sticks pulled out). Each warning says why and what to do, for the top of the window.
 */
export interface DataFolderGuardOptions {
  platform?: NodeJS.Platform;
  /**
   * Windows only: the file system of the folder's volume ('NTFS', 'FAT32', 'exFAT'…), or undefined
   * when unknown. Node cannot ask Windows for it without a native call or a child process, so the
   * desktop shell may pass one in; without it FAT/exFAT is not reported on Windows.
   */
  windowsVolumeFileSystem?: (dir: string) => string | undefined;
}

const NETWORK_TYPES = new Set(['nfs', 'nfs4', 'cifs', 'smbfs', 'smb3', 'fuse.sshfs', 'sshfs', 'afpfs', '9p']);
const FAT_TYPES = new Set(['vfat', 'exfat', 'msdos', 'fat', 'fat32']);

/** Sync clients as they name their folders; matched anywhere in the path, any case. */
const SYNC_CLIENTS: [RegExp, string][] = [
  [/onedrive/i, 'OneDrive'],
  [/坚果云|nutstore/i, '坚果云'],
  [/百度网盘|baidunetdisk|baidusyncdisk/i, '百度网盘'],
  [/dropbox/i, 'Dropbox'],
  [/icloud|mobile documents/i, 'iCloud'],
  [/同步盘/, '同步盘'],
];

const LOCAL_ADVICE = '请联系电脑管理员把数据文件夹移到本机磁盘上不同步的文件夹；在此之前请经常用“备份与恢复”做备份。';

export function dataFolderWarnings(dir: string, mountsText?: string, options: DataFolderGuardOptions = {}): string[] {
  const platform = options.platform ?? process.platform;
  const warnings: string[] = [];
  const mount = platform === 'win32' ? undefined : mountOf(resolveReal(dir, platform), mountsText ?? readMounts());

  if (/^(\\\\|\/\/)[^\\/]+[\\/]/.test(dir)) {
    warnings.push(`数据文件夹在网络共享位置（${dir}）：网络断开或多台电脑同时打开会损坏台账数据。${LOCAL_ADVICE}`);
  } else if (mount && NETWORK_TYPES.has(mount.type)) {
    warnings.push(`数据文件夹在网络磁盘上（${mount.point}，${mount.type}）：网络断开或多台电脑同时打开会损坏台账数据。${LOCAL_ADVICE}`);
  }

  const sync = SYNC_CLIENTS.find(([pattern]) => pattern.test(dir));
  if (sync) {
    warnings.push(`数据文件夹在${sync[1]}的同步文件夹里：同步软件会在程序写入时复制或替换数据库文件，可能造成数据损坏或丢失。${LOCAL_ADVICE}`);
  }

  const fsType = platform === 'win32' ? options.windowsVolumeFileSystem?.(dir)?.toLowerCase() : mount?.type;
  if (fsType && FAT_TYPES.has(fsType)) {
    warnings.push(`数据文件夹所在的磁盘是 FAT32/exFAT 格式（常见于U盘和移动硬盘）：拔出或断电时最容易损坏数据。${LOCAL_ADVICE}`);
  }
  return warnings;
}

interface Mount {
  point: string;
  type: string;
}

/** The mount holding `dir`: the longest mount point that is `dir` or one of its parents. */
export function mountOf(dir: string, mountsText: string): Mount | undefined {
  let best: Mount | undefined;
  for (const line of mountsText.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 3) continue;
    // /proc/mounts writes spaces and tabs in paths as octal escapes (\040).
    const point = fields[1].replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
    const inside = point === '/' || dir === point || dir.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (inside && (!best || point.length >= best.point.length)) best = { point, type: fields[2] };
  }
  return best;
}

function readMounts(): string {
  try {
    return fs.readFileSync('/proc/mounts', 'utf8');
  } catch {
    return ''; // macOS and others: no mount table to read
  }
}

/** Follow symlinks where the folder exists, so a link into a share is seen as the share. */
function resolveReal(dir: string, platform: NodeJS.Platform): string {
  const absolute = platform === 'win32' ? dir : path.posix.resolve(dir);
  try {
    return fs.realpathSync(absolute);
  } catch {
    return absolute;
  }
}
