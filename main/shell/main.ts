import { app, BrowserWindow, dialog } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../core/clock';
import { RoomError } from '../core/errors';
import { encodeLibraryPath } from '../core/music/library-path';
import { openRoom } from '../core/open-room';
import { registerBridge } from './ipc';
import { keepAwakeDuringSessions } from './power';
import { mediaUrlFor, registerSchemes, serveRenderer } from './protocol';
import { providePdfPrinting } from './report-pdf';
import { openShellSettings } from './settings';
import { musicAdminOf } from '../core/music-admin/handlers';
import { shellFileAccess } from './music-files';
import { createRoomWindow, lockDownContents } from './window';
import { clinicSyncOf, startClinicSync } from '../core/sync/handlers';
import { keychainPasswordStore } from './clinic-password';

const here = path.dirname(fileURLToPath(import.meta.url));

// Tests and clinics with a managed data folder may point the room at it.
if (process.env.SESSION_ROOM_DATA) app.setPath('userData', path.resolve(process.env.SESSION_ROOM_DATA));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerSchemes();
  let win: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.whenReady().then(() => {
    lockDownContents();
    const settings = openShellSettings();
    let room;
    try {
      // Packaged, playlists/ and assets/ are resources beside the app (electron-builder.yml); in development, the project root.
      const appDir = app.isPackaged ? process.resourcesPath : app.getAppPath();
      const music = { appDir, mediaUrl: (libraryPath: string) => mediaUrlFor(encodeLibraryPath(libraryPath)) };
      room = openRoom({ dataDir: app.getPath('userData'), clock: systemClock, settingsBackend: settings, music });
    } catch (err) {
      dialog.showErrorBox('Session Room cannot open its records', err instanceof RoomError ? err.message : (err as Error).message);
      app.quit();
      return;
    }
    serveRenderer(path.resolve(here, '../renderer'), room.music.places.roots);
    musicAdminOf(room).files = shellFileAccess();
    registerBridge(room, () => BrowserWindow.getAllWindows());
    keepAwakeDuringSessions(room);
    startClinicSync(room, app.getPath('userData'), keychainPasswordStore(app.getPath('userData')));
    win = createRoomWindow(path.resolve(here, '../preload'));
    providePdfPrinting(room, () => win);
    win.on('closed', () => (win = null));
    app.on('window-all-closed', () => {
      // The sync worker finishes its batch first; what it had not sent stays queued for the next start.
      void (clinicSyncOf(room)?.stop() ?? Promise.resolve()).finally(() => {
        room.db.close();
        app.quit();
      });
    });
  });
}
