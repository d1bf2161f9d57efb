import { Card, Tabs } from 'antd';
import { HeaderWordsPanel } from './HeaderWordsPanel.tsx';
import { ImportFileTab } from './ImportFileTab.tsx';
import { UnitSheetsTab } from './UnitSheetsTab.tsx';
import { useRoute } from '../../router.ts';

/**
 * 导入: read the Excel files that arrive (a party's feedback list, a higher office's template) into
 * the ledger, and the round trip with units: fill-in sheets out, returned sheets merged back.
 */
export default function ImportPage() {
  // "#/import?tab=units" (the 工作台's 单位填报表) opens that tab.
  const tab = useRoute().query.get('tab');
  return (
    <Card title="导入" data-testid="import-page">
      <Tabs
        destroyOnHidden={false}
        defaultActiveKey={tab === 'units' || tab === 'words' ? tab : 'file'}
        items={[
          { key: 'file', label: '导入台账 / 问题清单', children: <ImportFileTab /> },
          { key: 'units', label: '单位填报表（下发与回收）', children: <UnitSheetsTab /> },
          { key: 'words', label: '表头词库', children: <HeaderWordsPanel /> },
        ]}
      />
    </Card>
  );
}
