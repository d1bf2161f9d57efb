import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { captureBrowserToken } from './api.ts';
import { App } from './App.tsx';

// The secret must leave the fragment before the hash router reads it.
captureBrowserToken();
// antd's zhCN locale does not switch dayjs: date pickers would stay in English without this.
dayjs.locale('zh-cn');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
