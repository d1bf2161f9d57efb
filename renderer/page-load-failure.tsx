import { Component, type ReactNode } from 'react';
import { Button, Result } from 'antd';

/**
 * What a page shows when it could not be downloaded (see chunk-reload.ts) or broke while drawing:
 * a message in Chinese with a way out, instead of leaving the whole window blank.
 */
const isLoadFailure = (err: unknown) => /dynamically imported module|Importing a module script failed|result of a dynamic import|Unable to preload/i.test(String((err as Error)?.message ?? err));

export class PageFailure extends Component<{ children: ReactNode }, { error: unknown }> {
  state = { error: undefined as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    const loading = isLoadFailure(error);
    return (
      <Result
        status="warning"
        data-testid="page-failure"
        title={loading ? '这个页面没有加载成功' : '这个页面出错了'}
        subTitle={loading ? '程序可能刚刚更新过。请刷新后再打开；数据没有受到影响。' : `请刷新后重试；如果仍然出错，请记下出错时间并联系维护人员。（${String((error as Error)?.message ?? error).slice(0, 200)}）`}
        extra={<Button type="primary" onClick={() => window.location.reload()}>刷新</Button>}
      />
    );
  }
}
