import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { captureBrowserToken, prefetch } from './api.ts';
import { ledgerQueryOf, viewFromQuery } from './pages/ledger/ledger-url.ts';
import { parseHash } from './router.ts';
import 'antd/dist/antd.css';
import './print/print.css';
import { App } from './App.tsx';

// The secret must leave the fragment before the hash router reads it.
captureBrowserToken();
// antd's zhCN locale does not switch dayjs: date pickers would stay in English without this.
dayjs.locale('zh-cn');

// Ask for the first screen's data at once, in parallel with app:info, rather than after it.
prefetch('app:info', {});
const start = parseHash(window.location.hash);
if ((start.segments[0] ?? 'ledger') === 'ledger') {
  prefetch('ledger:query', ledgerQueryOf(viewFromQuery(start.query)));
  prefetch('ledger:facets', {});
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
