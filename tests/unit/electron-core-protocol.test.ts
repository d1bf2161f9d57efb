import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreClient, serveCore, type CoreService, type Endpoint } from '../../electron/core-protocol.ts';
import { openCore } from '../../shared/core/context.ts';
import { invoke } from '../../shared/core/invoke.ts';
import { AppError } from '../../shared/errors.ts';

/**
 * The conversation between the Electron main process and the core's utilityProcess, run here
 * over a Node MessageChannel (same structured-clone messages; Electron itself is not on this
 * machine). The host side runs the real core on a real SQLite file in a temp folder.
 */
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function endpoint(port: MessagePort): Endpoint {
  return { post: (m) => port.postMessage(m), onMessage: (listener) => port.on('message', listener) };
}

function pipe() {
  const { port1, port2 } = new MessageChannel();
  cleanups.push(() => {
    port1.close();
    port2.close();
  });
  return { hostSide: endpoint(port1), mainSide: endpoint(port2) };
}

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-host-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function realCoreService(dataDir: string): Promise<CoreService> {
  const core = await openCore({ dataDir, mode: 'electron' });
  return { invoke: (channel, input) => invoke(core, channel, input), close: () => core.close() };
}

describe('core host over a message port', () => {
  it('answers contract calls with the core’s own Result values', async () => {
    const dataDir = tempDataDir();
    const { hostSide, mainSide } = pipe();
    let closed = false;
    serveCore(hostSide, () => realCoreService(dataDir), () => (closed = true));
    const client = new CoreClient(mainSide);

    expect(await client.ready).toEqual({ ok: true, data: undefined });
    const info = await client.invoke('app:info', {});
    expect(info.ok).toBe(true);
    expect(info.ok && (info.data as { dataDir: string; mode: string })).toMatchObject({ dataDir, mode: 'electron' });
    expect(fs.existsSync(path.join(dataDir, 'ledger.sqlite3'))).toBe(true);

    // Several calls in flight at once each get their own answer back.
    const [settings, orgs, unknown] = await Promise.all([
      client.invoke('settings:get', {}),
      client.invoke('orgs:list', {}),
      client.invoke('no:such-channel', {}),
    ]);
    expect(settings.ok && typeof (settings.data as { operator: unknown }).operator).toBe('string');
    expect(orgs.ok && Array.isArray(orgs.data)).toBe(true);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', message: '未知的操作：no:such-channel' } });

    const invalid = await client.invoke('batches:save', {});
    expect(invalid.ok).toBe(false);
    expect(!invalid.ok && invalid.error.code).toBe('invalid_input');
    expect(!invalid.ok && /[\u4e00-\u9fff]/.test(invalid.error.message)).toBe(true);

    await client.close();
    expect(closed).toBe(true);
    expect(client.pendingCount).toBe(0);
  });

  it('calls sent before the database is open wait for it', async () => {
    const dataDir = tempDataDir();
    const { hostSide, mainSide } = pipe();
    const client = new CoreClient(mainSide);
    const early = client.invoke('app:info', {});
    serveCore(hostSide, () => realCoreService(dataDir));
    expect((await early).ok).toBe(true);
    await client.close();
  });

  it('a core that cannot open answers every call with the reason, in Chinese', async () => {
    const { hostSide, mainSide } = pipe();
    const refusal = new AppError('db_too_new', '数据库版本（9）比本程序支持的版本（1）更新');
    serveCore(hostSide, () => Promise.reject(refusal));
    const client = new CoreClient(mainSide);
    expect(await client.ready).toEqual({ ok: false, error: { code: 'db_too_new', message: refusal.message } });
    expect(await client.invoke('app:info', {})).toEqual({ ok: false, error: { code: 'db_too_new', message: refusal.message } });
  });

  it('explains a better-sqlite3 built for the wrong runtime', async () => {
    const { hostSide, mainSide } = pipe();
    serveCore(hostSide, () =>
      Promise.reject(new Error('The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115.')),
    );
    const ready = await new CoreClient(mainSide).ready;
    expect(!ready.ok && ready.error.message).toContain('install-app-deps');
  });

  it('when the host process dies, calls in flight and later calls get an error value', async () => {
    const dataDir = tempDataDir();
    const { hostSide, mainSide } = pipe();
    serveCore(hostSide, () => realCoreService(dataDir));
    const client = new CoreClient(mainSide);
    await client.ready;
    const inFlight = client.invoke('app:info', {});
    // What CoreProcess does on the utilityProcess's 'exit' event.
    client.fail({ code: 'internal', message: '后台数据服务意外退出（代码 1）' });
    expect(await inFlight).toEqual({ ok: false, error: { code: 'internal', message: '后台数据服务意外退出（代码 1）' } });
    expect((await client.invoke('settings:get', {})).ok).toBe(false);
    expect(client.pendingCount).toBe(0);
  });

  it('input that cannot be cloned is refused as a value, not thrown', async () => {
    const { mainSide } = pipe();
    const client = new CoreClient(mainSide);
    const reply = await client.invoke('app:info', { callback: () => 1 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
