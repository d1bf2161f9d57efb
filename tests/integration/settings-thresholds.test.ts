import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callFails, tempCore } from '../support/core.ts';

/**
 * 设置 refuses day thresholds that are not whole days from 1 to 365, with a message naming the
 * field, and keeps what was saved before (issue 7: "settings silently saved 0").
 */

let core: Awaited<ReturnType<typeof tempCore>>;
beforeEach(async () => {
  core = await tempCore('2026-06-15');
});
afterEach(async () => core.cleanup());

const good = { operator: '赵敏', officeName: '青山县委统战部', dueSoonDays: 7, stagnantDays: 30, immediateDays: 15 };
const FIELDS = [
  ['dueSoonDays', '临期提醒天数'],
  ['stagnantDays', '停滞提醒天数'],
  ['immediateDays', '立行立改期限'],
] as const;

describe('settings:update', () => {
  it('refuses 0, -1, 1.5, "abc" and 10000 for each threshold, naming it, and saves nothing', async () => {
    await call(core, 'settings:update', good);
    for (const [field, label] of FIELDS) {
      for (const bad of [0, -1, 1.5, 'abc', 10000]) {
        const error = await callFails(core, 'settings:update', { ...good, operator: '钱伟', [field]: bad });
        expect(error.code, `${field}=${bad}`).toBe('invalid_input');
        expect(error.message, `${field}=${bad}`).toBe(`${label}须为 1 到 365 之间的整数`);
      }
    }
    expect(await call(core, 'settings:get', {})).toMatchObject(good);
  });

  it('accepts the ends of the range', async () => {
    await call(core, 'settings:update', { ...good, dueSoonDays: 1, stagnantDays: 365, immediateDays: 365 });
    expect(await call(core, 'settings:get', {})).toMatchObject({ dueSoonDays: 1, stagnantDays: 365, immediateDays: 365 });
  });
});
