import { AppError, type AppErrorValue, type Result } from '../shared/errors.ts';

/**
 * The conversation between the shell's main process and the process that hosts the core.
 * Plain TypeScript with no `electron` import, so it runs (and is tested) over a Node
 * MessageChannel as well as over a utilityProcess's parent port.
 */

export type HostRequest =
  | { type: 'invoke'; id: number; channel: string; input: unknown }
  | { type: 'close' };

export type HostMessage =
  | { type: 'ready' }
  /** The core could not be opened (database from a newer version, unreadable folder, …). */
  | { type: 'failed'; error: AppErrorValue }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'closed' };

/** One side of a message pipe, whatever carries it. */
export interface Endpoint {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

/** What the host needs from the core: the same `invoke` every other door uses. */
export interface CoreService {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

/**
 * Host side: opens the core once, answers every request in arrival order of completion.
 * Requests that arrive while the core is still opening wait for it.
 */
export function serveCore(endpoint: Endpoint, open: () => Promise<CoreService>, onClosed: () => void = () => {}): void {
  const opening: Promise<Result<CoreService>> = open().then(
    (service) => ({ ok: true as const, data: service }),
    (err: unknown) => ({ ok: false as const, error: openFailure(err) }),
  );
  void opening.then((opened) => endpoint.post(opened.ok ? { type: 'ready' } : { type: 'failed', error: opened.error }));

  endpoint.onMessage((raw) => {
    const request = raw as HostRequest;
    if (request?.type === 'invoke') {
      void opening.then(async (opened) => {
        const result: Result<unknown> = opened.ok
          ? await opened.data.invoke(request.channel, request.input).catch((err: unknown) => internal(err))
          : { ok: false, error: opened.error };
        endpoint.post({ type: 'result', id: request.id, result } satisfies HostMessage);
      });
    } else if (request?.type === 'close') {
      void opening
        .then((opened) => (opened.ok ? opened.data.close() : undefined))
        .catch((err: unknown) => console.error('关闭数据库时出错', err))
        .finally(() => {
          endpoint.post({ type: 'closed' } satisfies HostMessage);
          onClosed();
        });
    }
  });
}

/** Turn an opening failure into a message a clerk (or the person helping them) can act on. */
export function openFailure(err: unknown): AppErrorValue {
  // A plain object either way: an Error instance would lose its code when cloned across processes.
  if (err instanceof AppError) return err.toValue();
  const message = err instanceof Error ? err.message : String(err);
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)) {
    return {
      code: 'internal',
      message:
        '数据库组件（better-sqlite3）不是为当前的 Electron 编译的，无法打开台账。开发环境请运行 npx electron-builder install-app-deps 后重试；安装版请重新安装。',
    };
  }
  return { code: 'internal', message: `无法打开台账数据：${message}` };
}

function internal(err: unknown): Result<unknown> {
  const message = err instanceof Error ? err.message : String(err);
  return { ok: false, error: { code: 'internal', message: `程序内部错误：${message}` } };
}

/**
 * Main side: every call gets its Result back, even when the host dies mid-call
 * (`fail` answers all pending calls with the given error).
 */
export class CoreClient {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private closedWaiters: Array<() => void> = [];
  private failure: AppErrorValue | null = null;
  private readyResolve!: (result: Result<void>) => void;
  /** Settles once the host has opened the core, or failed to. */
  readonly ready: Promise<Result<void>> = new Promise((resolve) => (this.readyResolve = resolve));

  constructor(private readonly endpoint: Endpoint) {
    endpoint.onMessage((raw) => this.receive(raw as HostMessage));
  }

  invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    if (this.failure) return Promise.resolve({ ok: false, error: this.failure });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        this.endpoint.post({ type: 'invoke', id, channel, input } satisfies HostRequest);
      } catch (err) {
        this.pending.delete(id);
        const message = err instanceof Error ? err.message : String(err);
        resolve({ ok: false, error: { code: 'invalid_input', message: `无法传递这次操作的数据：${message}` } });
      }
    });
  }

  /** Ask the host to close the database cleanly; resolves when it says it has. */
  close(): Promise<void> {
    if (this.failure) return Promise.resolve();
    return new Promise((resolve) => {
      this.closedWaiters.push(resolve);
      this.endpoint.post({ type: 'close' } satisfies HostRequest);
    });
  }

  /** The host is gone: answer everything still waiting, and every later call, with `error`. */
  fail(error: AppErrorValue): void {
    if (this.failure) return;
    this.failure = error;
    this.readyResolve({ ok: false, error });
    for (const resolve of this.pending.values()) resolve({ ok: false, error });
    this.pending.clear();
    for (const done of this.closedWaiters.splice(0)) done();
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  private receive(message: HostMessage) {
    switch (message?.type) {
      case 'ready':
        this.readyResolve({ ok: true, data: undefined });
        break;
      case 'failed':
        this.readyResolve({ ok: false, error: message.error });
        break;
      case 'result': {
        const resolve = this.pending.get(message.id);
        this.pending.delete(message.id);
        resolve?.(message.result);
        break;
      }
      case 'closed':
        for (const done of this.closedWaiters.splice(0)) done();
        break;
    }
  }
}
