import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../shared/server/http-server.ts';
import { tempCore } from './report-fixtures.ts';

/**
 * Browser mode's built interface, answered from memory (shared/server/static-files.ts): the right
 * type, cache and security headers, the hash router's pages falling back to index.html, a missing
 * script a 404 (not a page that breaks the module loader), nothing outside the folder, a rebuilt
 * index.html served fresh, 304 for a page the browser already has.
 */
describe('browser mode: the built interface', () => {
  let server: BrowserServer;
  let staticDir: string;
  let dispose: () => Promise<void>;
  const get = (p: string, headers: Record<string, string> = {}) => fetch(new URL(p, server.url), { headers });

  beforeAll(async () => {
    const temp = await tempCore();
    dispose = temp.dispose;
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-static-'));
    fs.mkdirSync(path.join(staticDir, 'assets'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>整改台账</title>第一版');
    fs.writeFileSync(path.join(staticDir, 'assets', 'index-abc123.js'), 'console.log("界面")');
    fs.writeFileSync(path.join(staticDir, 'assets', 'index-abc123.css'), 'body{margin:0}');
    fs.writeFileSync(path.join(temp.dir, 'secret.txt'), '不该被读到');
    server = await startBrowserServer({ core: temp.core, staticDir });
  });
  afterAll(async () => {
    await server.close();
    await dispose();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  it('serves scripts with their type, a long cache (hashed names) and the security headers', async () => {
    const res = await get('/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log("界面")');
    const css = await get('/assets/index-abc123.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers any page path with index.html, never cached without asking', async () => {
    for (const p of ['/', '/index.html', '/ledger', '/favicon.ico']) {
      const res = await get(p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type'), p).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control'), p).toBe('no-cache');
      expect(await res.text(), p).toContain('第一版');
    }
  });

  it('refuses a missing script with 404 and anything outside the folder', async () => {
    const missing = await get('/assets/index-old999.js');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('找不到文件');
    // fetch normalizes "..", so send the raw and the encoded forms as a browser could not.
    for (const p of ['/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const res = await get(p);
      expect(await res.text(), p).not.toContain('不该被读到');
    }
  });

  it('answers 304 to a browser that has the page, and the new page after a rebuild', async () => {
    const first = await get('/');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/', { 'If-None-Match': etag });
    expect(again.status).toBe(304);

    // A rebuild while the server runs: new content (and a new time) under the same name.
    const index = path.join(staticDir, 'index.html');
    fs.writeFileSync(index, '<!doctype html><title>整改台账</title>第二版，内容更长');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(index, later, later);
    const rebuilt = await get('/', { 'If-None-Match': etag });
    expect(rebuilt.status).toBe(200);
    expect(await rebuilt.text()).toContain('第二版');
  });

  it('says the interface is not built when there is no index.html', async () => {
    fs.renameSync(path.join(staticDir, 'index.html'), path.join(staticDir, 'index.bak'));
    try {
      const res = await get('/ledger');
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build');
    } finally {
      fs.renameSync(path.join(staticDir, 'index.bak'), path.join(staticDir, 'index.html'));
    }
  });
});
