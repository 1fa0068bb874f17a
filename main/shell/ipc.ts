import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { ipcChannel, ipcPushChannel, METHODS } from '../../preload/channels';
import { dispatch } from '../core/bridge/dispatch';
import type { Room } from '../core/room';
import { APP_ORIGIN } from './protocol';

/** The IPC adapter: one ipcMain.handle per contract method, all through the same dispatch the browser host uses. */
export function registerBridge(room: Room, windows: () => BrowserWindow[]): () => void {
  for (const method of METHODS) {
    ipcMain.handle(ipcChannel(method), (event: IpcMainInvokeEvent, args: unknown) => {
      if (!event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`)) {
        return { ok: false, error: { code: 'forbidden', message: 'Only the room window may call the room.' } };
      }
      return dispatch(room.handlers, method, args);
    });
  }
  const unsubscribe = room.onPush((channel, payload) => {
    for (const win of windows()) if (!win.isDestroyed()) win.webContents.send(ipcPushChannel(channel), payload);
  });
  return () => {
    unsubscribe();
    for (const method of METHODS) ipcMain.removeHandler(ipcChannel(method));
  };
}
