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

describe('settings:update — signal scheme, 长期坚持 period, snapshots, 考核权重 (issue 10)', () => {
  it('saves the office scheme and gives it back; the thresholds reach the signal', async () => {
    const scheme = {
      signalLevels: { red: { label: '告诫', color: '#cf1322' }, yellow: { label: '督办', color: '#d48806' }, green: { label: '提醒', color: '#1677ff' } },
      longTermPeriodDays: 30,
      snapshotAuto: 'weekly' as const,
      assessmentWeights: { completionRate: 40, onTimeRate: 60, openLate: 2, reminder: 0, supervise: 0.5, warning: 1 },
    };
    await call(core, 'settings:update', { ...good, ...scheme });
    expect(await call(core, 'settings:get', {})).toMatchObject({ ...good, ...scheme });
    const { thresholdsOf, getSettings } = await import('../../shared/core/ledger/settings.ts');
    expect(thresholdsOf(await getSettings(core.db))).toEqual({ dueSoonDays: 7, stagnantDays: 30, longTermPeriodDays: 30 });
  });

  it('refuses a bad period, colour, label, weight or snapshot choice, with a message naming it, and saves nothing', async () => {
    await call(core, 'settings:update', good);
    const before = await call(core, 'settings:get', {});
    const levels = before.signalLevels;
    const cases: [Record<string, unknown>, string][] = [
      [{ longTermPeriodDays: 0 }, '长期坚持报送周期须为 1 到 365 之间的整数'],
      [{ longTermPeriodDays: 400 }, '长期坚持报送周期须为 1 到 365 之间的整数'],
      [{ signalLevels: { ...levels, red: { label: '红灯', color: 'red' } } }, '逾期一级的颜色应为 #RRGGBB 形式'],
      [{ signalLevels: { ...levels, green: { label: ' ', color: '#389e0d' } } }, '请填写正常一级的名称'],
      [{ signalLevels: { ...levels, yellow: { label: '临期或者停滞的黄灯', color: '#d48806' } } }, '临期/停滞一级的名称不超过 8 个字'],
      [{ assessmentWeights: { ...before.assessmentWeights, completionRate: -1 } }, '完成率的权重须为 0 到 100 之间的数，最多两位小数'],
      [{ assessmentWeights: { ...before.assessmentWeights, warning: 0.125 } }, '告诫的权重须为 0 到 100 之间的数，最多两位小数'],
      [{ snapshotAuto: 'daily' }, '请选择自动保存快照的方式'],
    ];
    for (const [bad, message] of cases) {
      const error = await callFails(core, 'settings:update', { ...good, operator: '钱伟', ...bad });
      expect(error.code, JSON.stringify(bad)).toBe('invalid_input');
      expect(error.message, JSON.stringify(bad)).toBe(message);
    }
    expect(await call(core, 'settings:get', {})).toEqual(before);
  });

  it('defaults to 红黄绿, a 90-day period, monthly snapshots and completion 50 + on time 50', async () => {
    expect(await call(core, 'settings:get', {})).toMatchObject({
      signalLevels: { red: { label: '红灯' }, yellow: { label: '黄灯' }, green: { label: '绿灯' } },
      longTermPeriodDays: 90,
      snapshotAuto: 'monthly',
      assessmentWeights: { completionRate: 50, onTimeRate: 50, openLate: 0 },
    });
  });
});
