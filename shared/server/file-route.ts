import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import { locateExport } from '../core/jobs/exports.ts';
import { mimeOf } from '../core/reports/file-builds.ts';

/**
 * Browser mode's way to a file a job wrote (exports/<id>/…), streamed from disk as a download
 * rather than as base64 through /api.
 *
 * - `GET /files/<id>` with the per-launch secret in X-Rectify-Token (the e2e tests, scripts);
 * - `POST /files/<id>/ticket` with the secret gives `{ url }`: `/files/<id>?ticket=…`, good once
 *   and for a minute, which the page opens as a plain link — a link cannot carry a header, and the
 *   secret itself never goes into a URL.
 *
 * Only ids of finished exports are served; anything else is 404, a missing secret 403.
 */
export interface FileRoute {
  /** Answer `/files/…` requests; false when the path is not ours. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): boolean;
}

const TICKET_TTL_MS = 60_000;

export function fileRoute(dataDir: string, hasSecret: (req: http.IncomingMessage) => boolean, headers: Record<string, string>): FileRoute {
  const tickets = new Map<string, { id: string; expires: number }>();

  const text = (res: http.ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
    res.end(body);
  };

  const useTicket = (ticket: string | null, id: string): boolean => {
    if (!ticket) return false;
    const held = tickets.get(ticket);
    tickets.delete(ticket);
    return !!held && held.id === id && held.expires > Date.now();
  };

  return {
    handle(req, res, url) {
      const m = /^\/files\/([^/]+)(\/ticket)?$/.exec(url.pathname);
      if (!url.pathname.startsWith('/files/')) return false;
      if (!m) {
        text(res, 404, '没有这个文件');
        return true;
      }
      const id = decodeURIComponent(m[1]);
      const origin = req.headers.origin;
      if (origin && origin !== `http://${req.headers.host}`) {
        text(res, 403, '拒绝跨站请求');
        return true;
      }
      if (m[2]) {
        if (req.method !== 'POST') return text(res, 405, '只接受 POST'), true;
        if (!hasSecret(req)) return text(res, 403, '拒绝访问：缺少或错误的访问口令'), true;
        if (!locateExport(dataDir, id)) return text(res, 404, '没有这个文件：它可能已被清理（导出文件保留一天），请重新生成'), true;
        for (const [t, held] of tickets) if (held.expires <= Date.now()) tickets.delete(t);
        const ticket = crypto.randomBytes(24).toString('base64url');
        tickets.set(ticket, { id, expires: Date.now() + TICKET_TTL_MS });
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
        res.end(JSON.stringify({ ok: true, data: { url: `/files/${encodeURIComponent(id)}?ticket=${ticket}` } }));
        return true;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, '只接受 GET'), true;
      if (!hasSecret(req) && !useTicket(url.searchParams.get('ticket'), id)) return text(res, 403, '拒绝访问：缺少或错误的访问口令'), true;
      const file = locateExport(dataDir, id);
      if (!file) return text(res, 404, '没有这个文件：它可能已被清理（导出文件保留一天），请重新生成'), true;
      res.writeHead(200, {
        'Content-Type': mimeOf(file.fileName),
        'Content-Length': String(file.size),
        'Content-Disposition': contentDisposition(file.fileName),
        'Cache-Control': 'no-store',
        ...headers,
      });
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(file.path).pipe(res);
      return true;
    },
  };
}

/** `attachment` with an ASCII fallback and the real (Chinese) name RFC 5987-encoded. */
export function contentDisposition(fileName: string): string {
  const ext = /\.[A-Za-z0-9]+$/.exec(fileName)?.[0] ?? '';
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '').trim();
  const fallback = ascii.replace(/\.[A-Za-z0-9]+$/, '') ? ascii : `download${ext}`;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
