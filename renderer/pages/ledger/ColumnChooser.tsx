import { Button, Checkbox, Popover, Typography } from 'antd';
import { TableOutlined } from '@ant-design/icons';

export interface ChoosableColumn {
  key: string;
  title: string;
  /** Always shown: the columns that say which finding and how late it is. */
  fixed?: boolean;
}

/**
 * 「列」: tick the columns to show; the key columns stay and say so. Each box changes its own
 * column (not antd's Checkbox.Group, whose onChange leaves out boxes it has not registered yet:
 * a quick click just after the list opens would hide every column but the fixed ones).
 */
export function ColumnChooser({ columns, hidden, onChange }: { columns: ChoosableColumn[]; hidden: string[]; onChange: (hidden: string[]) => void }) {
  const toggle = (key: string, show: boolean) => {
    const rest = hidden.filter((k) => k !== key);
    onChange(show ? rest : [...rest, key]);
  };
  const content = (
    <div data-testid="column-chooser" style={{ width: 200, display: 'flex', flexDirection: 'column', gap: 6 }}>
      {columns.map((c) =>
        c.fixed ? (
          <Checkbox key={c.key} checked disabled>{`${c.title}（固定显示）`}</Checkbox>
        ) : (
          <Checkbox key={c.key} checked={!hidden.includes(c.key)} onChange={(e) => toggle(c.key, e.target.checked)}>{c.title}</Checkbox>
        ),
      )}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 2, fontSize: 12 }}>
        本机会记住您的选择。
      </Typography.Text>
    </div>
  );
  return (
    <Popover content={content} title="显示哪些列" trigger="click" placement="bottomRight">
      <Button icon={<TableOutlined />} data-testid="column-chooser-button">
        列{hidden.length ? `（隐藏 ${hidden.length}）` : ''}
      </Button>
    </Popover>
  );
}
