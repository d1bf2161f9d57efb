import { app, session, type WebFrameMain } from 'electron';
import { isAppUrl } from './app-protocol.ts';

/**
 * Rules that hold for every window the app ever opens: no navigation away from our own page,
 * no new windows, no <webview>, no permissions (camera, notifications, …) granted to the page.
 */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** Call once the app is ready. */
export function denyPermissions(): void {
  // Copying a cell's text and a full-screen PDF preview are the only things the app asks for.
  const allowed = new Set(['clipboard-sanitized-write', 'fullscreen']);
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(allowed.has(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => allowed.has(permission));
}

/** An IPC call is ours only when it comes from the top frame of our own page. */
export function isOwnPage(frame: WebFrameMain | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}
