import { Alert, App, Button, Popconfirm } from 'antd';
import { call } from '../api.ts';
import { useAppInfo } from '../app-info.tsx';
import { useAction } from './use-submit.ts';

/** Sample data must never be mistaken for real work: say so on every page while it is there. */
export function SampleBanner() {
  const { info, refresh } = useAppInfo();
  const { message } = App.useApp();
  const { busy, run: remove } = useAction(async () => {
    const { removed } = await call('sample:remove', {});
    message.success(`已删除示例数据（${removed} 条记录）`);
    await refresh();
  });
  if (!info.hasSample) return null;

  return (
    <Alert
      banner
      type="warning"
      data-testid="sample-banner"
      title="当前包含示例数据：示例批次、问题和单位仅供熟悉操作，正式使用前请删除。"
      action={
        <Popconfirm title="删除全部示例数据？" description="您自己录入的数据不受影响。" okText="删除" cancelText="取消" onConfirm={remove}>
          <Button size="small" danger loading={busy} data-testid="remove-sample">删除示例数据</Button>
        </Popconfirm>
      }
    />
  );
}
