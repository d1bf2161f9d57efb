import 'antd/dist/antd.css';
import './print/print.css';
import { reloadOnceForMissingChunk } from './chunk-reload.ts';
import { sendStartRequests } from './start-requests.ts';

/**
 * Kept tiny on purpose: the first screen's requests go out the moment this runs, and only then
 * does the interface (React, antd, the pages) load — its chunks are already on their way, named
 * as modulepreload in index.html (scripts/vite-first-screen.ts). Anything imported here
 * statically would have to download and run before those requests start.
 */
sendStartRequests();
window.addEventListener('vite:preloadError', reloadOnceForMissingChunk);
void import('./App.tsx').then(({ mountApp }) => mountApp(document.getElementById('root')!));
