import http from 'node:http';
import { test, expect } from './fixtures.ts';

/**
 * The browser-mode bridge answers only the page it launched: every /api call must carry the
 * per-launch secret, come from no other origin, and name this server as its host.
 */
interface Reply {
  status: number;
  body: string;
}

function post(url: string, headers: Record<string, string>, body = '{}'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('the HTTP bridge refuses calls without the secret, with a wrong one or from another origin', async ({ rectify }) => {
  const api = `${rectify.url}api/app:info`;

  const missing = await post(api, {});
  expect(missing.status).toBe(403);
  expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(JSON.parse(missing.body).error.message).toMatch(/口令/);

  const wrong = await post(api, { 'X-Rectify-Token': `${rectify.token.slice(0, -1)}x` });
  expect(wrong.status).toBe(403);

  const foreign = await post(api, { 'X-Rectify-Token': rectify.token, Origin: 'http://evil.example' });
  expect(foreign.status).toBe(403);
  expect(JSON.parse(foreign.body).error.message).toMatch(/跨站/);

  // DNS rebinding: a page on another name that resolves to 127.0.0.1 still names its own host.
  const rebound = await post(api, { 'X-Rectify-Token': rectify.token, Host: 'evil.example' });
  expect(rebound.status).toBe(421);

  // A refused call changes nothing: a write without the secret is not carried out.
  const write = await post(`${rectify.url}api/settings:update`, {}, JSON.stringify({ operator: '入侵者', dueSoonDays: 1, stagnantDays: 1, immediateDays: 1 }));
  expect(write.status).toBe(403);
  expect((await rectify.call('settings:get', {})).operator).not.toBe('入侵者');

  const ok = await post(api, { 'X-Rectify-Token': rectify.token, Origin: rectify.url.replace(/\/$/, '') });
  expect(ok.status).toBe(200);
  expect(JSON.parse(ok.body)).toMatchObject({ ok: true, data: { mode: 'browser' } });
});

test('the page keeps the secret out of its address and still reaches the core', async ({ page, rectify }) => {
  // The fixture opened openUrl ("…#token=…"); the app moved the secret to session storage.
  expect(page.url()).not.toContain('token=');
  expect(page.url()).not.toContain(rectify.token);
  await expect(page.getByTestId('first-run')).toBeVisible();
  // A reload has no secret in the URL any more and still works.
  await page.reload();
  await expect(page.getByTestId('first-run')).toBeVisible();
});
