import { addDays } from '../../domain/dates.ts';
import type { Core } from '../context.ts';
import { deleteBatch, saveBatch } from '../ledger/batches.ts';
import { createFinding } from '../ledger/findings.ts';
import { addProgress, transitionMeasure, type MeasureInput } from '../ledger/measures.ts';
import { getSettings } from '../ledger/settings.ts';
import { findUnitByNameOrAlias, saveUnit } from '../ledger/units.ts';
import { audit, withWrite } from '../ledger/write.ts';

/**
 * 示例数据: one feedback batch a newcomer can click through at once. Everything it creates is
 * marked is_sample and removed by removeSampleData; dates are relative to today so the signals
 * show all three colours.
 */
const UNITS: [string, string[], string, string][] = [
  ['青山县乡村振兴局', ['县扶贫办', '青山县扶贫开发办公室'], '李明', '0838-6201234'],
  ['青山县财政局', ['县财政局'], '王芳', '0838-6202345'],
  ['青山县农业农村局', ['县农业农村局'], '张强', '0838-6203456'],
  ['青山县教育局', ['县教育局'], '刘洋', '0838-6204567'],
];

export async function loadSampleData(core: Core): Promise<{ batches: number; findings: number; measures: number }> {
  const { immediateDays } = await getSettings(core.db);
  return withWrite(core, async (trx, actor, onRollback) => {
    const t = actor.today;
    const unit: Record<string, number> = {};
    for (const [name, aliases, person, phone] of UNITS) {
      const existing = await findUnitByNameOrAlias(trx, name);
      unit[name] = existing?.id ?? (await saveUnit(trx, actor, { name, aliases, contactPerson: person, contactPhone: phone }, { isSample: true }));
    }
    const org = await trx.selectFrom('organizations').select('id').where('party', '=', '民盟').executeTakeFirstOrThrow();
    const batchId = await saveBatch(
      trx,
      actor,
      { organizationId: org.id, area: '脱贫攻坚', docNumber: '民盟青委〔2026〕5号（示例）', receivedDate: addDays(t, -90), topic: '脱贫攻坚民主监督反馈意见（示例）', mode: '专项监督', note: '示例数据，可在设置中删除' },
      { isSample: true },
    );
    const m = (text: string, lead: string, deadline: MeasureInput['deadline'], co: string[] = [], person = '李明'): MeasureInput => ({
      text,
      leadUnitId: unit[lead],
      coUnitIds: co.map((c) => unit[c]),
      leader: '县政府副县长 陈刚',
      person,
      deadline,
    });
    const date = (days: number) => ({ kind: 'date' as const, date: addDays(t, days), text: null });
    const findings: [string, string, string, MeasureInput[]][] = [
      ['扶贫资金使用方面', '部分乡镇扶贫项目资金拨付滞后，资金闲置时间较长。', '建立扶贫资金拨付台账，按月通报进度。', [
        m('全面清理2025年以来扶贫项目资金拨付情况，建立拨付台账。', '青山县财政局', date(-20), ['青山县乡村振兴局'], '王芳'),
        m('对拨付滞后的乡镇进行约谈，按月通报资金支出进度。', '青山县乡村振兴局', date(25)),
      ]],
      ['产业扶贫方面', '产业扶贫项目同质化，部分项目带贫益贫机制不健全。', '因地制宜发展特色产业，完善利益联结机制。', [
        m('编制全县特色产业发展规划，避免项目同质化。', '青山县农业农村局', date(5), [], '张强'),
        m('健全产业项目带贫益贫利益联结机制，逐项目明确带贫户数。', '青山县乡村振兴局', { kind: 'standing', date: null, text: '长期坚持' }),
      ]],
      ['教育扶贫方面', '个别学校控辍保学动态监测不及时。', '建立控辍保学动态监测机制。', [
        m('建立适龄儿童少年控辍保学月报制度。', '青山县教育局', { kind: 'immediate', date: null, text: '立行立改' }, [], '刘洋'),
      ]],
      ['作风建设方面', '少数帮扶干部入户走访流于形式，群众满意度不高。', '加强帮扶干部日常管理。', [
        m('开展帮扶干部作风专项整治，随机抽查入户走访记录。', '青山县乡村振兴局', date(60)),
      ]],
    ];
    let measures = 0;
    const measureIds: number[] = [];
    let seq = 0;
    for (const [category, text, suggestion, ms] of findings) {
      const fid = await createFinding(trx, actor, batchId, { seq: String(++seq), category, text, suggestion, target: null, note: null }, ms, {
        immediateDays,
        assignedDate: addDays(t, -90),
      });
      measures += ms.length;
      measureIds.push(...(await trx.selectFrom('measures').select('id').where('finding_id', '=', fid).orderBy('seq').execute()).map((r) => r.id));
    }
    // A finished item, one awaiting verification, and progress on others.
    const [a, b, c, , e] = measureIds;
    await addProgress(trx, actor, core.dataDir, { measureId: a, date: addDays(t, -60), text: '已完成资金拨付情况清理，形成台账。', files: [] }, onRollback);
    await addProgress(trx, actor, core.dataDir, { measureId: b, date: addDays(t, -10), text: '已约谈3个拨付滞后乡镇，通报1期。', files: [] }, onRollback);
    await addProgress(trx, actor, core.dataDir, { measureId: c, date: addDays(t, -40), text: '产业规划已形成初稿，正在征求意见。', files: [] }, onRollback);
    await transitionMeasure(trx, actor, core.dataDir, { id: e, action: 'request_close', date: addDays(t, -5), resultText: '月报制度已建立并运行两个月。', verifiedBy: null, reason: null, files: [] }, onRollback);
    await addProgress(trx, actor, core.dataDir, { measureId: measureIds[5], date: addDays(t, -3), text: '已抽查入户走访记录120份。', files: [] }, onRollback);
    await transitionMeasure(trx, actor, core.dataDir, { id: measureIds[5], action: 'request_close', date: addDays(t, -2), resultText: '专项整治完成，问责2人。', verifiedBy: null, reason: null, files: [] }, onRollback);
    await transitionMeasure(trx, actor, core.dataDir, { id: measureIds[5], action: 'verify_close', date: addDays(t, -1), resultText: null, verifiedBy: '县委统战部 赵敏', reason: null, files: [] }, onRollback);
    await audit(trx, actor, { action: 'sample', entity: 'sample', entityId: batchId, after: { loaded: true } });
    return { batches: 1, findings: findings.length, measures };
  });
}

export async function hasSampleData(core: Core): Promise<boolean> {
  const row = await core.db.selectFrom('batches').select('id').where('is_sample', '=', 1).executeTakeFirst();
  return !!row;
}

export async function removeSampleData(core: Core): Promise<{ removed: number }> {
  return withWrite(core, async (trx, actor) => {
    const batches = await trx.selectFrom('batches').select('id').where('is_sample', '=', 1).execute();
    for (const b of batches) await deleteBatch(trx, actor, b.id, core.dataDir);
    // Sample units go too, unless real measures now use them.
    const units = await trx.selectFrom('units').select('id').where('is_sample', '=', 1).execute();
    for (const u of units) {
      const used = await trx
        .selectFrom('measures')
        .select('id')
        .where((eb) => eb.or([eb('lead_unit_id', '=', u.id), eb('id', 'in', eb.selectFrom('measure_co_units').select('measure_id').where('unit_id', '=', u.id))]))
        .executeTakeFirst();
      if (!used) await trx.deleteFrom('units').where('id', '=', u.id).execute();
    }
    await audit(trx, actor, { action: 'sample', entity: 'sample', entityId: null, after: { removedBatches: batches.length } });
    return { removed: batches.length };
  });
}
