import path from 'node:path';
import { utilityProcess, type UtilityProcess } from 'electron';
import type { Result } from '../shared/errors.ts';
import { CoreClient } from './core-protocol.ts';

/**
 * The core's utilityProcess, seen from the main process. If it dies, calls in flight get a
 * Chinese error value and the next call starts a fresh one.
 */
export class CoreProcess {
  private child: UtilityProcess | null = null;
  private client: CoreClient | null = null;
  private quitting = false;

  constructor(
    readonly dataDir: string,
    private readonly onOpenFailed: (message: string) => void,
  ) {}

  start(): CoreClient {
    if (this.client && !this.client.failed) return this.client;
    const child = utilityProcess.fork(path.join(__dirname, 'core-host.cjs'), ['--data-dir', this.dataDir], {
      serviceName: '整改台账数据服务',
      stdio: 'inherit',
    });
    const client = new CoreClient({
      post: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
    });
    child.on('exit', (code) => {
      client.fail({
        code: 'internal',
        message: this.quitting
          ? '整改台账正在退出'
          : `后台数据服务意外退出（代码 ${code}），请重试刚才的操作；如果反复出现，请重新启动整改台账`,
      });
      if (this.child === child) this.child = null;
    });
    void client.ready.then((opened) => {
      if (!opened.ok && !this.quitting) this.onOpenFailed(opened.error.message);
    });
    this.child = child;
    this.client = client;
    return client;
  }

  invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    return this.start().invoke(channel, input);
  }

  /** Close the database cleanly, then end the process; kill it if it does not answer in time. */
  async stop(timeoutMs = 3000): Promise<void> {
    this.quitting = true;
    const child = this.child;
    const client = this.client;
    if (!child || !client || client.failed) return;
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
    const outcome = await Promise.race([client.close().then(() => 'closed' as const), timer]);
    if (outcome === 'timeout') child.kill();
  }
}
