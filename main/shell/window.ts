import { app, BrowserWindow, session, type WebContents } from 'electron';
import path from 'node:path';
import { APP_ORIGIN } from './protocol';

/** Every window's security, in one place: no navigation away, no new windows, no permissions. */
export function lockDownContents(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // One exception, for the music's output chooser: the room's own page may list audio outputs by name and play
  // to one (the patient's headphones or the room speaker). Capture stays refused: requests are all denied above.
  session.defaultSession.setPermissionCheckHandler(
    (_contents, permission, origin, details) =>
      origin === APP_ORIGIN &&
      (permission === 'speaker-selection' || (permission === 'media' && details.mediaType === 'audio')),
  );
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

export function createRoomWindow(preloadDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    // The room is dark: no white flash while the page loads.
    backgroundColor: '#07090b',
    title: 'Session Room',
    webPreferences: {
      preload: path.join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      // No middle-click navigation to new windows.
      disableBlinkFeatures: 'Auxclick',
      // The session's clock and music must not slow down when the window is covered.
      backgroundThrottling: false,
    },
  });
  win.removeMenu();
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
