import { Button, Checkbox, Space, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { LEDGER_COLUMNS, LEDGER_COLUMN_LABEL, type LedgerColumn } from '../../../shared/contract/reports.ts';

/** Pick the ledger's columns and their order: ticked ones first, in the order they will print. */
export function ColumnPicker({ value, onChange }: { value: LedgerColumn[]; onChange: (next: LedgerColumn[]) => void }) {
  const unticked = LEDGER_COLUMNS.filter((c) => !value.includes(c));
  const move = (i: number, by: number) => {
    const next = [...value];
    const [c] = next.splice(i, 1);
    next.splice(i + by, 0, c);
    onChange(next);
  };
  return (
    <div data-testid="column-picker" style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
      {value.map((c, i) => (
        <Space.Compact key={c} size="small">
          <Button
            size="small"
            style={{ paddingInline: 8 }}
            disabled={value.length === 1}
            onClick={() => onChange(value.filter((x) => x !== c))}
            data-testid={`column-${c}`}
            data-checked="true"
          >
            <Checkbox checked style={{ pointerEvents: 'none' }}>
              {i + 1}. {LEDGER_COLUMN_LABEL[c]}
            </Checkbox>
          </Button>
          <Tooltip title="前移">
            <Button size="small" icon={<ArrowUpOutlined rotate={-90} />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={`${LEDGER_COLUMN_LABEL[c]}前移`} />
          </Tooltip>
          <Tooltip title="后移">
            <Button size="small" icon={<ArrowDownOutlined rotate={-90} />} disabled={i === value.length - 1} onClick={() => move(i, 1)} aria-label={`${LEDGER_COLUMN_LABEL[c]}后移`} />
          </Tooltip>
        </Space.Compact>
      ))}
      {unticked.map((c) => (
        <Button key={c} size="small" type="dashed" onClick={() => onChange([...value, c])} data-testid={`column-${c}`} data-checked="false">
          <Checkbox checked={false} style={{ pointerEvents: 'none' }}>
            {LEDGER_COLUMN_LABEL[c]}
          </Checkbox>
        </Button>
      ))}
    </div>
  );
}
