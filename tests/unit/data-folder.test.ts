import { describe, expect, it } from 'vitest';
import { dataFolderWarnings, mountOf } from '../../shared/core/data-folder-guard.ts';

/** Fake mount tables, in /proc/mounts' own format: this machine has no share, sync client or FAT disk. */
const MOUNTS = [
  '/dev/sda1 / ext4 rw,relatime 0 0',
  '/dev/sdb1 /home ext4 rw,relatime 0 0',
  '//fileserver/办公室 /mnt/office cifs rw,vers=3.0 0 0',
  'nas:/export/ledger /mnt/nas nfs4 rw 0 0',
  'user@host:/data /mnt/ssh fuse.sshfs rw 0 0',
  '/dev/sdc1 /media/clerk/U\\040盘 vfat rw 0 0',
  '/dev/sdd1 /media/clerk/移动硬盘 exfat rw 0 0',
].join('\n');

const linux = (dir: string) => dataFolderWarnings(dir, MOUNTS, { platform: 'linux' });

describe('where the data folder may not live', () => {
  it('a folder on the local disk gets no warning', () => {
    expect(linux('/home/clerk/.config/整改台账')).toEqual([]);
  });

  it('a Windows share (UNC path) is named, with the reason and the way forward', () => {
    const [w, ...rest] = dataFolderWarnings('\\\\fileserver\\办公室\\整改台账', '', { platform: 'win32' });
    expect(rest).toEqual([]);
    expect(w).toMatch(/^数据文件夹在网络共享位置（\\\\fileserver\\办公室\\整改台账）：网络断开或多台电脑同时打开会损坏台账数据。请联系电脑管理员/);
  });

  for (const [dir, type] of [['/mnt/office/台账', 'cifs'], ['/mnt/nas/a', 'nfs4'], ['/mnt/ssh/x', 'fuse.sshfs']]) {
    it(`a Linux network mount (${type}) is named with its mount point`, () => {
      const warnings = linux(dir);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`数据文件夹在网络磁盘上（${dir.split('/').slice(0, 3).join('/')}，${type}）`);
    });
  }

  it('a folder next to a mount point with a longer name is not taken for it', () => {
    expect(linux('/mnt/office2/台账')).toEqual([]);
    expect(mountOf('/mnt/office2/台账', MOUNTS)?.point).toBe('/');
  });

  for (const [dir, client] of [
    ['C:\\Users\\王芳\\OneDrive\\整改台账', 'OneDrive'],
    ['D:\\坚果云\\台账', '坚果云'],
    ['C:\\Users\\clerk\\Nutstore\\台账', '坚果云'],
    ['D:\\BaiduSyncdisk\\台账', '百度网盘'],
    ['D:\\百度网盘\\台账', '百度网盘'],
    ['C:\\Users\\clerk\\Dropbox\\台账', 'Dropbox'],
    ['C:\\Users\\clerk\\iCloudDrive\\台账', 'iCloud'],
    ['E:\\同步盘\\台账', '同步盘'],
  ]) {
    it(`a folder synced by ${client} (${dir})`, () => {
      const warnings = dataFolderWarnings(dir, '', { platform: 'win32' });
      expect(warnings).toEqual([expect.stringMatching(new RegExp(`^数据文件夹在${client}的同步文件夹里：同步软件会在程序写入时复制或替换数据库文件`))]);
    });
  }

  it('a FAT or exFAT disk on Linux, read from the mount table (an escaped space in the mount point too)', () => {
    expect(linux('/media/clerk/U 盘/台账')).toEqual([expect.stringMatching(/^数据文件夹所在的磁盘是 FAT32\/exFAT 格式（常见于U盘和移动硬盘）/)]);
    expect(linux('/media/clerk/移动硬盘/台账')).toHaveLength(1);
  });

  it('a FAT disk on Windows through the hook; without the hook nothing is guessed', () => {
    expect(dataFolderWarnings('E:\\台账', '', { platform: 'win32', windowsVolumeFileSystem: () => 'FAT32' })).toHaveLength(1);
    expect(dataFolderWarnings('E:\\台账', '', { platform: 'win32', windowsVolumeFileSystem: () => 'NTFS' })).toEqual([]);
    expect(dataFolderWarnings('E:\\台账', '', { platform: 'win32' })).toEqual([]);
  });

  it('every reason at once is every warning', () => {
    expect(linux('/mnt/office/OneDrive/台账')).toHaveLength(2);
  });
});
