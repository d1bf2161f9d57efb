import type { ChannelInput, ChannelName, ChannelReply, ChannelResult, FileOut, UploadedFile } from '../shared/contract/index.ts';
import type { JobFileDto } from '../shared/contract/jobs.ts';
import type { AppErrorValue } from '../shared/errors.ts';

/**
 * The renderer's one way to the core, typed from the contract. In the desktop shell it goes
 * through the preload bridge (window.rectify); in browser mode, through POST /api/<channel>
 * with the per-launch secret.
 */

export interface DesktopBridge {
  invoke(channel: string, input: unknown): Promise<ChannelReply<ChannelName>>;
  saveFile(file: FileOut): Promise<{ saved: boolean; path?: string }>;
  /** Save a file a job wrote (jobs:status → file): only its id crosses; the shell copies it. */
  saveExport(file: JobFileDto): Promise<{ saved: boolean; path?: string }>;
  /** Open a 佐证材料 by id: the shell asks the core for the checked stored copy and opens only that. */
  openEvidence(id: number): Promise<void>;
  print(options: { landscape: boolean; title: string }): Promise<void>;
}

declare global {
  interface Window {
    rectify?: DesktopBridge;
  }
}

export class ApiError extends Error {
  constructor(readonly value: AppErrorValue) {
    super(value.message);
    this.name = 'ApiError';
  }
}

const TOKEN_KEY = 'rectify-token';

/**
 * Browser mode: the secret arrives in the URL fragment once; keep it for this tab and hide it.
 * Called at start-up before the hash router reads the fragment.
 */
export function captureBrowserToken(): void {
  const match = /token=([^&]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
}

function browserToken(): string {
  captureBrowserToken();
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export const isDesktop = (): boolean => typeof window !== 'undefined' && !!window.rectify;

/**
 * Start-up requests made before the page that needs them has mounted (so the first screen does
 * not wait for one round trip after another). The first identical `call` takes the answer.
 */
const prefetched = new Map<string, Promise<ChannelResult<ChannelName>>>();
const startRequests: Promise<unknown>[] = [];

export function prefetch<K extends ChannelName>(channel: K, input: ChannelInput<K>): void {
  const key = `${channel} ${JSON.stringify(input)}`;
  const pending = send(channel, input);
  pending.catch(() => undefined); // the page's own call reports failures
  prefetched.set(key, pending as Promise<ChannelResult<ChannelName>>);
  startRequests.push(pending);
}

/**
 * Settles once the first screen's requests have been answered (at once if none were sent). Work
 * the opening also asks for — the reminder, the week's snapshot — waits for it: the core answers
 * one request at a time, and the clerk's lists come first.
 */
export async function afterStartRequests(): Promise<void> {
  await Promise.allSettled(startRequests);
}

/** Channels that only read: calling them is not "this window changed something". */
const READS =
  /^(list|get|query|info|facets|detail|status|revision|search|preview|find|undivided|table|overview|of-finding|stats|check|suggest|inspect|test-connection|export|download|progress|template|sample|locate|options|compare|read|xlsx|docx|word|reply-letter|ledger-xlsx|header-words|summary)(-[a-z-]+)?$/;

/** A channel that may have changed the ledger (unknown ones count as changes: a notice missed, never a false one). */
export const mayWrite = (channel: string): boolean => !READS.test(channel.slice(channel.indexOf(':') + 1));

let writesInFlight = 0;
let writesStarted = 0;

/**
 * This window's writes: how many are waiting for their answer, and how many were ever sent. The
 * revision poll (revision.tsx) tells its own changes from a colleague's with these: a write whose
 * answer has not arrived yet may already be in the stamp the core just gave.
 */
export const ownWrites = (): { inFlight: number; started: number } => ({ inFlight: writesInFlight, started: writesStarted });

export async function call<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelResult<K>> {
  const key = `${channel} ${JSON.stringify(input)}`;
  const early = prefetched.get(key);
  if (early) {
    prefetched.delete(key);
    return early as Promise<ChannelResult<K>>;
  }
  if (!mayWrite(channel)) return send(channel, input);
  // An answer fetched at start-up is stale once this window changes something: a page that asks
  // later (its call came before the start-up request was made, so never took it) must not get it.
  prefetched.clear();
  writesInFlight++;
  writesStarted++;
  try {
    return await send(channel, input);
  } finally {
    writesInFlight--;
  }
}

async function send<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelResult<K>> {
  let reply: ChannelReply<K>;
  if (window.rectify) {
    reply = (await window.rectify.invoke(channel, input)) as ChannelReply<K>;
  } else {
    let res: Response;
    try {
      res = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Rectify-Token': browserToken() },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      throw new ApiError({ code: 'internal', message: '无法连接到整改台账服务，请确认程序仍在运行' });
    }
    reply = (await res.json()) as ChannelReply<K>;
  }
  if (!reply.ok) {
    // Not shown to the clerk (the page says it in words); kept for whoever looks at the console.
    console.info(`[整改台账] ${channel} 未成功：${reply.error.code} ${reply.error.message}`);
    // Office mode: the core signed this PC out (account disabled, server restarted): show the sign-in page.
    if (reply.error.code === 'unauthenticated' && !String(channel).startsWith('auth:')) window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    throw new ApiError(reply.error);
  }
  for (const observe of callObservers) observe(channel);
  return reply.data;
}

/** Told of every call that succeeded (revision.tsx tells this window's own writes from others'). */
export const callObservers = new Set<(channel: ChannelName) => void>();

/** Fired when the core answers that nobody is signed in (office mode). */
export const SIGNED_OUT_EVENT = 'rectify:signed-out';

/**
 * Start-up requests sent before sign-in were refused: the shell asks again once signed in. Also
 * when a colleague's change is noticed: what was fetched at start-up no longer holds.
 */
export function dropPrefetched(): void {
  prefetched.clear();
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** A File the clerk picked (antd Upload / <input type=file>), ready for the contract. */
export async function toUpload(file: File): Promise<UploadedFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) bin += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return { name: file.name, base64: btoa(bin) };
}

/** Save a produced file: a save dialog on the desktop, a download in the browser. */
export async function saveFile(file: FileOut): Promise<void> {
  if (window.rectify) {
    await window.rectify.saveFile(file);
    return;
  }
  const url = URL.createObjectURL(new Blob([base64ToBytes(file.base64)], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Open a 佐证材料 by its id: the desktop opens the checked stored copy with the system's program;
 * the browser downloads it (a tab would render an HTML or SVG file with this page's rights).
 */
export async function openEvidence(id: number): Promise<void> {
  if (window.rectify) return window.rectify.openEvidence(id);
  await saveFile(await call('evidence:get', { id }));
}

/** Print what is on screen: Electron's print preview on the desktop, the browser's otherwise. */
export async function printPage(options: { landscape: boolean; title: string }): Promise<void> {
  if (window.rectify) return window.rectify.print(options);
  window.print();
}

/**
 * Save a file a job wrote: the desktop's save dialog (the shell copies the file the core wrote),
 * or the browser's download through a one-time link (file-route.ts) — never bytes through the bridge.
 */
export async function saveExport(file: JobFileDto): Promise<{ saved: boolean }> {
  if (window.rectify) return window.rectify.saveExport({ id: file.id, fileName: file.fileName, size: file.size });
  let res: Response;
  try {
    res = await fetch(`/files/${encodeURIComponent(file.id)}/ticket`, { method: 'POST', headers: { 'X-Rectify-Token': browserToken() } });
  } catch {
    throw new ApiError({ code: 'internal', message: '无法连接到整改台账服务，请确认程序仍在运行' });
  }
  const reply = (await res.json().catch(() => null)) as { ok: true; data: { url: string } } | null;
  if (!res.ok || !reply?.ok) throw new ApiError({ code: res.status === 404 ? 'not_found' : 'forbidden', message: res.status === 404 ? '文件已不存在（导出文件保留一天），请重新生成' : '无法下载文件：访问口令无效，请从启动时显示的链接重新打开' });
  const a = document.createElement('a');
  a.href = reply.data.url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  return { saved: true };
}
