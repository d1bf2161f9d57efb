import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/context.ts';
import { invoke } from '../core/invoke.ts';
import { fileRoute } from './file-route.ts';
import { staticFiles } from './static-files.ts';

/**
 * Browser mode: the same renderer and the same handlers over HTTP, on 127.0.0.1 only.
 * Every API call must carry the per-launch secret in the X-Rectify-Token header; the Host header
 * must name this server (no DNS rebinding) and cross-origin requests are refused.
 */
export interface BrowserServer {
  url: string;
  /** The URL to open: carries the secret in the fragment, which browsers never send to servers. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export interface ServerOptions {
  core: Core;
  /** Folder of the built renderer (index.html and assets). */
  staticDir: string;
  port?: number;
  token?: string;
}

export const MAX_BODY_BYTES = 80 * 1024 * 1024;

export async function startBrowserServer(options: ServerOptions): Promise<BrowserServer> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  let port = 0;
  // Files written by jobs (exports/<id>/…), streamed as downloads: file-route.ts.
  const files = fileRoute(options.core.dataDir, (req) => safeEqual(String(req.headers['x-rectify-token'] ?? ''), token), SECURITY_HEADERS);
  const page = staticFiles(options.staticDir, SECURITY_HEADERS);
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error(err);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: '服务器内部错误' } });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return sendText(res, 421, '拒绝访问：主机名不符');
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (files.handle(req, res, url)) return;

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendText(res, 405, '只接受 POST');
      const origin = req.headers.origin;
      if (origin && origin !== `http://${host}`) return sendJson(res, 403, forbidden('拒绝跨站请求'));
      const given = String(req.headers['x-rectify-token'] ?? '');
      if (!safeEqual(given, token)) return sendJson(res, 403, forbidden('拒绝访问：缺少或错误的访问口令'));
      const body = await readBody(req);
      if (body === null) return sendJson(res, 413, { ok: false, error: { code: 'invalid_input', message: '请求过大（超过 80 MB）' } });
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: '请求内容不是有效的 JSON' } });
      }
      const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      return sendJson(res, 200, await invoke(options.core, channel, input));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, '不支持的请求');
    return page.serve(req, res, url.pathname);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    token,
    port,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function forbidden(message: string) {
  return { ok: false, error: { code: 'forbidden', message } };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function sendJson(res: http.ServerResponse, status: number, value: unknown) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
  res.end(body);
}

function sendText(res: http.ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  res.end(text);
}
