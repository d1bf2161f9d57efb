import { Checkbox, Select, Table, Tag, Typography } from 'antd';
import type { PreviewUnit } from '../../../shared/contract/import.ts';
import type { UnitDto } from '../../../shared/contract/index.ts';

export interface UnitDecision {
  /** Create it as a new unit (the default for names not in the ledger). */
  create: boolean;
  /** Or: the existing unit it means. */
  mapTo?: number;
}

/**
 * What the clerk decided for a new name; undecided, a proposed existing unit (县卫健局 → 县卫生健康局)
 * is taken, anything else is created.
 */
export function decisionOf(u: PreviewUnit, decisions: Record<string, UnitDecision>): UnitDecision {
  return decisions[u.name] ?? (u.suggested ? { create: false, mapTo: u.suggested.id } : { create: true });
}

/** Units named in the file: matched ones shown, new ones to confirm or point at an existing unit. */
export function UnitsConfirm({ units, known, decisions, onChange }: {
  units: PreviewUnit[];
  known: UnitDto[];
  decisions: Record<string, UnitDecision>;
  onChange: (name: string, d: UnitDecision) => void;
}) {
  return (
    <Table<PreviewUnit>
      size="small"
      rowKey="name"
      data-testid="units-confirm"
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      dataSource={units}
      columns={[
        { title: '文件中的单位', dataIndex: 'name' },
        { title: '措施数', dataIndex: 'measures', width: 70, align: 'right' },
        {
          title: '台账中的单位',
          key: 'match',
          render: (_, u) => {
            if (u.existing) {
              return (
                <span>
                  {u.existing.name} {u.existing.via === 'alias' && <Tag>按别名</Tag>}
                </span>
              );
            }
            const d = decisionOf(u, decisions);
            const proposed = u.suggested && d.mapTo === u.suggested.id ? u.suggested : null;
            return (
              <span data-testid="new-unit" data-name={u.name}>
                {proposed && (
                  <div data-testid="unit-proposal">
                    <Typography.Text>对应已有单位：{proposed.name}</Typography.Text>
                    <Typography.Text type="secondary">（{proposed.reason}）</Typography.Text>
                  </div>
                )}
                <Checkbox
                  checked={d.create && !d.mapTo}
                  onChange={(e) => onChange(u.name, { create: e.target.checked, mapTo: undefined })}
                >
                  <Typography.Text type="warning">新建此单位</Typography.Text>
                </Checkbox>
                <Select<number>
                  size="small"
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="或选择已有单位"
                  style={{ width: 220 }}
                  value={d.mapTo}
                  options={known.map((k) => ({ value: k.id, label: k.name }))}
                  onChange={(id) => onChange(u.name, { create: !id, mapTo: id })}
                />
              </span>
            );
          },
        },
      ]}
    />
  );
}
