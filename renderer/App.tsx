import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { AppInfoProvider } from './app-info.tsx';
import { Shell } from './Shell.tsx';

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={{ zeroRuntime: true, token: { borderRadius: 4 } }} button={{ autoInsertSpace: false }}>
      <AntApp style={{ height: '100%' }}>
        <AppInfoProvider>
          <Shell />
        </AppInfoProvider>
      </AntApp>
    </ConfigProvider>
  );
}
