import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

/**
 * Browser mode's built interface (index.html and assets/), answered from memory.
 *
 * Why memory: the core runs its SQL on this same thread, synchronously. A file streamed from disk
 * needs several turns of the event loop, and while the 工作台's query holds the thread the page's
 * scripts would wait behind it; a buffer is written out in one go, before the next request is
 * read. The whole interface is a few MB. A file is read again when its size or time changes (a
 * rebuild while the server runs); the hashed assets never change under the same name.
 */

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

interface Cached {
  body: Buffer;
  etag: string;
  mtimeMs: number;
  size: number;
}

export interface StaticFiles {
  serve(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void;
}

export function staticFiles(rootDir: string, headers: Record<string, string>): StaticFiles {
  const root = path.resolve(rootDir);
  const cache = new Map<string, Cached>();

  function read(file: string): Cached | null {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return null;
    }
    if (!stat.isFile()) return null;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit;
    const body = fs.readFileSync(file);
    const entry = { body, etag: `"${crypto.createHash('sha1').update(body).digest('base64url')}"`, mtimeMs: stat.mtimeMs, size: stat.size };
    cache.set(file, entry);
    return entry;
  }

  function text(res: http.ServerResponse, status: number, body: string) {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
    res.end(body);
  }

  // Read the interface into memory now, in the background, so the first page open does not pay for it.
  void warm(root).catch(() => undefined);
  async function warm(dir: string): Promise<void> {
    for (const entry of await fs.promises.readdir(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) await warm(file);
      else if (entry.isFile()) read(file);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  return {
    serve(req, res, pathname) {
      let rel: string;
      try {
        rel = path.normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
      } catch {
        return text(res, 400, '地址有误');
      }
      let file = path.join(root, rel);
      if (file !== root && !file.startsWith(root + path.sep)) return text(res, 403, '拒绝访问');
      let entry = read(file);
      // A missing script or style is a 404 (a stale page asking for an old build); any other
      // path is a page of the hash router's app, so it gets index.html.
      if (!entry && /\.(js|css|map)$/.test(rel)) return text(res, 404, '找不到文件');
      if (!entry) entry = read((file = path.join(root, 'index.html')));
      if (!entry) return text(res, 503, '界面尚未构建：请先运行 npm run build');
      const immutable = file.startsWith(path.join(root, 'assets') + path.sep);
      const head = {
        'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        ETag: entry.etag,
        ...headers,
      };
      if (req.headers['if-none-match'] === entry.etag) {
        res.writeHead(304, head);
        return res.end();
      }
      res.writeHead(200, { ...head, 'Content-Length': entry.body.length });
      res.end(req.method === 'HEAD' ? undefined : entry.body);
    },
  };
}
