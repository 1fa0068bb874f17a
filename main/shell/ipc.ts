import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { ipcChannel, ipcPushChannel, METHODS } from '../core/contract/channels';
import { dispatch } from '../core/bridge/dispatch';
import { RequestLedger, storedAnswers } from '../core/bridge/request-ledger';
import type { Room } from '../core/room';
import { APP_ORIGIN } from './protocol';

/** The IPC adapter: one ipcMain.handle per contract method, all through the same dispatch the browser host uses. */
export function registerBridge(room: Room, windows: () => BrowserWindow[]): () => void {
  const ledger = new RequestLedger(storedAnswers(room.db));
  for (const method of METHODS) {
    ipcMain.handle(ipcChannel(method), (event: IpcMainInvokeEvent, args: unknown, requestId: unknown) => {
      if (!event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`)) {
        return { ok: false, error: { code: 'forbidden', message: 'Only the room window may call the room.' } };
      }
      // A call the window sends again after "Try again" gets the first one's answer: nothing is written twice.
      return ledger.run(typeof requestId === 'string' ? requestId : undefined, method, args, () =>
        dispatch(room.handlers, method, args),
      );
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
