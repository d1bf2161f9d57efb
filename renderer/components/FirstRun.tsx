import { App, Button, Empty, Space, Typography } from 'antd';
import { call } from '../api.ts';
import { useAppInfo } from '../app-info.tsx';
import { navigate } from '../router.ts';
import { OfficeSetup } from './OfficeSetup.tsx';
import { useAction } from './use-submit.ts';

/** The ledger with nothing in it: say what to do first, and offer a sample to look around. */
export function FirstRun() {
  const { refresh } = useAppInfo();
  const { message } = App.useApp();
  const { busy, run: loadSample } = useAction(async () => {
    const r = await call('sample:load', {});
    message.success(`已载入示例数据：${r.batches} 个批次、${r.findings} 个问题、${r.measures} 条措施`);
    await refresh();
  });

  return (
    <>
      <OfficeSetup />
      <Empty
        data-testid="first-run"
        style={{ padding: '48px 0' }}
        description={
          <Space orientation="vertical" size={4}>
            <Typography.Text strong>台账里还没有反馈问题</Typography.Text>
            <Typography.Text type="secondary">
              先登记收到的反馈意见（反馈批次），再逐条录入反馈问题和整改措施；也可以从 Excel 台账导入。
            </Typography.Text>
          </Space>
        }
      >
        <Space wrap>
          <Button type="primary" onClick={() => navigate('batches', { new: 1 })}>登记反馈批次</Button>
          <Button onClick={() => navigate('import')}>从 Excel 导入</Button>
          <Button loading={busy} onClick={loadSample} data-testid="load-sample">载入示例数据</Button>
        </Space>
      </Empty>
    </>
  );
}
