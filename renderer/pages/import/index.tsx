import { Card, Tabs } from 'antd';
import { HeaderWordsPanel } from './HeaderWordsPanel.tsx';
import { ImportFileTab } from './ImportFileTab.tsx';
import { UnitSheetsTab } from './UnitSheetsTab.tsx';

/**
 * 导入: read the Excel files that arrive (a party's feedback list, a higher office's template) into
 * the ledger, and the round trip with units: fill-in sheets out, returned sheets merged back.
 */
export default function ImportPage() {
  return (
    <Card title="导入" data-testid="import-page">
      <Tabs
        destroyOnHidden={false}
        items={[
          { key: 'file', label: '导入台账 / 问题清单', children: <ImportFileTab /> },
          { key: 'units', label: '单位填报表（下发与回收）', children: <UnitSheetsTab /> },
          { key: 'words', label: '表头词库', children: <HeaderWordsPanel /> },
        ]}
      />
    </Card>
  );
}
