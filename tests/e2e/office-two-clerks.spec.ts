import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { test, expect, type Browser, type Page } from '@playwright/test';
import type { ChannelInput, ChannelName, ChannelResult } from '../../shared/contract/index.ts';
import { writeOfficeConnection } from '../../shared/core/office/connection-file.ts';
import { startBrowserMode, type ServerReady } from '../support/browser.ts';
import { dropTestDatabase, freshTestDatabase, onPostgres } from '../support/postgres.ts';

/**
 * Issue 12 on screen: one shared PostgreSQL ledger, three PCs (three browser-mode servers, each on
 * its own data folder pointing at the same database). The 管理员 creates the ledger's accounts;
 * 文员甲 and 文员乙 sign in on two PCs: one edits a measure and the other sees it; a save made on
 * an old copy shows the conflict with both versions; a 领导 cannot save. Screenshots at 1366×768
 * go to /tmp/shots-office/ to be looked at.
 */

const SKIP_REASON = '[office-two-clerks] 已跳过：需要 PostgreSQL 服务器（设置 RECTIFY_TEST_DATABASE_URL；npm test 会自动启动一个）。';
if (!onPostgres()) console.log(SKIP_REASON);
test.skip(!onPostgres(), SKIP_REASON);
test.use({ viewport: { width: 1366, height: 768 } });

const SHOTS = '/tmp/shots-office';
const shot = (name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  return path.join(SHOTS, name);
};

interface Pc {
  ready: ServerReady;
  server: ChildProcess;
  dataDir: string;
  call<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelResult<K>>;
}

async function startPc(url: string): Promise<Pc> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-office-e2e-'));
  writeOfficeConnection(dataDir, url, new Date());
  const { server, ready } = startBrowserMode(dataDir);
  const r = await ready;
  return {
    ready: r,
    server,
    dataDir,
    async call(channel, input) {
      const res = await fetch(`${r.url}api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Rectify-Token': r.token },
        body: JSON.stringify(input ?? {}),
      });
      const reply = (await res.json()) as { ok: true; data: never } | { ok: false; error: { message: string } };
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.data;
    },
  };
}

async function stopPc(pc: Pc): Promise<void> {
  if (pc.server.exitCode === null && pc.server.signalCode === null) {
    const exited = new Promise<void>((resolve) => pc.server.once('exit', () => resolve()));
    pc.server.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(pc.dataDir, { recursive: true, force: true, maxRetries: 3 });
}

async function openPc(browser: Browser, pc: Pc): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const crashes: string[] = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  (page as Page & { crashes: string[] }).crashes = crashes;
  await page.goto(pc.ready.openUrl);
  return page;
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  const form = page.getByTestId('sign-in-form');
  await form.getByTestId('sign-in-username').fill(username);
  await form.getByTestId('sign-in-password').fill(password);
  await form.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('main-menu')).toBeVisible();
}

async function goTo(page: Page, pc: Pc, hashPath: string): Promise<void> {
  await page.goto(`${pc.ready.url}#/${hashPath}`);
  await page.reload();
  await expect(page.getByTestId('main-menu')).toBeVisible();
}

test('two clerks on one shared ledger: an edit appears on the other PC, a stale save shows the conflict, a 领导 cannot save', async ({ browser }) => {
  test.setTimeout(300_000);
  const url = await freshTestDatabase();
  const pcs: Pc[] = [];
  try {
    const [pcA, pcB, pcC] = await Promise.all([startPc(url), startPc(url), startPc(url)]);
    pcs.push(pcA, pcB, pcC);

    // PC A: a fresh shared ledger asks for its 管理员 first.
    const a = await openPc(browser, pcA);
    await expect(a.getByTestId('first-admin-form')).toBeVisible();
    await expect(a.getByTestId('main-menu')).toHaveCount(0);
    await a.getByTestId('first-admin-name').fill('办公室主任');
    await a.getByTestId('first-admin-username').fill('admin');
    await a.getByTestId('first-admin-password').fill('admin-pass-1');
    await a.getByTestId('first-admin-confirm').fill('admin-pass-1');
    await a.screenshot({ path: shot('first-admin-1366x768.png') });
    await a.getByTestId('first-admin-submit').click();
    await expect(a.getByTestId('signed-in-name')).toHaveText('办公室主任');
    await expect(a.getByTestId('signed-in-role')).toHaveText('管理员');

    // The 管理员 opens 用户管理 and creates 文员甲 on screen; the other two through the same core.
    await a.getByTestId('main-menu').getByText('用户管理').click();
    await a.getByTestId('user-new').click();
    const dialog = a.getByRole('dialog');
    await dialog.getByTestId('user-display-name').fill('文员甲');
    await dialog.getByTestId('user-username').fill('jia');
    await dialog.getByTestId('user-password').fill('jia-pass-1');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(a.getByTestId('users-table')).toContainText('文员甲');
    await pcA.call('users:save', { username: 'yi', displayName: '文员乙', role: 'clerk', password: 'yi-pass-2' });
    await pcA.call('users:save', { username: 'bing', displayName: '领导丙', role: 'leader', password: 'bing-pass-3' });
    await a.reload();
    await expect(a.getByTestId('users-table')).toContainText('领导丙');
    await a.screenshot({ path: shot('users-page-1366x768.png') });

    // A little data, entered by the 管理员.
    const [org] = await pcA.call('orgs:list', {});
    const batch = await pcA.call('batches:save', { organizationId: org.id, area: '脱贫攻坚', receivedDate: '2026-03-01', topic: '脱贫攻坚民主监督反馈意见' });
    const unit = await pcA.call('units:save', { name: '青山县财政局', aliases: [] });
    const finding = await pcA.call('findings:create', {
      batchId: batch.id,
      text: '扶贫资金拨付滞后。',
      measures: [{ text: '清理拨付扶贫资金', leadUnitId: unit.id, person: '王芳', deadline: { kind: 'date', date: '2027-06-30' } }],
    });
    const measureId = finding.measures[0].id;

    // 退出登录: the sign-in page; 文员甲 signs in on PC A.
    await a.getByTestId('sign-out').click();
    await expect(a.getByTestId('sign-in-form')).toBeVisible();
    await a.getByTestId('sign-in-username').fill('jia');
    await a.getByTestId('sign-in-password').fill('wrong-pass');
    await a.getByTestId('sign-in-submit').click();
    await expect(a.getByTestId('sign-in-error')).toHaveText('登录名或密码不正确，请重新输入。忘记密码请联系管理员重设。');
    await a.screenshot({ path: shot('sign-in-refused-1366x768.png') });
    await signIn(a, 'jia', 'jia-pass-1');
    await expect(a.getByTestId('main-menu')).not.toContainText('用户管理');

    // 文员乙 on PC B.
    const b = await openPc(browser, pcB);
    await signIn(b, 'yi', 'yi-pass-2');
    await expect(b.getByTestId('signed-in-name')).toHaveText('文员乙');
    await goTo(a, pcA, `findings/${finding.id}`);
    await goTo(b, pcB, `findings/${finding.id}`);
    await expect(b.getByTestId('measure-text-view')).toHaveText('清理拨付扶贫资金');

    // 文员甲 edits the measure; 文员乙 sees it after a refresh.
    await a.getByTestId('measure-card').getByRole('button', { name: '编辑' }).click();
    await a.getByRole('dialog').getByTestId('measure-text').fill('清理拨付扶贫资金，年底前全部到位');
    await a.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await expect(a.getByRole('dialog')).toBeHidden();
    await b.reload();
    await expect(b.getByTestId('measure-text-view')).toHaveText('清理拨付扶贫资金，年底前全部到位');

    // Both open the editor on the same version; 文员甲 saves first, 文员乙's save is refused.
    await a.getByTestId('measure-card').getByRole('button', { name: '编辑' }).click();
    await b.getByTestId('measure-card').getByRole('button', { name: '编辑' }).click();
    await a.getByRole('dialog').getByTestId('measure-person').fill('王芳、李明');
    await a.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await expect(a.getByRole('dialog')).toBeHidden();
    const dialogB = b.getByRole('dialog');
    // 文员乙 adds a 责任领导 (leaving 责任人 as it was on their copy).
    await dialogB.getByTestId('measure-leader').fill('张副县长');
    await dialogB.getByRole('button', { name: '保存' }).click();
    const alert = dialogB.getByTestId('stale-alert');
    await expect(alert).toContainText('该措施已被他人修改');
    await expect(alert.getByTestId('stale-saved-by')).toContainText('由“文员甲”于');
    const compare = alert.getByTestId('stale-compare');
    await expect(compare.getByRole('row', { name: /责任人/ })).toContainText('王芳王芳、李明');
    await expect(compare.getByRole('row', { name: /责任领导/ })).toContainText('张副县长（空）');
    await alert.scrollIntoViewIfNeeded();
    await b.screenshot({ path: shot('stale-conflict-1366x768.png') });
    expect((await pcB.call('findings:get', { id: finding.id })).measures[0]).toMatchObject({ person: '王芳、李明', leader: null });

    // 以我的修改覆盖: the fresh version (文员甲's 责任人) with 文员乙's own change (责任领导) on top, then saved.
    await alert.getByTestId('stale-reapply').click();
    await expect(dialogB.getByTestId('stale-alert')).toBeHidden();
    await expect(dialogB.getByTestId('measure-leader')).toHaveValue('张副县长');
    await expect(dialogB.getByTestId('measure-person')).toHaveValue('王芳、李明');
    await dialogB.getByRole('button', { name: '保存' }).click();
    await expect(dialogB).toBeHidden();
    const saved = (await pcB.call('findings:get', { id: finding.id })).measures[0];
    expect(saved).toMatchObject({ leader: '张副县长', person: '王芳、李明', text: '清理拨付扶贫资金，年底前全部到位' });
    const log = await pcB.call('audit:list', { entity: 'measure', entityId: measureId });
    expect(log.map((e) => e.operator)).toEqual(expect.arrayContaining(['文员甲', '文员乙']));

    // Once more, and this time 文员乙 takes 放弃我的修改: the form shows what 文员甲 saved.
    await a.reload();
    await b.reload();
    await b.getByTestId('measure-card').getByRole('button', { name: '编辑' }).click();
    await a.getByTestId('measure-card').getByRole('button', { name: '编辑' }).click();
    await a.getByRole('dialog').getByTestId('measure-text').fill('清理拨付扶贫资金，十月底前全部到位');
    await a.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await expect(a.getByRole('dialog')).toBeHidden();
    await dialogB.getByTestId('measure-leader').fill('李副县长');
    await dialogB.getByRole('button', { name: '保存' }).click();
    await dialogB.getByTestId('stale-discard').click();
    await expect(dialogB.getByTestId('stale-alert')).toBeHidden();
    await expect(dialogB.getByTestId('measure-text')).toHaveValue('清理拨付扶贫资金，十月底前全部到位');
    await expect(dialogB.getByTestId('measure-leader')).toHaveValue('张副县长');
    await dialogB.getByRole('button', { name: '取消' }).click();
    await expect(dialogB).toBeHidden();

    // The 操作日志 page names each clerk by their account.
    await goTo(b, pcB, 'audit');
    await expect(b.getByTestId('audit-table')).toContainText('文员甲');
    await expect(b.getByTestId('audit-table')).toContainText('文员乙');
    await expect(b.getByTestId('audit-table')).toContainText('办公室主任');
    await b.screenshot({ path: shot('audit-names-1366x768.png') });

    // 领导丙 on PC C: no edit buttons; the progress form's save is refused by the core, in words.
    const c = await openPc(browser, pcC);
    await signIn(c, 'bing', 'bing-pass-3');
    await expect(c.getByTestId('signed-in-role')).toHaveText('领导');
    await goTo(c, pcC, `findings/${finding.id}`);
    await expect(c.getByTestId('measure-text-view')).toHaveText('清理拨付扶贫资金，十月底前全部到位');
    await expect(c.getByRole('button', { name: '编辑问题' })).toHaveCount(0);
    await expect(c.getByTestId('measure-card').getByRole('button', { name: '编辑' })).toHaveCount(0);
    await c.getByTestId('progress-text').fill('领导想写的进展');
    await c.getByTestId('add-progress').click();
    await expect(c.getByText('“领导丙”是领导账号，只能查看和导出，不能修改台账。如需修改，请联系文员或管理员。')).toBeVisible();
    await c.screenshot({ path: shot('leader-refused-1366x768.png') });
    expect((await pcC.call('findings:get', { id: finding.id })).measures[0].progress).toEqual([]);

    // 备份与恢复 on a shared ledger: no file-backup buttons, but where its backups are made instead.
    await c.getByTestId('main-menu').getByText('备份与恢复').click();
    await expect(c.getByTestId('backup-shared')).toContainText('共享台账由服务器统一备份');
    await expect(c.getByTestId('backup-now')).toHaveCount(0);

    for (const p of [a, b, c]) expect((p as Page & { crashes: string[] }).crashes).toEqual([]);
  } finally {
    for (const pc of pcs) await stopPc(pc);
    await dropTestDatabase(url);
  }
});
