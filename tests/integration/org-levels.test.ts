import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { call, callError, tempLedger } from '../fixtures/import/env.ts';
import { fixtureBatch } from '../fixtures/import/batch-input.ts';

/** A county office's parties: the first run replaces the unused 市委-level presets with its own level's names. */

let env: Awaited<ReturnType<typeof tempLedger>>;
let core: Core;
beforeEach(async () => {
  env = await tempLedger();
  core = env.core;
});
afterEach(() => env.dispose());

const COUNTY = ['民革青山县委会', '民盟青山县委', '民建青山县委', '民进青山县委', '农工党青山县委', '致公党青山县委', '九三学社青山县委', '台盟青山县委', '青山县工商联', '无党派人士'];

describe('orgs:seed-for-level', () => {
  it('a county office gets county committees; a preset a batch uses is kept', async () => {
    const before = await call(core, 'orgs:list', {});
    expect(before.map((o) => o.name)).toContain('民革市委');
    const used = before.find((o) => o.name === '民盟市委')!;
    await call(core, 'batches:save', fixtureBatch(used.id, '脱贫攻坚民主监督反馈意见'));
    const own = await call(core, 'orgs:save', { name: '民革青山县第一支部', party: '民革', level: '支部' });

    const after = await call(core, 'orgs:seed-for-level', { level: '县级', place: '青山县' });
    const names = after.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(COUNTY));
    // The batch's organisation and the clerk's own stay; the other 市委 presets are gone.
    expect(names).toContain('民盟市委');
    expect(names).toContain(own.name);
    expect(names.filter((n) => n.includes('市委') && n !== '民盟市委')).toEqual([]);
    expect(names).not.toContain('市工商联');
    expect(after.find((o) => o.name === '民建青山县委')).toMatchObject({ party: '民建', level: '县委' });
    expect(after.find((o) => o.name === '青山县工商联')).toMatchObject({ party: '工商联', level: '县委' });
    expect(after.filter((o) => o.name === '无党派人士')).toHaveLength(1);

    // The log says it in words.
    const log = await call(core, 'audit:list', { entity: 'organization', limit: 5 });
    expect(log[0].words.action).toBe('按本单位层级生成监督主体');
    expect(log[0].words.changes[0]).toContain('青山县（县级）');
  });

  it('a second answer (the office is a district) replaces the county presets no batch uses', async () => {
    await call(core, 'orgs:seed-for-level', { level: '县级', place: '青山县' });
    const county = (await call(core, 'orgs:list', {})).find((o) => o.name === '民建青山县委')!;
    await call(core, 'batches:save', fixtureBatch(county.id, '第二批'));
    const names = (await call(core, 'orgs:seed-for-level', { level: '区级', place: '东城区' })).map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['民革东城区委会', '民盟东城区委', '东城区工商联', '民建青山县委']));
    expect(names).not.toContain('民盟青山县委');
  });

  it('refuses a level it does not know, in Chinese', async () => {
    const err = await callError(core, 'orgs:seed-for-level', { level: '省级', place: '四川省' });
    expect(err.message).toContain('请选择本单位层级');
  });
});
