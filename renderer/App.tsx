import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { AppInfoProvider } from './app-info.tsx';
import { Shell } from './Shell.tsx';
import { preloadPageOf } from './pages.tsx';
import { parseHash } from './router.ts';
import { AuthGate } from './pages/sign-in/auth.tsx';

// antd's zhCN locale does not switch dayjs: date pickers would stay in English without this.
dayjs.locale('zh-cn');

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={{ zeroRuntime: true, token: { borderRadius: 4 } }} button={{ autoInsertSpace: false }}>
      <AntApp style={{ height: '100%' }}>
        <AuthGate>
          <AppInfoProvider>
            <Shell />
          </AppInfoProvider>
        </AuthGate>
      </AntApp>
    </ConfigProvider>
  );
}

/**
 * Called by main.tsx once the start-up requests are on their way. A window opened on a page other
 * than the 工作台 first fetches that page, so the menu and the page appear together.
 */
export async function mountApp(root: HTMLElement): Promise<void> {
  await preloadPageOf(parseHash(window.location.hash)).catch(() => undefined); // a failure shows on the page itself
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
