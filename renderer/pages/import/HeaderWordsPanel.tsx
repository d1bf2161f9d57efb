import { useEffect, useState } from 'react';
import { Alert, App, Button, Select, Table, Typography } from 'antd';
import { FIELD_LABEL, LEDGER_FIELDS, type LedgerField } from '../../../shared/contract/import.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../components/use-load.ts';
import { useAction } from '../../components/use-submit.ts';

/** 表头词库: the words each ledger column is recognised by, and the office's own additions. */
export function HeaderWordsPanel() {
  const { message } = App.useApp();
  const loaded = useLoad(() => call('import:header-words', {}), []);
  const [extra, setExtra] = useState<Partial<Record<LedgerField, string[]>>>({});
  useEffect(() => setExtra(loaded.data?.extra ?? {}), [loaded.data]);

  const { busy: saving, run: save } = useAction(async () => {
    const saved = await call('import:header-words:save', { extra });
    setExtra(saved.extra);
    message.success('已保存表头词库，下次导入时生效');
  });

  return (
    <div data-testid="header-words">
      <Typography.Paragraph type="secondary">
        导入时按表头文字识别各列。上级或各单位的模板若用了下表没有的说法（如“群众诉求”“承办科室”），在“本单位补充”中添加，以后的文件即可自动识别。
      </Typography.Paragraph>
      {loaded.error && <Alert type="error" showIcon title={loaded.error} />}
      <Table
        size="small"
        rowKey="field"
        pagination={false}
        loading={loaded.loading}
        dataSource={LEDGER_FIELDS.map((field) => ({ field }))}
        columns={[
          { title: '台账字段', dataIndex: 'field', width: 100, render: (f: LedgerField) => FIELD_LABEL[f] },
          { title: '内置表头词', key: 'defaults', render: (_, r) => <Typography.Text type="secondary">{loaded.data?.defaults[r.field].join('、')}</Typography.Text> },
          {
            title: '本单位补充',
            key: 'extra',
            width: 320,
            render: (_, r) => (
              <Select
                mode="tags"
                size="small"
                style={{ width: '100%' }}
                placeholder="输入后回车添加"
                value={extra[r.field] ?? []}
                onChange={(words: string[]) => setExtra((all) => ({ ...all, [r.field]: words }))}
                data-testid={`header-words-${r.field}`}
              />
            ),
          },
        ]}
      />
      <Button type="primary" style={{ marginTop: 12 }} loading={saving} onClick={() => void save()}>保存表头词库</Button>
    </div>
  );
}
