import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../shared/core/context.ts';
import { LOCK_FILE } from '../../shared/core/db/folder-lock.ts';
import { AppError } from '../../shared/errors.ts';

const dirs: string[] = [];
const children: ChildProcess[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const sinceWords = /，自 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 起）使用，请先关闭它/;

/** A separate program holding the folder, as the desktop app or browser mode would. */
function holder(dataDir: string, mode: string) {
  const child = fork(path.resolve('tests/support/folder-holder.ts'), [dataDir, mode], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  const next = () => new Promise<{ type: string; pid?: number; message?: string }>((resolve) => child.once('message', (m) => resolve(m as { type: string })));
  return { child, next };
}

describe('one program at a time in a data folder', () => {
  it('a second opener is refused in Chinese, naming who holds the folder and since when; after close it opens again', async () => {
    const dir = tempDir();
    const first = await openCore({ dataDir: dir, mode: 'test' });
    const err = await refusal(openCore({ dataDir: dir, mode: 'cli' }));
    expect(err).toBeInstanceOf(AppError);
    expect(err!.code).toBe('folder_in_use');
    expect(err!.message).toMatch(new RegExp(`^数据文件夹正由测试（进程 ${process.pid}${sinceWords.source}`));
    await first.close();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const again = await openCore({ dataDir: dir, mode: 'cli' });
    await again.close();
  });

  it('the desktop app in another process holds the folder; once it closes, the folder is free', async () => {
    const dir = tempDir();
    const desktop = holder(dir, 'electron');
    const ready = await desktop.next();
    expect(ready.type).toBe('ready');
    const err = await refusal(openCore({ dataDir: dir, mode: 'browser' }));
    expect(err!.message).toMatch(new RegExp(`^数据文件夹正由桌面程序（进程 ${ready.pid}${sinceWords.source}`));
    desktop.child.send('close');
    expect((await desktop.next()).type).toBe('closed');
    const core = await openCore({ dataDir: dir, mode: 'browser' });
    await core.close();
  });

  it('a program that opens the folder while the test holds it is refused, and leaves the lock alone', async () => {
    const dir = tempDir();
    const core = await openCore({ dataDir: dir, mode: 'test' });
    const browser = holder(dir, 'browser');
    const answer = await browser.next();
    expect(answer.type).toBe('refused');
    expect(answer.message).toMatch(/^数据文件夹正由测试（进程 \d+，自 /);
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await core.close();
  });

  it('a lock left by a program that was killed is taken over', async () => {
    const dir = tempDir();
    const desktop = holder(dir, 'electron');
    const ready = await desktop.next();
    desktop.child.kill('SIGKILL');
    await new Promise((resolve) => desktop.child.once('exit', resolve));
    // The killed program had no chance to clean up: its lock is still there.
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(ready.pid);
    const core = await openCore({ dataDir: dir, mode: 'browser' });
    const lock = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'));
    expect(lock).toMatchObject({ pid: process.pid, host: os.hostname(), door: '浏览器模式' });
    await core.close();
  });

  it('a lock from another computer is never taken over: its process cannot be seen from here', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 4242, host: '办公室-PC2', door: '桌面程序', startedAt: '2026-11-25T02:02:00.000Z' }));
    const err = await refusal(openCore({ dataDir: dir, mode: 'test' }));
    expect(err!.message).toMatch(/^数据文件夹正由另一台电脑“办公室-PC2”上的桌面程序（进程 4242，自 2026年11月25日 \d{2}:02 起）使用/);
  });

  it('the command line says so in Chinese, without a stack trace, and exits with 1', async () => {
    const dir = tempDir();
    const core = await openCore({ dataDir: dir, mode: 'test' });
    const run = spawnSync(path.resolve('node_modules/.bin/tsx'), ['shared/cli/main.ts', 'stats', '--data-dir', dir], { encoding: 'utf8' });
    await core.close();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^错误：数据文件夹正由测试（进程 \d+，自 /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
