import { Divider, Form, Switch } from 'antd';

/**
 * 分析: whether units are ranked. Off by default — many offices must not rank units (基层减负);
 * inside the settings form so one 保存设置 keeps it with the rest.
 */
export function AnalysisSection() {
  return (
    <>
      <Divider titlePlacement="start" plain>分析</Divider>
      <Form.Item name="rankUnits" label="责任单位排名" valuePropName="checked" extra="打开后，“分析”页按完成率从高到低排列各责任单位；关闭时按单位名称排列，不排名">
        <Switch checkedChildren="排名" unCheckedChildren="不排名" data-testid="settings-rank-units" />
      </Form.Item>
    </>
  );
}
