import { app, BrowserWindow } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../core/clock';
import { lockDataFolder, makePrivate } from '../core/data-folder';
import { RoomError } from '../core/pure/errors';
import { encodeLibraryPath } from '../core/music/library-path';
import { closeRoom, openRoom } from '../core/open-room';
import { registerBridge } from './ipc';
import { keepAwakeDuringSessions } from './power';
import { mediaUrlFor, registerSchemes, serveRenderer } from './protocol';
import { firstScreen } from '../core/bridge/first-screen';
import { providePdfPrinting } from './report-pdf';
import { openShellSettings } from './settings';
import { musicAdminOf } from '../core/music-admin/handlers';
import { shellFileAccess } from './music-files';
import { showStartupProblem } from './startup-problem';
import { createRoomWindow, lockDownContents } from './window';
import { startClinicSync } from '../core/sync/handlers';
import { monitorOf, startMonitor } from '../core/monitor/listener';
import { bluetoothChooserOf } from '../core/monitor/bluetooth-chooser';
import { keychainPasswordStore } from './clinic-password';

const here = path.dirname(fileURLToPath(import.meta.url));

// Whatever the room writes is for this user only (folders 0700, files 0600).
process.umask(0o077);
// Tests and clinics with a managed data folder may point the room at it.
if (process.env.SESSION_ROOM_DATA) app.setPath('userData', path.resolve(process.env.SESSION_ROOM_DATA));

/** Opens the room and its window; anything that fails on the way is shown by showStartupProblem. */
function start(): void {
  lockDownContents();
  const dataDir = app.getPath('userData');
  // Private and this process's before anything in the folder is read or written, settings included.
  makePrivate(dataDir);
  lockDataFolder(dataDir, 'the Session Room app');
  const settings = openShellSettings();
  // Packaged, playlists/ and assets/ are resources beside the app (electron-builder.yml); in development, the project root.
  const appDir = app.isPackaged ? process.resourcesPath : app.getAppPath();
  const music = { appDir, mediaUrl: (libraryPath: string) => mediaUrlFor(encodeLibraryPath(libraryPath)) };
  const room = openRoom({
    dataDir,
    clock: systemClock,
    settingsBackend: settings,
    music,
    holder: 'the Session Room app',
  });
  serveRenderer(path.resolve(here, '../renderer'), room.music.places.roots, () => firstScreen(room.handlers));
  musicAdminOf(room).files = shellFileAccess();
  registerBridge(room, () => BrowserWindow.getAllWindows());
  keepAwakeDuringSessions(room);
  startClinicSync(room, dataDir, keychainPasswordStore(dataDir));
  void startMonitor(room);
  let win: BrowserWindow | null = createRoomWindow(path.resolve(here, '../preload'));
  // Web Bluetooth: the devices found are offered in the room's own dialog, never Chromium's chooser.
  win.webContents.on('select-bluetooth-device', (event, devices, answer) => {
    event.preventDefault();
    bluetoothChooserOf(room).offer(
      devices.map((d) => ({ id: d.deviceId, name: d.deviceName || 'Unnamed device' })),
      (id) => answer(id ?? ''),
    );
  });
  providePdfPrinting(room, () => win);
  win.on('closed', () => (win = null));
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  // Every way out (the last window closed, Quit from the menu, logging out) closes the room first: the sync's batch,
  // the backup of a session just closed, then the database.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void (monitorOf(room)?.close() ?? Promise.resolve())
      .then(() => closeRoom(room))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
  app.on('window-all-closed', () => app.quit());
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerSchemes();
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) =>
      showStartupProblem(
        err instanceof RoomError
          ? err.message
          : `Session Room could not start: ${(err as Error)?.message ?? String(err)}.`,
        app.getPath('userData'),
      ),
    );
}
