import { useState } from 'react';
import { App, Button, Divider, Input, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { UnitDto } from '../../shared/contract/index.ts';
import { call } from '../api.ts';
import { errorText } from './errors.ts';
import { useLoad } from './use-load.ts';

export interface UnitsState {
  units: UnitDto[];
  loading: boolean;
  /** Register a unit typed in a form; its id is returned for the field. */
  create: (name: string) => Promise<UnitDto | null>;
}

export function useUnits(): UnitsState {
  const { message } = App.useApp();
  const loaded = useLoad(() => call('units:list', {}), []);
  const [extra, setExtra] = useState<UnitDto[]>([]);
  const units = [...(loaded.data ?? []), ...extra.filter((e) => !loaded.data?.some((u) => u.id === e.id))];
  const create = async (name: string) => {
    try {
      const unit = await call('units:save', { name, aliases: [] });
      setExtra((list) => [...list, unit]);
      message.success(`已添加责任单位：${unit.name}`);
      return unit;
    } catch (err) {
      message.error(errorText(err));
      return null;
    }
  };
  return { units, loading: loaded.loading, create };
}

interface UnitSelectProps {
  value?: number | number[];
  onChange?: (value: number | number[] | undefined) => void;
  multiple?: boolean;
  placeholder: string;
  state: UnitsState;
  testId?: string;
}

/** Pick a 责任单位 (by name or alias), or add one that is not registered yet. */
export function UnitSelect({ value, onChange, multiple, placeholder, state, testId }: UnitSelectProps) {
  const [name, setName] = useState('');
  const add = async () => {
    const unit = await state.create(name.trim());
    if (!unit) return;
    setName('');
    if (multiple) onChange?.([...((value as number[] | undefined) ?? []), unit.id]);
    else onChange?.(unit.id);
  };
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ optionFilterProp: 'search' }}
      placeholder={placeholder}
      loading={state.loading}
      value={value}
      onChange={onChange}
      data-testid={testId}
      options={state.units.map((u) => ({ value: u.id, label: u.name, search: [u.name, ...u.aliases].join(' ') }))}
      notFoundContent="没有这个单位，可在下方添加"
      popupRender={(menu) => (
        <>
          {menu}
          <Divider style={{ margin: '8px 0' }} />
          <Space.Compact style={{ width: '100%', padding: '0 8px 4px' }}>
            <Input
              placeholder="新单位全称"
              value={name}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => e.stopPropagation()}
              data-testid={testId ? `${testId}-new` : undefined}
            />
            <Button icon={<PlusOutlined />} disabled={!name.trim()} onClick={add}>添加单位</Button>
          </Space.Compact>
        </>
      )}
    />
  );
}
