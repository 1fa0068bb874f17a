import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannel, ipcPushChannel, METHODS, PUSH_CHANNELS, type PushChannel } from '../main/core/contract/channels';

/** window.room: one function per contract method, each one ipcRenderer.invoke on its own channel; plus pushes. */
// The request id lets the room answer a retried call once (see main/core/bridge/request-ledger.ts).
const room: Record<string, unknown> = Object.fromEntries(
  METHODS.map((method) => [
    method,
    (args: unknown, requestId?: string) =>
      ipcRenderer.invoke(ipcChannel(method), args, typeof requestId === 'string' ? requestId : undefined),
  ]),
);

room.on = (channel: PushChannel, listener: (payload: unknown) => void) => {
  if (!(PUSH_CHANNELS as readonly string[]).includes(channel)) throw new Error(`Unknown room channel: ${channel}`);
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(ipcPushChannel(channel), forward);
  return () => {
    ipcRenderer.removeListener(ipcPushChannel(channel), forward);
  };
};

contextBridge.exposeInMainWorld('room', room);
