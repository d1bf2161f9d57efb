import { ColorPicker, Divider, Form, Input, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import type { Color } from 'antd/es/color-picker';
import { SNAPSHOT_AUTO, SNAPSHOT_AUTO_LABEL } from '../../../shared/contract/snapshots.ts';
import { THRESHOLD_DAYS } from '../../../shared/contract/ledger.ts';
import { SIGNAL_PRESETS, type SignalLevels } from '../../../shared/domain/signal.ts';
import type { Signal } from '../../../shared/domain/vocabulary.ts';

/**
 * 设置 → 预警信号、快照、考核权重 (issue 10), inside the settings form: what each level is called
 * and its colour (红黄绿 by default; 蓝黄红 or 提醒·督办·告诫 in one click), the period a 长期坚持
 * measure reports in, automatic snapshots, and the weights of the 单位考核 score.
 */
const LEVELS: { key: Signal; meaning: string }[] = [
  { key: 'red', meaning: '已过整改时限仍未办结' },
  { key: 'yellow', meaning: '临近时限、久无进展，或长期坚持事项未按期报送进展' },
  { key: 'green', meaning: '正常推进' },
];
const WEIGHTS: { key: string; label: string; extra: string }[] = [
  { key: 'completionRate', label: '完成率', extra: '加分：完成率 × 权重' },
  { key: 'onTimeRate', label: '按期完成率', extra: '加分：按期完成率 × 权重' },
  { key: 'openLate', label: '逾期未完成', extra: '每项扣分' },
  { key: 'reminder', label: '提醒', extra: '每份扣分' },
  { key: 'supervise', label: '督办', extra: '每份扣分' },
  { key: 'warning', label: '告诫', extra: '每份扣分' },
];
const daysMessage = `须为 ${THRESHOLD_DAYS.min} 到 ${THRESHOLD_DAYS.max} 之间的整数`;

export function SignalSection() {
  const form = Form.useFormInstance();
  const levels = Form.useWatch<SignalLevels | undefined>('signalLevels', form);
  const preset = SIGNAL_PRESETS.find((p) => levels && (Object.keys(p.levels) as Signal[]).every((k) => p.levels[k].label === levels[k]?.label && p.levels[k].color.toLowerCase() === levels[k]?.color?.toLowerCase()));

  return (
    <div data-testid="settings-signals">
      <Divider titlePlacement="start" plain>预警信号</Divider>
      <Form.Item label="信号方案" extra="选一个方案即填好下面三级的名称和颜色，也可以逐项修改">
        <Radio.Group
          value={preset?.key ?? 'custom'}
          onChange={(e) => {
            const p = SIGNAL_PRESETS.find((x) => x.key === e.target.value);
            if (p) form.setFieldValue('signalLevels', structuredClone(p.levels));
          }}
          data-testid="signal-preset"
        >
          {SIGNAL_PRESETS.map((p) => (
            <Radio.Button key={p.key} value={p.key}>{p.name}</Radio.Button>
          ))}
          <Radio.Button value="custom" disabled>自定义</Radio.Button>
        </Radio.Group>
      </Form.Item>
      {LEVELS.map(({ key, meaning }) => (
        <Form.Item key={key} label={`${meaning}时`} required style={{ marginBottom: 12 }}>
          <Space align="start">
            <Form.Item name={['signalLevels', key, 'label']} noStyle rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 8, message: '名称不超过 8 个字' }]}>
              <Input style={{ width: 120 }} maxLength={8} aria-label={`${meaning}时的名称`} data-testid={`signal-label-${key}`} />
            </Form.Item>
            <Form.Item name={['signalLevels', key, 'color']} noStyle getValueFromEvent={(c: Color) => c.toHexString()}>
              <ColorPicker disabledAlpha format="hex" aria-label={`${meaning}时的颜色`} />
            </Form.Item>
            {levels?.[key] && <Tag color={levels[key].color} style={{ marginTop: 4 }}>{levels[key].label || '　'}</Tag>}
          </Space>
        </Form.Item>
      ))}
      <Form.Item
        name="longTermPeriodDays"
        label="长期坚持事项报送周期"
        extra="长期坚持的措施不会逾期，但每隔这么多天应报送一次进展；到期未报的亮第二级信号"
        rules={[{ required: true, message: '请填写长期坚持报送周期' }, { type: 'integer', min: THRESHOLD_DAYS.min, max: THRESHOLD_DAYS.max, message: `长期坚持报送周期${daysMessage}` }]}
      >
        <InputNumber suffix="天" style={{ width: 160 }} data-testid="settings-long-term" />
      </Form.Item>

      <Divider titlePlacement="start" plain>快照</Divider>
      <Form.Item name="snapshotAuto" label="自动保存快照" extra="用于“较上期”对比：每周或每月第一次打开程序时自动保存一份；也可随时在“单位考核”页手动保存">
        <Select style={{ width: 220 }} options={SNAPSHOT_AUTO.map((v) => ({ value: v, label: SNAPSHOT_AUTO_LABEL[v] }))} data-testid="settings-snapshot-auto" />
      </Form.Item>

      <Divider titlePlacement="start" plain>单位考核权重</Divider>
      <Typography.Paragraph type="secondary">得分 = 完成率 × 权重 + 按期完成率 × 权重 − 逾期未完成项数 × 权重 − 各级通知单份数 × 权重；权重为 0 的项不计。</Typography.Paragraph>
      <Space wrap size={[16, 0]}>
        {WEIGHTS.map((w) => (
          <Form.Item
            key={w.key}
            name={['assessmentWeights', w.key]}
            label={w.label}
            extra={w.extra}
            rules={[{ required: true, message: `请填写${w.label}的权重` }, { type: 'number', min: 0, max: 100, message: '权重须为 0 到 100 之间的数' }]}
          >
            <InputNumber style={{ width: 110 }} precision={2} data-testid={`weight-${w.key}`} />
          </Form.Item>
        ))}
      </Space>
    </div>
  );
}
