import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { call } from './api.ts';
import type { AppInfo } from '../shared/contract/index.ts';
import { errorText } from './components/errors.ts';

interface AppInfoState {
  info: AppInfo;
  /** Ask the core again (after sample data, settings or anything that changes the counts). */
  refresh: () => Promise<void>;
  /** Grows on every refresh; pages list it among their load dependencies to reload with it. */
  dataVersion: number;
}

const AppInfoContext = createContext<AppInfoState | null>(null);

export function useAppInfo(): AppInfoState {
  const state = useContext(AppInfoContext);
  if (!state) throw new Error('useAppInfo outside AppInfoProvider');
  return state;
}

export function AppInfoProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo>();
  const [error, setError] = useState<string | null>(null);
  const [dataVersion, setDataVersion] = useState(0);

  const refresh = useCallback(async () => {
    try {
      setInfo(await call('app:info', {}));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      // The pages reload their own data even when the app's summary could not be read: after a
      // clerk's change the list must show it (or say itself why it cannot).
      setDataVersion((v) => v + 1);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (error && !info) {
    return (
      <Result
        status="error"
        title="无法打开整改台账"
        subTitle={error}
        extra={<Button type="primary" onClick={() => void refresh()}>重试</Button>}
      />
    );
  }
  if (!info) {
    return (
      <div style={{ display: 'flex', height: '100%', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" description="正在打开整改台账…"><div style={{ width: 200, height: 80 }} /></Spin>
      </div>
    );
  }
  return <AppInfoContext.Provider value={{ info, refresh, dataVersion }}>{children}</AppInfoContext.Provider>;
}
